#pragma once
// The HTTP client inside the helper tickets-remote-http (cpp-httplib).
#include "sync/http_exchange.hpp"

#include <memory>

namespace tickets {

// One connection, reused across exchanges to the same origin.
class HttpClient {
  public:
    virtual ~HttpClient() = default;
    virtual HttpResult exchange(const HttpExchange& request) = 0;
};

std::unique_ptr<HttpClient> open_http_client();

} // namespace tickets
