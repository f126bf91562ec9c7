#include "web/portal_context.hpp"

#include "core/error.hpp"
#include "core/fold.hpp"
#include "core/ids.hpp"
#include "core/pseudonym.hpp"
#include "store/config.hpp"
#include "store/ticket_defaults.hpp"
#include "sync/http_server.hpp"
#include "sync/sync_server.hpp"

#include <SQLiteCpp/Exception.h>
#include <cctype>
#include <fmt/format.h>
#include <sqlite3.h>

namespace tickets {

namespace {

// Nothing from elsewhere and nothing inline: the style sheet and the one
// script are files of this site; no frames, forms only to this site.
constexpr const char* kContentSecurityPolicy =
    "default-src 'none'; script-src 'self'; connect-src 'self'; style-src 'self'; "
    "img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

} // namespace

bool same_token(const std::string& a, const std::string& b) {
    // Compared without stopping at the first difference.
    if (a.size() != b.size() || a.empty()) return false;
    unsigned char diff = 0;
    for (size_t i = 0; i < a.size(); ++i) diff |= static_cast<unsigned char>(a[i] ^ b[i]);
    return diff == 0;
}

bool is_hex_token(const std::string& token) {
    return token.size() == 64 && token.find_first_not_of("0123456789abcdef") == std::string::npos;
}

ServerResponse expired_form_page(const PageFrame& frame) {
    return error_page(frame, 403,
                      frame.german ? "Das Formular ist abgelaufen; laden Sie die Seite neu."
                                   : "The form has expired; reload the page.");
}

std::string cookie_value(const std::string& header, const std::string& name) {
    size_t at = 0;
    while (at < header.size()) {
        size_t end = header.find(';', at);
        if (end == std::string::npos) end = header.size();
        std::string_view pair(header.data() + at, end - at);
        while (!pair.empty() && pair.front() == ' ') pair.remove_prefix(1);
        if (pair.size() > name.size() && pair.substr(0, name.size()) == name &&
            pair[name.size()] == '=')
            return std::string(pair.substr(name.size() + 1));
        at = end + 1;
    }
    return "";
}

std::optional<WebSession> session_of(Repository& repo, const std::string& cookie_header,
                                     Instant now, std::string* token) {
    std::string value = cookie_value(cookie_header, kSessionCookieName);
    if (token) *token = value;
    if (value.empty()) return std::nullopt;
    return WebSessions(repo).find(value, now);
}

std::string url_encoded(const std::string& text) {
    std::string out;
    for (unsigned char c : text) {
        if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~' || c == '/')
            out += static_cast<char>(c);
        else
            out += fmt::format("%{:02X}", c);
    }
    return out;
}

std::string form_value(const ServerRequest& req, const std::string& name) {
    auto it = req.form.find(name);
    return it == req.form.end() ? "" : it->second;
}

bool wants_german(const ServerRequest& req) {
    if (auto it = req.params.find("lang"); it != req.params.end()) return it->second != "en";
    std::string cookie = cookie_value(req.cookie, kLanguageCookie);
    if (!cookie.empty()) return cookie != "en";
    std::string first = req.accept_language.substr(0, 2);
    return !(first == "en" || first == "EN");
}

void secure(ServerResponse& r) {
    r.headers.emplace_back("Content-Security-Policy", kContentSecurityPolicy);
    r.headers.emplace_back("X-Content-Type-Options", "nosniff");
    r.headers.emplace_back("Referrer-Policy", "no-referrer");
    r.headers.emplace_back("X-Frame-Options", "DENY");
    r.headers.emplace_back("Cache-Control", "no-store");
}

ServerResponse html_response(int status, std::string body) {
    ServerResponse r{status, std::move(body), "", "text/html; charset=utf-8"};
    secure(r);
    return r;
}

ServerResponse redirect(const std::string& location) {
    ServerResponse r = html_response(303, "");
    r.headers.emplace_back("Location", location);
    return r;
}

std::pair<std::string, std::string> set_cookie(const PortalOptions& options,
                                               const std::string& name, const std::string& value,
                                               Instant max_age) {
    bool tls = options.base_url.rfind("https://", 0) == 0;
    return {"Set-Cookie", fmt::format("{}={}; Path=/; Max-Age={}; HttpOnly; SameSite=Lax{}", name,
                                      value, max_age, tls ? "; Secure" : "")};
}

std::string safe_next(const std::string& next) {
    // "//host" and "/\host" would leave the site; control characters split headers.
    if (next.size() < 1 || next[0] != '/' ||
        (next.size() > 1 && (next[1] == '/' || next[1] == '\\')))
        return "/";
    for (unsigned char c : next)
        if (c < 0x20 || c == 0x7f) return "/";
    return next;
}

ServerResponse error_page(const PageFrame& frame, int status, const std::string& message) {
    PageFrame f = frame;
    f.error = message;
    return html_response(status,
                         message_page(f, f.german ? "Nicht möglich" : "Not possible", message));
}

// A failure of the server's own: logged, and not shown to the user.
static ServerResponse logged_error(const PageFrame& frame, const ServerRequest& req,
                                   const std::string& what) {
    fmt::print(stderr, "tickets-serve: {} {}: {}\n", req.method, req.path, what);
    return error_page(frame, 500,
                      frame.german ? "Ein Fehler des Dienstes; er ist protokolliert."
                                   : "An error of the service; it has been logged.");
}

Route signed_in(std::string method, std::string pattern, const std::filesystem::path& dir,
                const PortalOptions& options, PageHandler handler) {
    bool post = method == "POST";
    auto handle = [dir, &options, handler, post](const ServerRequest& req) -> ServerResponse {
        PageFrame frame;
        frame.german = wants_german(req);
        frame.path = req.path;
        try {
            Repository& repo = thread_repo(dir);
            Accounts accounts(repo);
            Instant now = clock_now();
            std::string token;
            std::optional<WebSession> session = session_of(repo, req.cookie, now, &token);
            std::optional<User> user;
            if (session) user = accounts.user(session->email);
            if (!user) {
                if (post)
                    return error_page(
                        frame, 401, frame.german ? "Bitte melden Sie sich an." : "Please sign in.");
                std::string next = req.path;
                if (!req.params.empty()) {
                    std::string query;
                    for (const auto& [k, v] : req.params)
                        if (k != "lang") // as the browser sent them: encoded
                            query += fmt::format("{}{}={}", query.empty() ? "?" : "&",
                                                 url_encoded(k), url_encoded(v));
                    next += query;
                }
                return redirect("/login?next=" + url_encoded(next));
            }
            if (post && !same_token(form_value(req, "csrf"), session->csrf))
                return expired_form_page(frame);
            frame.user = user->email;
            frame.csrf = session->csrf;
            PortalRequest p{repo, accounts, req, options, now, *user, *session, token, frame};
            ServerResponse r = handler(p);
            r.user = user->email;
            if (auto it = req.params.find("lang"); it != req.params.end())
                r.headers.push_back(set_cookie(options, kLanguageCookie,
                                               it->second == "en" ? "en" : "de", kSessionSeconds));
            return r;
        } catch (const Failure& f) {
            if (f.code() == kConfig) { // the operator's to mend, not the customer's to read
                fmt::print(stderr, "tickets-serve: {} {}: {}\n", req.method, req.path, f.what());
                return error_page(frame, 500,
                                  frame.german ? "Das Portal ist falsch eingerichtet; bitte "
                                                 "versuchen Sie es später noch einmal."
                                               : "The portal is misconfigured; please try again "
                                                 "later.");
            }
            return error_page(frame, http_status_of(f), f.what());
        } catch (const SQLite::Exception& e) {
            bool busy = e.getErrorCode() == SQLITE_BUSY || e.getErrorCode() == SQLITE_LOCKED;
            if (busy)
                return error_page(frame, 503,
                                  frame.german ? "Der Dienst ist ausgelastet; versuchen Sie es "
                                                 "gleich noch einmal."
                                               : "The service is busy; try again in a moment.");
            return logged_error(frame, req, std::string("store: ") + e.what());
        } catch (const std::exception& e) {
            return logged_error(frame, req, e.what());
        }
    };
    Route r{std::move(method), std::move(pattern), handle, Gate::session};
    return r;
}

std::optional<std::string> push_as_user(PortalRequest& p, const std::string& type,
                                        const std::string& ticket_id, Json payload,
                                        std::string* event_id, std::string* skipped) {
    Event e;
    e.type = type;
    e.ticket = ticket_id;
    e.author = p.user.email;
    if (!ticket_id.empty())
        if (auto alias = p.accounts.own_pseudonym(ticket_id, p.user.email)) e.author = *alias;
    if (type == "create" && is_pseudonym(payload.value("requester", "")))
        e.author = payload["requester"];
    e.time = p.now;
    e.lamport = p.repo.lamport_clock() + 1;
    e.payload = std::move(payload);
    e = seal(std::move(e));
    if (event_id) *event_id = e.id;
    // A push keeps an event the workflow refuses (skipped, for the order of
    // replicas); a page has no such need and leaves the store alone.
    if (!ticket_id.empty() && p.repo.has_ticket(ticket_id)) {
        Ticket t = p.repo.folded(ticket_id);
        if (auto why = apply_event(t, e)) return why;
    }
    ServerPolicy policy = server_policy(Config::load(p.repo.dir()));
    Json answer =
        push_events(p.repo, p.accounts, p.user, Json::array({event_to_json(e)}), policy, p.now);
    const Json& result = answer["results"].at(0);
    if (result.value("status", "") == "rejected") return result.value("reason", "refused");
    if (result.contains("skipped")) {
        if (!skipped) return result["skipped"].get<std::string>();
        *skipped = result["skipped"].get<std::string>();
    }
    return std::nullopt;
}

} // namespace tickets
