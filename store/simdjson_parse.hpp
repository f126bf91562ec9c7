#pragma once
// simdjson's parse, converted into nlohmann::json or read straight into
// events: what store/bulk_json.cpp uses when the build has simdjson
// (TICKETS_SIMDJSON). The unit tests hold it to nlohmann's parser like
// core/json_parse.
#include "store/bulk_json.hpp"

#include <nlohmann/json.hpp>
#include <string_view>

namespace tickets {

// Malformed text (invalid UTF-8 included) throws Failure(kDataErr,
// "malformed JSON: …").
nlohmann::json parse_json_simdjson(std::string_view text);
// parse_bulk_events (store/bulk_json.hpp).
bool parse_wire_line_simdjson(std::string_view text, WireLine& line);

} // namespace tickets
