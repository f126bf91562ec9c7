// The module's entry point: the binary finds this one symbol with dlsym.
#include "store/transport/module.hpp"

extern "C" __attribute__((visibility("default"))) const tickets::transport::Table*
tickets_transport_table() {
    using namespace tickets::transport;
    static const Table table{kTableVersion, open_http_client, send_mail, parse_mail, serve};
    return &table;
}
