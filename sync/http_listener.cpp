// The HTTP/1.1 server under `tickets serve`, on cpp-httplib's request
// parser and router. Around it, what httplib leaves to its user and a
// server open to strangers needs:
// - a connection cap: a fixed pool of threads and a bounded queue; a
//   connection beyond it gets 503 at once instead of waiting unseen;
// - deadlines for a whole request head, body and answer, not per read:
//   a client sending one byte a second would otherwise hold a thread for
//   hours (httplib's timeouts restart with every byte);
// - the body limit for every way a body can come (Content-Length, chunked,
//   until close), checked while reading, before authentication, with the
//   connection closed afterwards;
// - every exception of a route caught, answered with 500 and logged with a
//   number, so that no request can stop the server.
#include "sync/http_listener.hpp"

#include "core/error.hpp"

#include <arpa/inet.h>
#include <atomic>
#include <cerrno>
#include <chrono>
#include <condition_variable>
#include <csignal>
#include <cstring>
#include <deque>
#include <fmt/format.h>
#include <httplib.h>
#include <mutex>
#include <netdb.h>
#include <optional>
#include <poll.h>
#include <regex>
#include <strings.h>
#include <sys/socket.h>
#include <thread>
#include <unistd.h>

namespace tickets {

namespace {

using Clock = std::chrono::steady_clock;

Clock::time_point in_seconds(int seconds) {
    return Clock::now() + std::chrono::seconds(seconds);
}

std::atomic<bool> g_stop{false};
int g_stop_pipe[2] = {-1, -1};

void on_signal(int) {
    g_stop = true;
    char byte = 1;
    // write(2) is async-signal-safe; the watcher thread does the real work.
    [[maybe_unused]] auto n = ::write(g_stop_pipe[1], &byte, 1);
}

std::string error_json(std::string_view message) {
    // Only our own fixed texts come here: no escaping needed.
    return fmt::format("{{\"error\":\"{}\"}}", message);
}

// Paths and addresses go to the log as they came: control characters would
// let a client write lines of its own into it.
std::string printable(std::string_view s) {
    std::string out;
    for (unsigned char c : s)
        if (c < 0x20 || c == 0x7f)
            out += fmt::format("\\x{:02x}", c);
        else
            out += static_cast<char>(c);
    return out;
}

// One client connection as httplib reads and writes it, with deadlines for
// the current phase instead of a timeout per system call.
class ConnectionStream final : public httplib::Stream {
  public:
    explicit ConnectionStream(int fd) : fd_(fd) {}

    void read_until(Clock::time_point t) { read_deadline_ = t; }
    void write_until(Clock::time_point t) { write_deadline_ = t; }
    // The request was refused before its body was read: the connection
    // cannot carry another request. Up to `drain` bytes of the body are
    // read and dropped after the answer, so that a client that sends its
    // whole body before it reads gets to read the answer.
    void close_after_answer(size_t drain) {
        close_ = true;
        drain_ = drain;
    }
    bool closing() const { return close_; }
    size_t drain() const { return drain_; }

    // Waits for the first byte of the next request.
    bool wait_for_request(Clock::time_point until) { return pos_ < end_ || wait(POLLIN, until); }

    bool is_readable() const override { return pos_ < end_ || wait(POLLIN, read_deadline_); }
    bool is_writable() const override { return wait(POLLOUT, write_deadline_); }

    ssize_t read(char* out, size_t size) override {
        if (pos_ == end_) {
            if (!wait(POLLIN, read_deadline_)) return -1;
            ssize_t got;
            do got = ::recv(fd_, buffer_, sizeof buffer_, 0);
            while (got < 0 && errno == EINTR);
            if (got <= 0) return got;
            pos_ = 0;
            end_ = static_cast<size_t>(got);
        }
        size_t n = std::min(size, end_ - pos_);
        std::memcpy(out, buffer_ + pos_, n);
        pos_ += n;
        return static_cast<ssize_t>(n);
    }

    ssize_t write(const char* data, size_t size) override {
        if (!wait(POLLOUT, write_deadline_)) return -1;
        ssize_t sent;
        do sent = ::send(fd_, data, size, MSG_NOSIGNAL);
        while (sent < 0 && errno == EINTR);
        return sent;
    }

