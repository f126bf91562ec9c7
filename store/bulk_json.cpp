#include "store/bulk_json.hpp"

#include "store/transport.hpp"

namespace tickets {

nlohmann::json parse_bulk_json(std::string_view text) {
    static const auto parse = transport::load(transport::Module::json).parse_json;
    nlohmann::json value;
    transport::throw_on(parse(text, value));
    return value;
}

bool parse_bulk_events(std::string_view text, WireLine& line) {
    static const auto parse = transport::load(transport::Module::json).parse_events;
    bool handled = false;
    transport::throw_on(parse(text, line, handled));
    return handled;
}

} // namespace tickets
