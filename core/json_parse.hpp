#pragma once
// JSON text to nlohmann::json, parsed by RapidJSON's SAX reader: nlohmann's
// own parser reads a byte at a time and is a third slower. (Bulk input,
// import lines and pulled pages, goes through simdjson instead, in a module:
// see store/bulk_json.hpp.) The values are the ones nlohmann::json::parse
// gives (the last of duplicate keys winning), integers as int64 when they
// fit and uint64 above, other numbers as double; malformed text, invalid
// UTF-8 included, throws Failure(kDataErr, "malformed JSON: …").
#include <nlohmann/json.hpp>
#include <string_view>

namespace tickets {

// Deeper nesting is refused (every document of the store is a few levels
// deep; a stranger's hundred thousand '[' would overflow the stack of the
// code that walks the tree).
constexpr std::size_t kMaxJsonDepth = 64;

nlohmann::json parse_json(std::string_view text);

// The member `key` of `object` (a JSON object) for a parser to fill, made
// null when new. Keys that come in ascending order, as in canonical JSON
// (every event and document the store writes), are appended without a
// search; others are looked up, and a repeated key gets the slot it had
// (the last value wins, as in nlohmann::json::parse).
nlohmann::json& member_slot(nlohmann::json& object, std::string key);

} // namespace tickets
