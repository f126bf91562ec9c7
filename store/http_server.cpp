#include "store/http_server.hpp"

#include "core/error.hpp"
#include "store/accounts.hpp"
#include "store/sync_server.hpp"

#include <SQLiteCpp/Exception.h>
#include <atomic>
#include <chrono>
#include <csignal>
#include <fmt/format.h>
#include <httplib.h>
#include <sqlite3.h>
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

void send_json(httplib::Response& res, int status, const Json& body) {
    res.status = status;
    res.set_content(body.dump(), "application/json");
}

void send_error(httplib::Response& res, int status, const std::string& message) {
    send_json(res, status, {{"error", message}});
}

int http_status_of(const Failure& f) {
    switch (f.code()) {
    case kNotFound: return 404;
    case kNoPerm: return 403;
    case kUsage:
    case kDataErr: return 400;
    case kTempFail: return 503;
    default: return 500;
    }
}

// One connection per worker thread: SQLite connections must not be shared
// between threads, and opening one per request would cost more.
Repository& thread_repo(const std::filesystem::path& dir) {
    thread_local std::unique_ptr<Repository> repo;
    if (!repo) repo = Repository::open(dir);
    return *repo;
}

using Handler = std::function<void(Repository&, Accounts&, const User&, const httplib::Request&,
                                   httplib::Response&)>;

// Authentication and error mapping around every endpoint.
httplib::Server::Handler authenticated(const std::filesystem::path& dir, Handler handler) {
    return [dir, handler](const httplib::Request& req, httplib::Response& res) {
        try {
            Repository& repo = thread_repo(dir);
            Accounts accounts(repo);
            std::string auth = req.get_header_value("Authorization");
            const std::string bearer = "Bearer ";
            if (auth.rfind(bearer, 0) != 0) {
                send_error(res, 401, "missing bearer token");
                return;
            }
            auto user = accounts.authenticate(auth.substr(bearer.size()));
            if (!user) {
                send_error(res, 401, "unknown or revoked token");
                return;
            }
            res.set_header("X-Tickets-User", user->email);
            handler(repo, accounts, *user, req, res);
        } catch (const Failure& f) {
            send_error(res, http_status_of(f), f.what());
        } catch (const Json::exception& e) {
            send_error(res, 400, std::string("malformed JSON: ") + e.what());
        } catch (const SQLite::Exception& e) {
            send_error(res, e.getErrorCode() == SQLITE_BUSY ? 503 : 500, std::string("store: ") + e.what());
        } catch (const std::exception& e) {
            send_error(res, 500, e.what());
        }
    };
}

std::int64_t query_int(const httplib::Request& req, const char* name, std::int64_t fallback) {
    if (!req.has_param(name)) return fallback;
    std::string v = req.get_param_value(name);
    try {
        size_t used = 0;
        long long n = std::stoll(v, &used);
        if (used != v.size() || n < 0) throw std::invalid_argument(v);
        return n;
    } catch (const std::exception&) {
        throw Failure(kUsage, fmt::format("query parameter {}={} is not a non-negative integer", name, v));
    }
}

} // namespace

void serve(const std::filesystem::path& repo_dir, const ServeOptions& options) {
    Repository::open(repo_dir); // fail early on a missing store
    httplib::Server server;
    server.set_payload_max_length(options.max_body_bytes);
    server.set_read_timeout(30, 0);
    server.set_write_timeout(60, 0);

    server.Get("/v1/whoami", authenticated(repo_dir, [](Repository&, Accounts&, const User& u,
                                                        const httplib::Request&, httplib::Response& res) {
        send_json(res, 200, {{"email", u.email}, {"role", u.role}, {"organisation", u.organisation},
                             {"restricted", u.restricted}});
    }));
    server.Get("/v1/events", authenticated(repo_dir, [](Repository& repo, Accounts& accounts, const User& u,
                                                        const httplib::Request& req, httplib::Response& res) {
        std::int64_t after = query_int(req, "after", 0);
        std::int64_t limit = query_int(req, "limit", kDefaultPageSize);
        if (limit < 1 || limit > kMaxPageSize)
            throw Failure(kUsage, fmt::format("limit must be between 1 and {}", kMaxPageSize));
        send_json(res, 200, pull_page(repo, accounts, u, after, static_cast<int>(limit)));
    }));
    server.Get(R"(/v1/tickets/([0-9a-f]{64})/events)",
               authenticated(repo_dir, [](Repository& repo, Accounts& accounts, const User& u,
                                          const httplib::Request& req, httplib::Response& res) {
                   send_json(res, 200, ticket_events(repo, accounts, u, req.matches[1]));
               }));
    server.Post("/v1/events", authenticated(repo_dir, [](Repository& repo, Accounts& accounts, const User& u,
                                                         const httplib::Request& req, httplib::Response& res) {
        Json body = Json::parse(req.body);
        if (!body.is_object() || !body.contains("events"))
            throw Failure(kDataErr, "body must be an object with an 'events' array");
        send_json(res, 200, push_events(repo, accounts, u, body["events"]));
    }));
    server.set_error_handler([](const httplib::Request&, httplib::Response& res) {
        if (res.body.empty())
            send_error(res, res.status, res.status == 413 ? std::string("request too large") : fmt::format("HTTP status {}", res.status));
    });
    if (options.access_log)
        server.set_logger([](const httplib::Request& req, const httplib::Response& res) {
            std::string user = res.get_header_value("X-Tickets-User");
            fmt::print(stderr, "{} {} {} {} {} {}\n", req.remote_addr, user.empty() ? "-" : user, req.method,
                       req.path, res.status, res.body.size());
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
    int port = options.port;
    if (port == 0) port = server.bind_to_any_port(options.host);
    else if (!server.bind_to_port(options.host, port)) port = -1;
    if (port < 0) {
        on_signal(0);
        watcher.join();
        throw Failure(kUnavailable, fmt::format("serve: cannot listen on {}:{}", options.host, options.port));
    }
    fmt::print(stderr, "tickets: serving {} on http://{}:{}/v1/\n", repo_dir.string(), options.host, port);
    server.listen_after_bind();
    if (!g_stop) on_signal(0);
    watcher.join();
    fmt::print(stderr, "tickets: server stopped\n");
}

} // namespace tickets
