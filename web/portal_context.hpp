#pragma once
// What every page handler of the web pages shares (web/portal.hpp): the
// signed-in user, the language, the security headers, form tokens, and
// writing an event as the user through the push path.
#include "core/portal_pages.hpp"
#include "store/accounts.hpp"
#include "store/repository.hpp"
#include "store/web_sessions.hpp"
#include "sync/http_listener.hpp"
#include "web/portal.hpp"

#include <filesystem>
#include <functional>
#include <optional>
#include <string>

namespace tickets {

constexpr const char* kSessionCookieName = "tickets_session"; // see kSessionCookie
constexpr const char* kFormCookie = "tickets_form";           // the signed-out forms' token
constexpr const char* kLanguageCookie = "tickets_lang";

// One request to a page of a signed-in user.
struct PortalRequest {
    Repository& repo;
    Accounts& accounts;
    const ServerRequest& req;
    const PortalOptions& options;
    Instant now;
    User user;
    WebSession session;
    std::string session_token;
    PageFrame frame;
};

// The value of a cookie of the request; empty when it has none.
std::string cookie_value(const std::string& header, const std::string& name);
// Percent-encoded for a query parameter (a path's slashes kept).
std::string url_encoded(const std::string& text);
// The live session a Cookie header holds, with its token in `token`.
std::optional<WebSession> session_of(Repository& repo, const std::string& cookie_header,
                                     Instant now, std::string* token = nullptr);
// A form field, or "".
std::string form_value(const ServerRequest& req, const std::string& name);
// The page's language: ?lang=, else the cookie, else Accept-Language
// (German unless English comes first).
bool wants_german(const ServerRequest& req);

// An HTML answer with the headers every page sets (Content-Security-Policy,
// nosniff, Referrer-Policy, frames refused, not cached).
ServerResponse html_response(int status, std::string body);
ServerResponse redirect(const std::string& location);
// Adds the security headers to any answer of the pages.
void secure(ServerResponse& r);
// "Set-Cookie" for a cookie of the pages: HttpOnly, SameSite=Lax, Path=/,
// Secure when the pages are served over TLS (options.base_url https://).
std::pair<std::string, std::string> set_cookie(const PortalOptions& options,
                                               const std::string& name, const std::string& value,
                                               Instant max_age);
// A page-local path to go to after signing in: only paths of this site.
std::string safe_next(const std::string& next);

using PageHandler = std::function<ServerResponse(PortalRequest&)>;
// A route of the signed-in pages: the session cookie decides who asks
// (signed out: a GET goes to the sign-in page, a POST is refused); every
// POST must carry the session's form token. Failures become error pages.
Route signed_in(std::string method, std::string pattern, const std::filesystem::path& dir,
                const PortalOptions& options, PageHandler handler);
// Two form tokens are the same (compared in constant time).
bool same_token(const std::string& a, const std::string& b);
// 64 lower-case hex digits, as random_token makes them.
bool is_hex_token(const std::string& token);
// The answer to a form whose token is not the session's (or the cookie's).
ServerResponse expired_form_page(const PageFrame& frame);
// An error page for a failure of the user's request.
ServerResponse error_page(const PageFrame& frame, int status, const std::string& message);

// Pushes one event as the user (as their pseudonym on a ticket they opened
// anonymously): the rules of a push decide. The reason when it was refused
// (nothing is stored then); `skipped` gets the server's reason when it was
// stored but not applied (a reply to a closed ticket opens a follow-up).
std::optional<std::string> push_as_user(PortalRequest& p, const std::string& type,
                                        const std::string& ticket_id, Json payload,
                                        std::string* event_id = nullptr,
                                        std::string* skipped = nullptr);

} // namespace tickets
