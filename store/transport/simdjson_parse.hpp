#pragma once
// simdjson's parse, converted into nlohmann::json: the json module's one
// function (store/transport/json_module.cpp), and compiled into the unit
// tests as well, which hold it to nlohmann's parser like core/json_parse.
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

namespace tickets::transport {

// False, with simdjson's reason in `error`, for malformed text (invalid
// UTF-8 included).
bool parse_json_simdjson(std::string_view text, nlohmann::json& value, std::string& error);

} // namespace tickets::transport
