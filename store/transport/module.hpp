#pragma once
// Inside the transport module: the functions behind its table.
#include "store/transport.hpp"

namespace tickets::transport {

void init_curl(); // once per process
std::unique_ptr<HttpClient> open_http_client();
std::string send_mail(const SmtpDelivery& delivery);
IncomingMail parse_mail(std::string_view raw);
void serve(const ServerSettings& settings, const std::vector<Route>& routes,
           const std::function<void(int port)>& listening);

} // namespace tickets::transport