    void get_remote_ip_and_port(std::string& ip, int& port) const override {
        address(::getpeername, ip, port);
    }
    void get_local_ip_and_port(std::string& ip, int& port) const override {
        address(::getsockname, ip, port);
    }
    socket_t socket() const override { return fd_; }

  private:
    int fd_;
    Clock::time_point read_deadline_{}, write_deadline_{};
    bool close_ = false;
    size_t drain_ = 0;
    char buffer_[16 * 1024];
    size_t pos_ = 0, end_ = 0;

    bool wait(short events, Clock::time_point until) const {
        for (;;) {
            auto left = std::chrono::duration_cast<std::chrono::milliseconds>(until - Clock::now());
            if (left.count() <= 0) return false;
            pollfd p{fd_, events, 0};
            int n = ::poll(&p, 1, static_cast<int>(std::min<long long>(left.count(), 1000)));
            if (n > 0) return true;
            if (n < 0 && errno != EINTR) return false;
        }
    }

    template <class Get> void address(Get get, std::string& ip, int& port) const {
        sockaddr_storage addr{};
        socklen_t len = sizeof addr;
        ip.clear();
        port = 0;
        if (get(fd_, reinterpret_cast<sockaddr*>(&addr), &len) != 0) return;
        char host[NI_MAXHOST], serv[NI_MAXSERV];
        if (::getnameinfo(reinterpret_cast<sockaddr*>(&addr), len, host, sizeof host, serv,
                          sizeof serv, NI_NUMERICHOST | NI_NUMERICSERV) == 0) {
            ip = host;
            port = std::atoi(serv);
        }
    }
};

// The connection the calling worker thread serves: the handlers move its
// deadlines from phase to phase.
thread_local ConnectionStream* t_connection = nullptr;
// Set while the accept thread turns a connection away (BoundedPool).
thread_local bool t_turn_away = false;

// httplib's thread pool with a bound: a connection that finds `waiting`
// others already queued is answered 503 by the accepting thread itself.
class BoundedPool final : public httplib::TaskQueue {
  public:
    BoundedPool(int threads, size_t waiting) : waiting_(waiting) {
        for (int i = 0; i < threads; ++i) threads_.emplace_back([this] { work(); });
    }

    void enqueue(std::function<void()> fn) override {
        {
            std::lock_guard lock(mutex_);
            if (jobs_.size() < waiting_) {
                jobs_.push_back(std::move(fn));
                ready_.notify_one();
                return;
            }
        }
        t_turn_away = true;
        fn();
        t_turn_away = false;
    }

    void shutdown() override {
        {
            std::lock_guard lock(mutex_);
            stopping_ = true;
        }
        ready_.notify_all();
        for (auto& t : threads_) t.join();
    }

  private:
    size_t waiting_;
    std::vector<std::thread> threads_;
    std::deque<std::function<void()>> jobs_;
    std::mutex mutex_;
    std::condition_variable ready_;
    bool stopping_ = false;

    void work() {
        for (;;) {
            std::function<void()> fn;
            {
                std::unique_lock lock(mutex_);
                ready_.wait(lock, [this] { return stopping_ || !jobs_.empty(); });
                if (jobs_.empty()) return; // stopping, and everything queued is served
                fn = std::move(jobs_.front());
                jobs_.pop_front();
            }
            fn();
        }
    }
};

// Sends what is left to send, then reads and drops up to `drain` bytes
// that the client still sends, within `seconds`, so that closing does not
// reset the connection before the client has read the answer.
void linger_and_close(int fd, size_t drain, int seconds) {
    ::shutdown(fd, SHUT_WR);
    char sink[16 * 1024];
    auto until = in_seconds(seconds);
    size_t dropped = 0;
    while (Clock::now() < until && dropped < drain) {
        pollfd p{fd, POLLIN, 0};
        if (::poll(&p, 1, 100) <= 0) continue;
        ssize_t n = ::recv(fd, sink, sizeof sink, 0);
        if (n <= 0) break;
        dropped += static_cast<size_t>(n);
    }
    ::close(fd);
}

class GuardedServer final : public httplib::Server {
  public:
    explicit GuardedServer(const ServerLimits& limits) : limits_(limits) {
        new_task_queue = [this] {
            return new BoundedPool(
                limits_.threads,
                static_cast<size_t>(std::max(limits_.max_connections - limits_.threads, 0)));
        };
    }

  private:
    ServerLimits limits_;

