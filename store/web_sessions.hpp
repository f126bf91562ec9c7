#pragma once
// Sign-in to the web pages of `tickets serve` (web/portal.hpp) without
// passwords: a one-time link mailed to a registered address opens a
// session, whose cookie the browser sends back. Links and sessions are
// random tokens of which the store keeps only the SHA-256 (tables
// web_links, web_sessions); `tickets token revoke` ends a user's sessions
// with their tokens (store/accounts.hpp).
#include "core/time.hpp"
#include "store/repository.hpp"

#include <optional>
#include <string>

namespace tickets {

constexpr Instant kLinkSeconds = 15 * 60;           // a link is valid this long, once
constexpr Instant kSessionSeconds = 14 * 24 * 3600; // a session ends after this
// Requests for a link within kLinkSeconds, per address and per client
// address, beyond which none is sent.
constexpr int kLinksPerAddress = 5;
constexpr int kLinksPerClient = 20;

struct WebSession {
    std::string email;
    std::string csrf; // the token every form of the session carries
};

class WebSessions {
  public:
    explicit WebSessions(Repository& repo) : repo_(repo) {}

    // Records a request for a link (known addresses or not, so that the
    // limits tell nothing about who is registered); false, and nothing
    // recorded, when the address or the client asked too often.
    bool note_link_request(const std::string& address, const std::string& client, Instant now);
    // A new one-time link token for `email` (a registered user's).
    std::string create_link(const std::string& email, Instant now);
    // The address of a link that is known, unused and not expired, which
    // stays so.
    std::optional<std::string> link_address(const std::string& token, Instant now);
    // The address a link was made for, when it is known, unused and not
    // expired; it is then used up.
    std::optional<std::string> redeem_link(const std::string& token, Instant now);

    // A new session: its token (the cookie's value) and what it holds.
    std::pair<std::string, WebSession> open(const std::string& email, Instant now);
    std::optional<WebSession> find(const std::string& token, Instant now);
    void close(const std::string& token);

  private:
    Repository& repo_;
};

// A random token: `prefix` and 64 hex digits.
std::string random_token(const std::string& prefix);

} // namespace tickets
