#pragma once
// Inside the transport modules: the functions behind their tables.
#include "store/transport.hpp"

namespace tickets::transport {

std::unique_ptr<HttpClient> open_http_client();
std::string send_mail(const SmtpDelivery& delivery);
IncomingMail parse_mail(std::string_view raw);
void serve(const ServerSettings& settings, const std::vector<Route>& routes,
           const std::function<void(int port)>& listening);

} // namespace tickets::transport
