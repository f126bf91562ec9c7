// Signing in and out of the web pages: a mailed one-time link, then a
// session cookie (store/web_sessions.hpp).
#include "web/portal_sign_in.hpp"

#include "core/hash.hpp"
#include "core/sign_in_mail.hpp"
#include "core/text.hpp"
#include "mail/notify_settings.hpp"
#include "mail/outbox.hpp"
#include "store/config.hpp"
#include "store/ticket_defaults.hpp"
#include "sync/http_server.hpp"
#include "web/outbox_sender.hpp"
#include "web/portal_context.hpp"

#include <fmt/format.h>

namespace tickets {

namespace {

PageFrame signed_out_frame(const ServerRequest& req, const std::string& form_token) {
    PageFrame f;
    f.german = wants_german(req);
    f.path = req.path;
    f.csrf = form_token;
    return f;
}

// A signed-out page with a form: the form's token goes into a cookie and
// the form, and the POST must bring both (a site elsewhere can make a
// browser post, but cannot read or set this site's cookie).
ServerResponse form_page(const PortalOptions& options, const ServerRequest& req,
                         const std::function<std::string(const PageFrame&)>& render) {
    std::string token = cookie_value(req.cookie, kFormCookie);
    if (!is_hex_token(token)) token = random_token("");
    ServerResponse r = html_response(200, render(signed_out_frame(req, token)));
    r.headers.push_back(set_cookie(options, kFormCookie, token, kSessionSeconds));
    return r;
}

bool form_token_matches(const ServerRequest& req) {
    std::string cookie = cookie_value(req.cookie, kFormCookie);
    return is_hex_token(cookie) && same_token(cookie, form_value(req, "csrf"));
}

ServerResponse expired_form(const ServerRequest& req) {
    return expired_form_page(signed_out_frame(req, ""));
}

std::string next_of(const ServerRequest& req) {
    auto it = req.params.find("next");
    return safe_next(it == req.params.end() ? form_value(req, "next") : it->second);
}

// On the sender thread (web/outbox_sender.hpp): a link for a registered
// address, queued in the outbox; nothing for any other.
void mail_link(Repository& repo, const PortalOptions& options, const std::string& address,
               const std::string& next, bool german) {
    if (!is_plausible_email(address) || !Accounts(repo).user(address)) return;
    Instant now = clock_now();
    Repository::WriteTransaction tx(repo);
    std::string token = WebSessions(repo).create_link(address, now);
    Config config = Config::load(repo.dir());
    NotifySettings settings = notify_settings(config);
    settings.language = german ? "de" : "en";
    std::string link = fmt::format("{}/login/{}", options.base_url, token);
    if (next != "/") link += "?next=" + url_encoded(next);
    MailMessage m = sign_in_message(address, link, sha256_hex(token).substr(0, 24), settings, now);
    queue_message(repo, m.name, render_message(m));
    tx.commit();
}

} // namespace

void add_sign_in_routes(std::vector<Route>& routes, const std::filesystem::path& dir,
                        const PortalOptions& options) {
    routes.push_back({"GET", "/login",
                      [&options](const ServerRequest& req) {
                          std::string next = next_of(req);
                          return form_page(options, req, [&](const PageFrame& f) {
                              return sign_in_page(f, next);
                          });
                      },
                      Gate::open});
    routes.push_back(
        {"POST", "/login",
         [dir, &options](const ServerRequest& req) {
             if (!form_token_matches(req)) return expired_form(req);
             PageFrame f = signed_out_frame(req, form_value(req, "csrf"));
             std::string address = to_lower_ascii(trim(form_value(req, "email")));
             Repository& repo = thread_repo(dir);
             Instant now = clock_now();
             bool allowed;
             {
                 Repository::WriteTransaction tx(repo);
                 allowed = WebSessions(repo).note_link_request(address, req.remote_addr, now);
                 tx.commit();
             }
             if (!allowed)
                 return error_page(f, 429,
                                   f.german
                                       ? "Zu viele Anmeldeversuche; versuchen Sie es in 15 "
                                         "Minuten noch einmal."
                                       : "Too many sign-in requests; try again in 15 minutes.");
             // The same answer, as soon, whether the address is known or not:
             // whether it is is looked up after the answer.
             send_soon(dir, [&options, address, next = next_of(req), german = f.german](
                                Repository& r) { mail_link(r, options, address, next, german); });
             return html_response(200, link_sent_page(f));
         },
         Gate::open});
    routes.push_back(
        {"GET", "/login/([0-9a-f]{64})",
         [dir, &options](const ServerRequest& req) {
             std::string next = next_of(req);
             // Whom the link signs in, so that nobody is signed
             // in as someone else by a link forwarded to them.
             auto address =
                 WebSessions(thread_repo(dir)).link_address(req.matches.at(0), clock_now());
             return form_page(options, req, [&](const PageFrame& f) {
                 return confirm_sign_in_page(f, req.matches.at(0), next, address.value_or(""));
             });
         },
         Gate::open});
    routes.push_back({"POST", "/login/([0-9a-f]{64})",
                      [dir, &options](const ServerRequest& req) {
                          if (!form_token_matches(req)) return expired_form(req);
                          PageFrame f = signed_out_frame(req, "");
                          Repository& repo = thread_repo(dir);
                          Instant now = clock_now();
                          Repository::WriteTransaction tx(repo);
                          WebSessions sessions(repo);
                          auto email = sessions.redeem_link(req.matches.at(0), now);
                          if (!email || !Accounts(repo).user(*email)) {
                              tx.commit(); // a link is used up even when its user is gone
                              return error_page(f, 400, portal_label(f, "link_invalid"));
                          }
                          auto [token, session] = sessions.open(*email, now);
                          tx.commit();
                          ServerResponse r = redirect(next_of(req));
                          r.headers.push_back(
                              set_cookie(options, kSessionCookieName, token, kSessionSeconds));
                          r.user = *email;
                          return r;
                      },
                      Gate::open});
    routes.push_back(signed_in("POST", "/logout", dir, options, [&options](PortalRequest& p) {
        {
            Repository::WriteTransaction tx(p.repo);
            WebSessions(p.repo).close(p.session_token);
            tx.commit();
        }
        ServerResponse r = redirect("/login");
        r.headers.push_back(set_cookie(options, kSessionCookieName, "", 0));
        return r;
    }));
}

} // namespace tickets
