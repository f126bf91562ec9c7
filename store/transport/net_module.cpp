// The entry point of the net module (cpp-httplib: the sync client and tickets serve); the binary
// finds this one symbol with dlsym.
#include "store/transport/module.hpp"

extern "C" __attribute__((visibility("default"))) const tickets::transport::Table*
tickets_transport_table() {
    using namespace tickets::transport;
    static const Table table{kTableVersion,
                             open_http_client,
                             nullptr,
                             nullptr,
                             [](const ServerSettings& settings, const std::vector<Route>& routes,
                                const std::function<void(int port)>& listening) {
                                 return catch_failure([&] { serve(settings, routes, listening); });
                             },
                             nullptr,
                             nullptr};
    return &table;
}
