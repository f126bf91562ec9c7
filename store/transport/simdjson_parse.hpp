#pragma once
// simdjson's parse, converted into nlohmann::json: the json module's one
// function (store/transport/json_module.cpp), and compiled into the unit
// tests as well, which hold it to nlohmann's parser like core/json_parse.
#include <nlohmann/json.hpp>
#include <string_view>

namespace tickets::transport {

// Malformed text (invalid UTF-8 included) throws Failure(kDataErr,
// "malformed JSON: …"), which the module returns as an Error.
nlohmann::json parse_json_simdjson(std::string_view text);

} // namespace tickets::transport
