// The entry point of the smtp module (libcurl: mail delivery); the binary finds
// this one symbol with dlsym.
#include "store/transport/module.hpp"

extern "C" __attribute__((visibility("default"))) const tickets::transport::Table*
tickets_transport_table() {
    using namespace tickets::transport;
    static const Table table{kTableVersion,
                             nullptr,
                             [](const SmtpDelivery& delivery) {
                                 std::string refused;
                                 Error e = catch_failure([&] { refused = send_mail(delivery); });
                                 return e.code ? e.message : refused;
                             },
                             nullptr,
                             nullptr,
                             nullptr,
                             nullptr};
    return &table;
}
