#pragma once
// The HTTP/1.1 server of tickets-serve (cpp-httplib), apart from what its
// routes do (sync/http_server.cpp): limits on connections, time and body
// size that hold for every client, authenticated or not.
#include <cstddef>
#include <functional>
#include <map>
#include <string>
#include <utility>
#include <vector>

namespace tickets {

// A file sent with a multipart/form-data form.
struct FormFile {
    std::string field, filename, content_type, content;
};

struct ServerRequest {
    std::string method, path, remote_addr, authorization, body;
    std::map<std::string, std::string> params;
    std::vector<std::string> matches; // the route pattern's groups
    // For the web pages (web/portal.hpp): the headers they read, and a
    // form's fields (urlencoded or multipart; the body is then empty).
    std::string cookie, content_type, accept_language;
    std::map<std::string, std::string> form;
    std::vector<FormFile> files;
};

struct ServerResponse {
    int status = 200;
    std::string body; // JSON, unless content_type says otherwise
    std::string user; // for the access log; empty when not authenticated
    std::string content_type = "application/json";
    std::vector<std::pair<std::string, std::string>> headers = {};
};

// What a POST must carry before its body is read: the sync API a bearer
// token (whether it is a valid one, the route decides), the signed-in web
// pages a live session (ServerSettings::session_valid); `open` is for the
// few forms anyone may send (asking for a sign-in link): small urlencoded
// bodies of a declared length only.
enum class Gate { token, session, open };
constexpr std::size_t kOpenBodyBytes = 16 * 1024;
// The name of the web pages' session cookie, as it starts in a Cookie header.
constexpr const char* kSessionCookie = "tickets_session=";

struct Route {
    std::string method;  // GET or POST
    std::string pattern; // a regular expression over the path
    std::function<ServerResponse(const ServerRequest&)> handle;
    Gate gate = Gate::token;
};

// The documented limits of `tickets serve` (tickets(1), docs/PROTOCOL.md).
struct ServerLimits {
    std::size_t max_body_bytes = 32 * 1024 * 1024;
    int threads = 16;          // requests served at once
    int max_connections = 128; // served plus waiting; more get 503 at once
    int head_seconds = 10;     // request line and headers, from the first byte
    int body_seconds = 60;     // the whole body, after the headers
    int write_seconds = 60;    // the whole answer
    int idle_seconds = 5;      // a kept-alive connection waiting for a request
};

struct ServerSettings {
    std::string host;
    int port = 0; // 0: any free port
    ServerLimits limits;
    bool access_log = true;
    // Whether a Cookie header holds a live session: asked before the body
    // of a POST to a Gate::session route is read.
    std::function<bool(const std::string& cookie_header)> session_valid = nullptr;
};

// Serves until SIGTERM or SIGINT, then finishes the requests in flight and
// returns; `listening` is called with the bound port. Failure(kUnavailable)
// when the address cannot be bound. An exception from a route becomes a 500
// answer with an error number that the log line repeats.
void listen_and_serve(const ServerSettings& settings, const std::vector<Route>& routes,
                      const std::function<void(int port)>& listening);

} // namespace tickets
