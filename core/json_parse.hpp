#pragma once
// JSON text to nlohmann::json, parsed by simdjson: nlohmann's own parser
// reads a byte at a time and took half of an import's parsing thread.
// The values are the ones nlohmann::json::parse gives (object keys in
// order, the last of duplicate keys winning, integers as int64 or uint64,
// other numbers as double); malformed text, invalid UTF-8 included, throws
// Failure(kDataErr, "malformed JSON: …").
#include <nlohmann/json.hpp>
#include <string_view>

namespace tickets {

nlohmann::json parse_json(std::string_view text);

} // namespace tickets
