#pragma once
// Inside the modules: the functions behind their tables.
#include "core/error.hpp"
#include "store/transport.hpp"

#include <exception>

namespace tickets::transport {

std::unique_ptr<HttpClient> open_http_client();
std::string send_mail(const SmtpDelivery& delivery);
IncomingMail parse_mail(std::string_view raw);
void serve(const ServerSettings& settings, const std::vector<Route>& routes,
           const std::function<void(int port)>& listening);

// Runs a table entry's body and returns what it threw as an Error: no
// exception may leave a module (see store/transport.hpp).
template <class Body> Error catch_failure(Body&& body) noexcept {
    try {
        body();
        return {};
    } catch (const Failure& f) {
        return {f.code(), f.what()};
    } catch (const std::exception& e) {
        return {kTempFail, e.what()};
    }
}

} // namespace tickets::transport
