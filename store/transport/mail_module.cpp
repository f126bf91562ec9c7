// The entry point of the mail module (GMime: parsing incoming mail); the binary finds
// this one symbol with dlsym.
#include "store/transport/module.hpp"

extern "C" __attribute__((visibility("default"))) const tickets::transport::Table*
tickets_transport_table() {
    using namespace tickets::transport;
    static const Table table{kTableVersion,
                             nullptr,
                             nullptr,
                             [](std::string_view raw, tickets::IncomingMail& mail) {
                                 return catch_failure([&] { mail = parse_mail(raw); });
                             },
                             nullptr,
                             nullptr,
                             nullptr};
    return &table;
}
