// The HTTP/1.1 server under `tickets serve`, on cpp-httplib: a thread pool,
// body limit, timeouts, access log on stderr, and a graceful stop on
// SIGTERM/SIGINT. What the routes do is sync/http_server.cpp's business.
#include "sync/http_listener.hpp"

#include "core/error.hpp"

#include <atomic>
#include <cerrno>
#include <csignal>
#include <fmt/format.h>
#include <httplib.h>
#include <thread>
#include <unistd.h>

namespace tickets {

namespace {

std::atomic<bool> g_stop{false};
int g_stop_pipe[2] = {-1, -1};

void on_signal(int) {
    g_stop = true;
    char byte = 1;
    // write(2) is async-signal-safe; the watcher thread does the real work.
    [[maybe_unused]] auto n = ::write(g_stop_pipe[1], &byte, 1);
}

std::string error_json(const std::string& message) {
    // The only texts here are our own fixed ones: no escaping needed.
    return fmt::format("{{\"error\":\"{}\"}}", message);
}

httplib::Server::Handler adapt(const Route& route) {
    return [&route](const httplib::Request& req, httplib::Response& res) {
        ServerRequest in{
            req.method, req.path, req.remote_addr, req.get_header_value("Authorization"), req.body,
            {},         {}};
        for (const auto& [name, value] : req.params) in.params.emplace(name, value);
        for (size_t i = 1; i < req.matches.size(); ++i) in.matches.push_back(req.matches[i].str());
        ServerResponse out = route.handle(in);
        res.status = out.status;
        res.set_content(out.body, "application/json");
        if (!out.user.empty()) res.set_header("X-Tickets-User", out.user);
    };
}

} // namespace

void listen_and_serve(const ServerSettings& s, const std::vector<Route>& routes,
                      const std::function<void(int port)>& listening) {
    httplib::Server server;
    server.set_payload_max_length(s.max_body_bytes);
    server.set_read_timeout(30, 0);
    server.set_write_timeout(60, 0);
    // Headers and body go out in separate writes: with Nagle's algorithm the
    // body waited for the client's delayed ACK, 40 ms per answer.
    server.set_tcp_nodelay(true);
    for (const auto& route : routes) {
        if (route.method == "GET")
            server.Get(route.pattern, adapt(route));
        else
            server.Post(route.pattern, adapt(route));
    }
    server.set_error_handler([](const httplib::Request&, httplib::Response& res) {
        if (res.body.empty())
            res.set_content(error_json(res.status == 413
                                           ? std::string("request too large")
                                           : fmt::format("HTTP status {}", res.status)),
                            "application/json");
    });
    if (s.access_log)
        server.set_logger([](const httplib::Request& req, const httplib::Response& res) {
            std::string user = res.get_header_value("X-Tickets-User");
            fmt::print(stderr, "{} {} {} {} {} {}\n", req.remote_addr, user.empty() ? "-" : user,
                       req.method, req.path, res.status, res.body.size());
        });

    if (::pipe(g_stop_pipe) != 0) throw Failure(kTempFail, "serve: cannot create a pipe");
    std::signal(SIGTERM, on_signal);
    std::signal(SIGINT, on_signal);
    std::signal(SIGPIPE, SIG_IGN);
    std::thread watcher([&server] {
        char byte;
        while (::read(g_stop_pipe[0], &byte, 1) < 0 && errno == EINTR) {
        }
        server.stop(); // stops accepting; the worker pool finishes requests in flight
    });
    int port = s.port;
    if (port == 0)
        port = server.bind_to_any_port(s.host);
    else if (!server.bind_to_port(s.host, port))
        port = -1;
    if (port < 0) {
        on_signal(0);
        watcher.join();
        throw Failure(kUnavailable, fmt::format("serve: cannot listen on {}:{}", s.host, s.port));
    }
    listening(port);
    server.listen_after_bind();
    if (!g_stop) on_signal(0);
    watcher.join();
}

} // namespace tickets
