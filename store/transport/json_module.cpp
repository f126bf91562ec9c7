// The entry point of the json module (simdjson: parsing import lines and
// pulled pages); the binary finds this one symbol with dlsym.
#include "store/transport/module.hpp"
#include "store/transport/simdjson_parse.hpp"

extern "C" __attribute__((visibility("default"))) const tickets::transport::Table*
tickets_transport_table() {
    using namespace tickets::transport;
    static const Table table{kTableVersion,
                             nullptr,
                             nullptr,
                             nullptr,
                             nullptr,
                             [](std::string_view text, nlohmann::json& value) {
                                 return catch_failure([&] { value = parse_json_simdjson(text); });
                             },
                             [](std::string_view text, tickets::WireLine& line, bool& handled) {
                                 return catch_failure(
                                     [&] { handled = parse_wire_line_simdjson(text, line); });
                             }};
    return &table;
}
