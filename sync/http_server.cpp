// The routes of `tickets serve`: authentication, the sync endpoints of
// docs/PROTOCOL.md and the mapping of failures to HTTP statuses. The HTTP
// server itself is sync/http_listener.cpp, in the helper tickets-serve.
#include "sync/http_server.hpp"

#include "core/error.hpp"
#include "core/json_parse.hpp"
#include "store/accounts.hpp"
#include "store/config.hpp"
#include "store/ticket_defaults.hpp"
#include "sync/http_listener.hpp"
#include "sync/server_limits.hpp"
#include "sync/sync_server.hpp"
#include "web/portal.hpp"

#include <SQLiteCpp/Exception.h>
#include <fmt/format.h>
#include <sqlite3.h>

namespace tickets {

namespace {

// Messages may quote what a client sent, which need not be UTF-8: dump()
// would throw on it, from inside the error path.
ServerResponse json_response(int status, const Json& body) {
    return {status, body.dump(-1, ' ', false, Json::error_handler_t::replace), ""};
}

ServerResponse answer(std::string json) {
    return {200, std::move(json), ""};
}

ServerResponse error_response(int status, const std::string& message) {
    return json_response(status, {{"error", message}});
}

} // namespace

int http_status_of(const Failure& f) {
    switch (f.code()) {
    case kNotFound:
        return 404;
    case kNoPerm:
        return 403;
    case kUsage:
    case kDataErr:
        return 400;
    case kTempFail:
        return 503;
    default:
        return 500;
    }
}

Repository& thread_repo(const std::filesystem::path& dir) {
    thread_local std::unique_ptr<Repository> repo;
    if (!repo) repo = Repository::open(dir);
    return *repo;
}

namespace {

// A handler answers with JSON text (most of them with Json::dump()), or
// with another response (an attachment's bytes).
using Handler =
    std::function<ServerResponse(Repository&, Accounts&, const User&, const ServerRequest&)>;

// Authentication and error mapping around every endpoint.
Route authenticated(std::string method, std::string pattern, const std::filesystem::path& dir,
                    Handler handler) {
    auto handle = [dir, handler](const ServerRequest& req) -> ServerResponse {
        std::string user;
        try {
            Repository& repo = thread_repo(dir);
            Accounts accounts(repo);
            const std::string bearer = "Bearer ";
            if (req.authorization.rfind(bearer, 0) != 0)
                return error_response(401, "missing bearer token");
            auto u = accounts.authenticate(req.authorization.substr(bearer.size()));
            if (!u) return error_response(401, "unknown or revoked token");
            user = u->email;
            ServerResponse r = handler(repo, accounts, *u, req);
            r.user = user;
            return r;
        } catch (const Failure& f) {
            ServerResponse r = error_response(http_status_of(f), f.what());
            r.user = user;
            return r;
        } catch (const Json::exception& e) {
            return error_response(400, std::string("malformed JSON: ") + e.what());
        } catch (const SQLite::Exception& e) {
            return error_response(e.getErrorCode() == SQLITE_BUSY ? 503 : 500,
                                  std::string("store: ") + e.what());
        } catch (const std::exception& e) {
            return error_response(500, e.what());
        }
    };
    return {std::move(method), std::move(pattern), handle};
}

std::int64_t query_int(const ServerRequest& req, const char* name, std::int64_t fallback) {
    auto it = req.params.find(name);
    if (it == req.params.end()) return fallback;
    const std::string& v = it->second;
    try {
        size_t used = 0;
        long long n = std::stoll(v, &used);
        if (used != v.size() || n < 0) throw std::invalid_argument(v);
        return n;
    } catch (const std::exception&) {
        throw Failure(kUsage,
                      fmt::format("query parameter {}={} is not a non-negative integer", name, v));
    }
}

} // namespace

void serve(const std::filesystem::path& repo_dir, const ServeOptions& options) {
    Repository::open(repo_dir);            // fail early on a missing store...
    server_policy(Config::load(repo_dir)); // ...or a bad setting
    std::vector<Route> routes;
    routes.push_back(authenticated("GET", "/v1/whoami", repo_dir,
                                   [](Repository&, Accounts&, const User& u, const ServerRequest&) {
                                       return answer(Json{{"email", u.email},
                                                          {"role", u.role},
                                                          {"organisation", u.organisation},
                                                          {"restricted", u.restricted}}
                                                         .dump());
                                   }));
    routes.push_back(authenticated(
        "GET", "/v1/info", repo_dir,
        [](Repository& repo, Accounts&, const User&, const ServerRequest&) {
            return answer(server_info(server_policy(Config::load(repo.dir()))).dump());
        }));
    routes.push_back(
        authenticated("GET", "/v1/pseudonyms", repo_dir,
                      [](Repository&, Accounts& accounts, const User& u, const ServerRequest&) {
                          return answer(known_pseudonyms(accounts, u).dump());
                      }));
    routes.push_back(authenticated(
        "GET", "/v1/events", repo_dir,
        [](Repository& repo, Accounts& accounts, const User& u, const ServerRequest& req) {
            std::int64_t after = query_int(req, "after", 0);
            std::int64_t limit = query_int(req, "limit", kDefaultPageSize);
            if (limit < 1 || limit > kMaxPageSize)
                throw Failure(kUsage, fmt::format("limit must be between 1 and {}", kMaxPageSize));
            return answer(pull_page(repo, accounts, u, after, static_cast<int>(limit)));
        }));
    routes.push_back(authenticated(
        "GET", R"(/v1/tickets/([0-9a-f]{64})/events)", repo_dir,
        [](Repository& repo, Accounts& accounts, const User& u, const ServerRequest& req) {
            return answer(ticket_events(repo, accounts, u, req.matches.at(0)).dump());
        }));
    routes.push_back(authenticated(
        "GET", R"(/v1/tickets/([0-9a-f]{64})/blobs/([0-9a-f]{64}))", repo_dir,
        [](Repository& repo, Accounts& accounts, const User& u, const ServerRequest& req) {
            ServerResponse r{
                200, send_blob(repo, accounts, u, req.matches.at(0), req.matches.at(1)), ""};
            r.content_type = "application/octet-stream";
            return r;
        }));
    routes.push_back(
        authenticated("POST", R"(/v1/blobs/([0-9a-f]{64}))", repo_dir,
                      [](Repository& repo, Accounts&, const User&, const ServerRequest& req) {
                          receive_blob(repo, req.matches.at(0), req.body);
                          return answer(Json{{"sha256", req.matches.at(0)}}.dump());
                      }));
    routes.push_back(authenticated(
        "POST", "/v1/events", repo_dir,
        [](Repository& repo, Accounts& accounts, const User& u, const ServerRequest& req) {
            // parse_json: UTF-8 checked, and nesting bounded (kMaxJsonDepth).
            Json body = parse_json(req.body);
            if (!body.is_object() || !body.contains("events"))
                throw Failure(kDataErr, "body must be an object with an 'events' array");
            // Read for each push, so that a changed rule or address needs no restart.
            ServerPolicy policy = server_policy(Config::load(repo.dir()));
            return answer(
                push_events(repo, accounts, u, body["events"], policy, clock_now()).dump());
        }));

    routes.push_back(authenticated(
        "GET", "/v1/kb", repo_dir,
        [](Repository& repo, Accounts&, const User&, const ServerRequest& req) {
            std::int64_t after = query_int(req, "after", 0);
            std::int64_t limit = query_int(req, "limit", kDefaultPageSize);
            if (limit < 1 || limit > kMaxPageSize)
                throw Failure(kUsage, fmt::format("limit must be between 1 and {}", kMaxPageSize));
            return answer(kb_page(repo, after, static_cast<int>(limit)).dump());
        }));
    routes.push_back(authenticated(
        "POST", "/v1/kb", repo_dir,
        [](Repository& repo, Accounts&, const User& u, const ServerRequest& req) {
            Json body = parse_json(req.body);
            if (!body.is_object() || !body.contains("events"))
                throw Failure(kDataErr, "body must be an object with an 'events' array");
            return answer(push_kb_versions(repo, u, body["events"]).dump());
        }));

    // The web pages at / (web/portal.hpp); their links in mail go to
    // serve.url, else to the address listened on.
    Config config = Config::load(repo_dir);
    PortalOptions portal{config.get_or("serve.url", "")};
    while (!portal.base_url.empty() && portal.base_url.back() == '/') portal.base_url.pop_back();
    add_portal_routes(routes, repo_dir, portal);

    ServerSettings settings{options.host, options.port, server_limits(config), options.access_log};
    settings.session_valid = [repo_dir](const std::string& cookie) {
        return portal_session_valid(thread_repo(repo_dir), cookie);
    };
    listen_and_serve(settings, routes, [&](int port) {
        if (portal.base_url.empty())
            portal.base_url =
                fmt::format("http://{}:{}",
                            options.host.find(':') == std::string::npos ? options.host
                                                                        : "[" + options.host + "]",
                            port);
        fmt::print(stderr, "tickets: serving {} on http://{}:{}/v1/\n", repo_dir.string(),
                   options.host, port);
    });
    fmt::print(stderr, "tickets: server stopped\n");
}

} // namespace tickets
