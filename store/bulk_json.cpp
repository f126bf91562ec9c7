#include "store/bulk_json.hpp"

#include "build_config.hpp"
#include "core/json_parse.hpp"
#if TICKETS_SIMDJSON
#include "store/simdjson_parse.hpp"
#endif

namespace tickets {

#if TICKETS_SIMDJSON
nlohmann::json parse_bulk_json(std::string_view text) {
    return parse_json_simdjson(text);
}

bool parse_bulk_events(std::string_view text, WireLine& line) {
    return parse_wire_line_simdjson(text, line);
}
#else
nlohmann::json parse_bulk_json(std::string_view text) {
    return parse_json(text);
}

bool parse_bulk_events(std::string_view, WireLine&) {
    return false;
}
#endif

} // namespace tickets
