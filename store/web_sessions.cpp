#include "store/web_sessions.hpp"

#include "core/hash.hpp"
#include "core/text.hpp"

#include <fmt/format.h>
#include <random>

namespace tickets {

std::string random_token(const std::string& prefix) {
    std::random_device rd;
    std::string token = prefix;
    for (int i = 0; i < 8; ++i) token += fmt::format("{:08x}", rd());
    return token;
}

bool WebSessions::note_link_request(const std::string& address, const std::string& client,
                                    Instant now) {
    // Old requests go first; a day is kept for whoever reads the table.
    SQLite::Statement prune(repo_.db(), "DELETE FROM web_link_requests WHERE at < ?");
    prune.bind(1, static_cast<std::int64_t>(now - 24 * 3600));
    prune.exec();
    auto count = [&](const char* column, const std::string& value) {
        SQLite::Statement st(repo_.db(), fmt::format("SELECT count(*) FROM web_link_requests "
                                                     "WHERE at > ? AND {} = ?",
                                                     column));
        st.bind(1, static_cast<std::int64_t>(now - kLinkSeconds));
        st.bind(2, value);
        st.executeStep();
        return st.getColumn(0).getInt();
    };
    std::string key = to_lower_ascii(address);
    bool allowed =
        count("address", key) < kLinksPerAddress && count("client", client) < kLinksPerClient;
    if (!allowed) return false; // a flood of refused requests writes nothing
    SQLite::Statement st(repo_.db(),
                         "INSERT INTO web_link_requests (at, client, address) VALUES (?, ?, ?)");
    st.bind(1, static_cast<std::int64_t>(now));
    st.bind(2, client);
    st.bind(3, key);
    st.exec();
    return true;
}

std::string WebSessions::create_link(const std::string& email, Instant now) {
    // Links older than a day are of no use to anyone.
    SQLite::Statement prune(repo_.db(), "DELETE FROM web_links WHERE created < ?");
    prune.bind(1, static_cast<std::int64_t>(now - 24 * 3600));
    prune.exec();
    std::string token = random_token("");
    SQLite::Statement st(repo_.db(),
                         "INSERT INTO web_links (hash, email, created) VALUES (?, ?, ?)");
    st.bind(1, sha256_hex(token));
    st.bind(2, to_lower_ascii(email));
    st.bind(3, static_cast<std::int64_t>(now));
    st.exec();
    return token;
}

std::optional<std::string> WebSessions::link_address(const std::string& token, Instant now) {
    SQLite::Statement st(repo_.db(), "SELECT email FROM web_links WHERE hash = ? AND used IS NULL "
                                     "AND created > ?");
    st.bind(1, sha256_hex(token));
    st.bind(2, static_cast<std::int64_t>(now - kLinkSeconds));
    if (!st.executeStep()) return std::nullopt;
    return st.getColumn(0).getString();
}

std::optional<std::string> WebSessions::redeem_link(const std::string& token, Instant now) {
    // One statement, so that two requests with the same link cannot both use it.
    SQLite::Statement st(repo_.db(), "UPDATE web_links SET used = ? WHERE hash = ? AND used IS "
                                     "NULL AND created > ? RETURNING email");
    st.bind(1, static_cast<std::int64_t>(now));
    st.bind(2, sha256_hex(token));
    st.bind(3, static_cast<std::int64_t>(now - kLinkSeconds));
    if (!st.executeStep()) return std::nullopt;
    std::string email = st.getColumn(0).getString();
    while (st.executeStep()) {
    }
    return email;
}

std::pair<std::string, WebSession> WebSessions::open(const std::string& email, Instant now) {
    std::string token = random_token("");
    WebSession s{to_lower_ascii(email), random_token("")};
    SQLite::Statement st(repo_.db(), "INSERT INTO web_sessions (hash, email, csrf, created, "
                                     "expires) VALUES (?, ?, ?, ?, ?)");
    st.bind(1, sha256_hex(token));
    st.bind(2, s.email);
    st.bind(3, s.csrf);
    st.bind(4, static_cast<std::int64_t>(now));
    st.bind(5, static_cast<std::int64_t>(now + kSessionSeconds));
    st.exec();
    // Ended sessions are of no use to anyone.
    SQLite::Statement prune(repo_.db(), "DELETE FROM web_sessions WHERE expires < ?");
    prune.bind(1, static_cast<std::int64_t>(now));
    prune.exec();
    return {token, s};
}

std::optional<WebSession> WebSessions::find(const std::string& token, Instant now) {
    SQLite::Statement st(repo_.db(),
                         "SELECT email, csrf FROM web_sessions WHERE hash = ? AND expires > ?");
    st.bind(1, sha256_hex(token));
    st.bind(2, static_cast<std::int64_t>(now));
    if (!st.executeStep()) return std::nullopt;
    return WebSession{st.getColumn(0).getString(), st.getColumn(1).getString()};
}

void WebSessions::close(const std::string& token) {
    SQLite::Statement st(repo_.db(), "DELETE FROM web_sessions WHERE hash = ?");
    st.bind(1, sha256_hex(token));
    st.exec();
}

} // namespace tickets
