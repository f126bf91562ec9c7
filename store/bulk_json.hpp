#pragma once
// JSON parsing for bulk input: the lines of an import and the pages of a
// pull. simdjson parses them at a few times the speed of RapidJSON (an
// import of 100,000 tickets ran 7 % longer with RapidJSON), but it comes as
// a shared library only, which would load the shared libstdc++ into every
// command: so it lives in a module (store/transport.hpp), loaded by the
// first call. Values and errors as parse_json (core/json_parse.hpp) gives
// them.
#include <nlohmann/json.hpp>
#include <string_view>

namespace tickets {

nlohmann::json parse_bulk_json(std::string_view text);

} // namespace tickets