    // Replaces httplib's loop over the requests of one connection (with
    // its per-read timeouts) by one with deadlines; httplib still parses
    // and routes each request.
    bool process_and_close_socket(socket_t fd) override {
        if (t_turn_away) {
            std::string body = error_json("too many connections; try again later");
            std::string answer =
                fmt::format("HTTP/1.1 503 Service Unavailable\r\nContent-Type: application/json\r\n"
                            "Content-Length: {}\r\nRetry-After: 1\r\nConnection: close\r\n\r\n{}",
                            body.size(), body);
            [[maybe_unused]] auto n =
                ::send(fd, answer.data(), answer.size(), MSG_NOSIGNAL | MSG_DONTWAIT);
            ::shutdown(fd, SHUT_RDWR);
            ::close(fd);
            return true;
        }
        ConnectionStream stream(fd);
        t_connection = &stream;
        bool ok = true;
        for (size_t served = 0; served < keep_alive_max_count_; ++served) {
            if (!stream.wait_for_request(in_seconds(limits_.idle_seconds))) break;
            stream.read_until(in_seconds(limits_.head_seconds));
            stream.write_until(in_seconds(limits_.head_seconds + limits_.write_seconds));
            bool closed = false;
            ok = process_request(stream, served + 1 == keep_alive_max_count_, closed, nullptr);
            if (!ok || closed || stream.closing() || g_stop) break;
        }
        t_connection = nullptr;
        if (stream.closing())
            linger_and_close(fd, stream.drain(), limits_.body_seconds);
        else {
            ::shutdown(fd, SHUT_RDWR);
            ::close(fd);
        }
        return ok;
    }
};

// What is dropped after a refusal: a little, and for a declared length over
// the limit up to twice the limit (a client's push that is too large gets its
// 413; a larger body is cut off).
constexpr size_t kDrainAfterRefusal = 64 * 1024;

void refuse(httplib::Response& res, int status, std::string_view message,
            size_t drain = kDrainAfterRefusal) {
    res.status = status;
    res.set_content(error_json(message), "application/json");
    res.set_header("Connection", "close");
    if (t_connection) t_connection->close_after_answer(drain);
}

// A decimal Content-Length, or nullopt when it is not one.
std::optional<std::uint64_t> content_length(const httplib::Request& req) {
    if (req.get_header_value_count("Content-Length") != 1) return std::nullopt;
    std::string v = req.get_header_value("Content-Length");
    if (v.empty() || v.size() > 18 || v.find_first_not_of("0123456789") != std::string::npos)
        return std::nullopt;
    return std::stoull(v);
}

struct PostRoute {
    std::regex pattern;
    Gate gate;
};

std::size_t body_limit(Gate gate, const ServerLimits& limits) {
    return gate == Gate::open ? std::min(kOpenBodyBytes, limits.max_body_bytes)
                              : limits.max_body_bytes;
}

// A web form's parts, at most: each costs a FormFile whatever its size.
constexpr std::size_t kMaxFormParts = 64;

// Before httplib reads any body: what cannot be answered without reading
// an unbounded one is answered now, and the connection closed after.
httplib::Server::HandlerResponse check_head(const httplib::Request& req, httplib::Response& res,
                                            const ServerSettings& settings,
                                            const std::vector<PostRoute>& post_routes) {
    const ServerLimits& limits = settings.limits;
    using R = httplib::Server::HandlerResponse;
    if (t_connection) {
        t_connection->read_until(in_seconds(limits.body_seconds));
        t_connection->write_until(in_seconds(limits.body_seconds + limits.write_seconds));
    }
    if (req.method == "GET") return R::Unhandled;
    if (req.method != "POST") {
        refuse(res, 405, "method not allowed");
        return R::Handled;
    }
    const PostRoute* route = nullptr;
    for (const auto& r : post_routes)
        if (!route && std::regex_match(req.path, r.pattern)) route = &r;
    if (!route) {
        refuse(res, 404, "not found");
        return R::Handled;
    }
    const std::size_t max_body = body_limit(route->gate, limits);
    if (route->gate == Gate::open &&
        (req.has_header("Transfer-Encoding") ||
         req.get_header_value("Content-Type").rfind("application/x-www-form-urlencoded", 0) != 0)) {
        refuse(res, 415, "this form takes an urlencoded body of a declared length");
        return R::Handled;
    }
    std::string coding = req.get_header_value("Transfer-Encoding");
    bool chunked = strcasecmp(coding.c_str(), "chunked") == 0;
    if (!coding.empty() && !chunked) {
        refuse(res, 501, "transfer encoding not supported");
        return R::Handled;
    }
    bool has_length = req.has_header("Content-Length");
    if (chunked && has_length) {
        refuse(res, 400, "both Content-Length and chunked");
        return R::Handled;
    }
    if (!chunked) {
        auto length = content_length(req);
        if (!length) {
            refuse(res, has_length ? 400 : 411,
                   has_length ? "bad Content-Length" : "Content-Length required");
            return R::Handled;
        }
        if (*length > max_body) {
            refuse(res, 413, "request too large", std::min<std::uint64_t>(*length, 2 * max_body));
            return R::Handled;
        }
    }
    // Nobody without a token (or a session, for the web pages) gets a body
    // read, however small; whether it is a valid one the route decides.
    if (route->gate == Gate::token &&
        req.get_header_value("Authorization").rfind("Bearer ", 0) != 0) {
        refuse(res, 401, "missing bearer token");
        return R::Handled;
    }
    if (route->gate == Gate::session &&
        (req.get_header_value("Cookie").find(kSessionCookie) == std::string::npos ||
         (settings.session_valid && !settings.session_valid(req.get_header_value("Cookie"))))) {
        refuse(res, 401, "not signed in (the session has ended; sign in again)");
        return R::Handled;
    }
    return R::Unhandled;
}

std::atomic<unsigned> g_error_number{0};

// application/x-www-form-urlencoded: name=value pairs joined by '&', with
// '+' for a blank and %XX escapes.
std::string url_decoded(std::string_view s) {
    std::string out;
    for (size_t i = 0; i < s.size(); ++i) {
        auto hex = [](char c) {
            return c >= '0' && c <= '9'   ? c - '0'
                   : c >= 'a' && c <= 'f' ? c - 'a' + 10
                   : c >= 'A' && c <= 'F' ? c - 'A' + 10
                                          : -1;
        };
        if (s[i] == '+')
            out += ' ';
        else if (s[i] == '%' && i + 2 < s.size() && hex(s[i + 1]) >= 0 && hex(s[i + 2]) >= 0) {
            out += static_cast<char>(hex(s[i + 1]) * 16 + hex(s[i + 2]));
            i += 2;
        } else
            out += s[i];
    }
    return out;
}

void parse_urlencoded(std::string_view body, std::map<std::string, std::string>& form) {
    while (!body.empty()) {
        size_t amp = body.find('&');
        std::string_view pair = body.substr(0, amp);
        size_t eq = pair.find('=');
        if (!pair.empty())
            form[url_decoded(pair.substr(0, eq))] =
                eq == std::string_view::npos ? "" : url_decoded(pair.substr(eq + 1));
        if (amp == std::string_view::npos) break;
        body.remove_prefix(amp + 1);
    }
}

ServerRequest request_of(const httplib::Request& req, std::string body) {
    ServerRequest in;
    in.method = req.method;
    in.path = req.path;
    in.remote_addr = req.remote_addr;
    in.authorization = req.get_header_value("Authorization");
    in.body = std::move(body);
    for (const auto& [name, value] : req.params) in.params.emplace(name, value);
    for (size_t i = 1; i < req.matches.size(); ++i) in.matches.push_back(req.matches[i].str());
    in.cookie = req.get_header_value("Cookie");
    in.content_type = req.get_header_value("Content-Type");
    in.accept_language = req.get_header_value("Accept-Language");
    return in;
}

// A failure of the server's own: logged with a number the answer repeats.
ServerResponse internal_error(const ServerRequest& in, const std::string& what) {
    unsigned n = ++g_error_number;
    fmt::print(stderr, "tickets-serve: internal error {}: {} {}: {}\n", n, in.method,
               printable(in.path), what);
    return {500, error_json(fmt::format("internal error {} (see the server log)", n)), ""};
}

void answer(const Route& route, ServerRequest in, httplib::Response& res,
            const ServerLimits& limits) {
    ServerResponse out;
    try {
        out = route.handle(in);
    } catch (const std::exception& e) {
        out = internal_error(in, printable(e.what()));
    } catch (...) {
        out = internal_error(in, "not a std::exception");
    }
    if (t_connection) t_connection->write_until(in_seconds(limits.write_seconds));
    res.status = out.status;
    for (const auto& [name, value] : out.headers) res.set_header(name, value);
    res.set_content(std::move(out.body), out.content_type);
    if (!out.user.empty()) res.set_header("X-Tickets-User", out.user);
}

httplib::Server::Handler get_handler(const Route& route, const ServerLimits& limits) {
    return [&route, &limits](const httplib::Request& req, httplib::Response& res) {
        answer(route, request_of(req, {}), res, limits);
    };
}

// The body is read here, not by httplib, so that the limit holds for
// chunked bodies too: reading stops at the first byte past it.
httplib::Server::HandlerWithContentReader post_handler(const Route& route,
                                                       const ServerLimits& limits) {
    return [&route, &limits](const httplib::Request& req, httplib::Response& res,
                             const httplib::ContentReader& read) {
        const std::size_t max_body = body_limit(route.gate, limits);
        std::string body;
        std::size_t received = 0;
        bool too_large = false;
        auto take = [&](std::string& into, const char* data, size_t n) {
            received += n;
            if (received > max_body) {
                too_large = true;
                return false;
            }
            into.append(data, n);
            return true;
        };
        bool complete = false;
        std::vector<FormFile> parts;
        if (req.is_multipart_form_data()) {
            // A web form: httplib splits the parts while they arrive.
            complete = read(
                [&](const httplib::MultipartFormData& part) {
                    // A part's names count towards the limit as its content does.
                    received += part.name.size() + part.filename.size() + part.content_type.size();
                    if (parts.size() == kMaxFormParts || received > max_body) {
                        too_large = true;
                        return false;
                    }
                    parts.push_back({part.name, part.filename, part.content_type, ""});
                    return true;
                },
                [&](const char* data, size_t n) { return take(parts.back().content, data, n); });
        } else {
            complete = read([&](const char* data, size_t n) { return take(body, data, n); });
        }
        if (too_large) return refuse(res, 413, "request too large");
        if (!complete) return refuse(res, 400, "request body incomplete");
        ServerRequest in = request_of(req, std::move(body));
        // The web pages' forms; the sync API's bodies stay as they came.
        if (route.gate != Gate::token &&
            in.content_type.rfind("application/x-www-form-urlencoded", 0) == 0) {
            parse_urlencoded(in.body, in.form);
            in.body.clear();
        }
        for (auto& part : parts) {
            if (part.filename.empty())
                in.form[part.field] = std::move(part.content);
            else
                in.files.push_back(std::move(part));
        }
        answer(route, std::move(in), res, limits);
    };
}

} // namespace

void listen_and_serve(const ServerSettings& s, const std::vector<Route>& routes,
                      const std::function<void(int port)>& listening) {
    const ServerLimits& limits = s.limits;
    GuardedServer server(limits);
    server.set_payload_max_length(limits.max_body_bytes);
    server.set_keep_alive_timeout(limits.idle_seconds);
    // Headers and body go out in separate writes: with Nagle's algorithm the
    // body waited for the client's delayed ACK, 40 ms per answer.
    server.set_tcp_nodelay(true);
    std::vector<PostRoute> post_routes;
    for (const auto& route : routes) {
        if (route.method == "GET") {
            server.Get(route.pattern, get_handler(route, limits));
        } else {
            server.Post(route.pattern, post_handler(route, limits));
            post_routes.push_back({std::regex(route.pattern), route.gate});
        }
    }
    server.set_pre_routing_handler(
        [&s, &post_routes](const httplib::Request& req, httplib::Response& res) {
            return check_head(req, res, s, post_routes);
        });
    server.set_error_handler([](const httplib::Request&, httplib::Response& res) {
        if (res.body.empty())
            res.set_content(error_json(res.status == 413
                                           ? std::string("request too large")
                                           : fmt::format("HTTP status {}", res.status)),
                            "application/json");
    });
    server.set_logger([&s](const httplib::Request& req, const httplib::Response& res) {
        if (!s.access_log) return;
        std::string user = res.get_header_value("X-Tickets-User");
        fmt::print(stderr, "{} {} {} {} {} {}\n", req.remote_addr, user.empty() ? "-" : user,
                   printable(req.method), printable(req.path), res.status, res.body.size());
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
