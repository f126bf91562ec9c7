#pragma once
// The HTTP/1.1 server of tickets-serve (cpp-httplib), apart from what its
// routes do (sync/http_server.cpp).
#include <cstddef>
#include <functional>
#include <map>
#include <string>
#include <vector>

namespace tickets {

struct ServerRequest {
    std::string method, path, remote_addr, authorization, body;
    std::map<std::string, std::string> params;
    std::vector<std::string> matches; // the route pattern's groups
};

struct ServerResponse {
    int status = 200;
    std::string body; // JSON
    std::string user; // for the access log; empty when not authenticated
};

struct Route {
    std::string method;  // GET or POST
    std::string pattern; // a regular expression over the path
    std::function<ServerResponse(const ServerRequest&)> handle;
};

struct ServerSettings {
    std::string host;
    int port = 0; // 0: any free port
    std::size_t max_body_bytes = 0;
    bool access_log = true;
};

// Serves until SIGTERM or SIGINT, then finishes the requests in flight and
// returns; `listening` is called with the bound port. Failure(kUnavailable)
// when the address cannot be bound. The routes' handlers must not throw.
void listen_and_serve(const ServerSettings& settings, const std::vector<Route>& routes,
                      const std::function<void(int port)>& listening);

} // namespace tickets
