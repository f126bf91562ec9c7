#pragma once
// simdjson's parse, converted into nlohmann::json or read straight into
// events: the json module's functions (store/transport/json_module.cpp),
// and compiled into the unit
// tests as well, which hold it to nlohmann's parser like core/json_parse.
#include "store/bulk_json.hpp"

#include <nlohmann/json.hpp>
#include <string_view>

namespace tickets::transport {

// Malformed text (invalid UTF-8 included) throws Failure(kDataErr,
// "malformed JSON: …"), which the module returns as an Error.
nlohmann::json parse_json_simdjson(std::string_view text);
// parse_bulk_events (store/bulk_json.hpp): the module's second function.
bool parse_wire_line_simdjson(std::string_view text, WireLine& line);

} // namespace tickets::transport
