#pragma once
// The modules: HTTP client and server (cpp-httplib), SMTP (libcurl), MIME
// parsing (GMime) and bulk JSON parsing (simdjson).
//
// Why modules: those libraries bring about 45 shared libraries with them,
// and loading them cost ~20 ms per process, twice the time budget of `new`,
// `show` and `list`, which never use them. So their code is built as four
// shared modules (store/transport/), embedded in the `tickets` binary and
// each loaded on first use (store/transport_loader.cpp): still one binary,
// and each command pays only for the library it uses: push, pull and serve
// for cpp-httplib, outbox for libcurl, mail-in for GMime, import and pull
// for simdjson.
//
// The binary itself links its C++ libraries statically, libstdc++ included
// (CMakeLists.txt), and the modules load the shared libstdc++: so this
// header is the whole interface between the two: plain standard types and
// nlohmann::json values (header-only; memory from the one malloc both
// share), and no exceptions: a Failure thrown in a module was not caught
// in the binary (the process aborted), so failures come back as an Error. No SQLite
// either: one process must never hold two copies of SQLite, or its file
// locks break.
#include "store/bulk_json.hpp"
#include "store/mail_message.hpp"

#include <cstddef>
#include <functional>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

namespace tickets::transport {

struct HttpExchange {
    std::string method; // GET or POST
    std::string url;
    std::vector<std::string> headers; // "Name: value"
    std::string body;                 // sent for POST
    bool compress = false;            // accept gzip/deflate/br answers
};

struct HttpResult {
    bool answered = false;  // false: no HTTP answer (refused, reset, timeout…)
    bool permanent = false; // a failure retrying cannot fix (TLS, malformed URL)
    std::string error;      // why there was no answer
    long status = 0;
    std::string body;
};

// One connection, reused across exchanges.
class HttpClient {
  public:
    virtual ~HttpClient() = default;
    virtual HttpResult exchange(const HttpExchange& request) = 0;
};

struct SmtpDelivery {
    std::string url;  // smtp://host:port or smtps://host:port
    std::string from; // envelope sender
    std::string user, password;
    std::vector<std::string> recipients;
    std::string message; // RFC 5322
};

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

// What a module's function returns instead of throwing Failure.
struct Error {
    int code = 0; // an exit code of core/error.hpp; 0: no failure
    std::string message;
};
// Throws the Failure an Error stands for (in the binary).
void throw_on(const Error& error);

// Each module fills in its own entries and leaves the others null.
struct Table {
    int version;
    std::unique_ptr<HttpClient> (*open_http_client)();
    // Empty when the server accepted the message, else why not.
    std::string (*send_mail)(const SmtpDelivery& delivery);
    // See parse_mail in store/mail_message.hpp; kDataErr when the message
    // is refused.
    Error (*parse_mail)(std::string_view raw, IncomingMail& mail);
    // Serves until SIGTERM or SIGINT, then finishes the requests in flight
    // and returns; `listening` is called with the bound port. kUnavailable
    // when the address cannot be bound. The routes' handlers must not throw.
    Error (*serve)(const ServerSettings& settings, const std::vector<Route>& routes,
                   const std::function<void(int port)>& listening);
    // kDataErr for malformed text (see store/bulk_json.hpp).
    Error (*parse_json)(std::string_view text, nlohmann::json& value);
    // parse_bulk_events (store/bulk_json.hpp): `handled` is its result.
    Error (*parse_events)(std::string_view text, WireLine& line, bool& handled);
};

constexpr int kTableVersion = 4;

enum class Module {
    net,  // open_http_client, serve: cpp-httplib
    smtp, // send_mail: libcurl
    mail, // parse_mail: GMime
    json, // parse_json, parse_events: simdjson
};

// The module's table, loaded on first use. Throws Failure(kUnavailable)
// when the module or one of its libraries cannot be loaded.
const Table& load(Module module);

} // namespace tickets::transport

// Each module's one exported symbol.
extern "C" const tickets::transport::Table* tickets_transport_table();
