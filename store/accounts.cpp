#include "store/accounts.hpp"
#include "store/web_sessions.hpp"

#include "core/names.hpp"
#include "core/pseudonym.hpp"

#include "core/error.hpp"
#include "core/hash.hpp"
#include "core/text.hpp"

#include <fmt/format.h>
#include <random>

namespace tickets {

namespace {

std::vector<std::string> pseudonyms_of(SQLite::Database& db, const std::string& email) {
    SQLite::Statement st(db, "SELECT address FROM pseudonyms WHERE email = ? ORDER BY address");
    st.bind(1, email);
    std::vector<std::string> out;
    while (st.executeStep()) out.push_back(st.getColumn(0).getString());
    return out;
}

User read_user(SQLite::Database& db, SQLite::Statement& st) {
    User u{st.getColumn(0).getString(),
           st.getColumn(1).getString(),
           st.getColumn(2).getString(),
           st.getColumn(3).getInt() != 0,
           {}};
    SQLite::Statement properties(
        db, "SELECT property FROM user_properties WHERE email = ? ORDER BY property");
    properties.bind(1, u.email);
    while (properties.executeStep()) u.properties.push_back(properties.getColumn(0).getString());
    u.aliases = pseudonyms_of(db, u.email);
    return u;
}

} // namespace

User Accounts::add_user(User u) {
    u.email = to_lower_ascii(trim(u.email));
    if (!is_plausible_email(u.email))
        throw Failure(kUsage, fmt::format("user: '{}' is not a mail address", u.email));
    auto role = canonical_role(u.role);
    if (!role)
        throw Failure(kUsage,
                      fmt::format("user: unknown role '{}' ({})", u.role, join(all_roles(), ", ")));
    u.role = *role;
    if (u.organisation.empty())
        u.organisation = organisation_of_domain(email_domain(u.email));
    else if (!organisation(u.organisation))
        throw Failure(kNotFound,
                      fmt::format("user: no organisation '{}' (add it with 'tickets org add')",
                                  u.organisation));
    SQLite::Statement st(
        repo_.db(), "INSERT INTO users (email, role, organisation, restricted) VALUES (?, ?, ?, ?) "
                    "ON CONFLICT (email) DO UPDATE SET role = excluded.role, organisation = "
                    "excluded.organisation, restricted = excluded.restricted");
    st.bind(1, u.email);
    st.bind(2, u.role);
    st.bind(3, u.organisation);
    st.bind(4, u.restricted ? 1 : 0);
    st.exec();
    // Given properties replace the user's; none given keeps them.
    if (!u.properties.empty()) {
        SQLite::Statement clear(repo_.db(), "DELETE FROM user_properties WHERE email = ?");
        clear.bind(1, u.email);
        clear.exec();
        SQLite::Statement add(
            repo_.db(), "INSERT OR IGNORE INTO user_properties (email, property) VALUES (?, ?)");
        for (auto& p : u.properties) {
            p = trim(p);
            if (property_key(p).empty())
                throw Failure(kUsage, fmt::format("user: '{}' is not a property name", p));
            add.bind(1, u.email);
            add.bind(2, p);
            add.exec();
            add.reset();
        }
    }
    return *user(u.email);
}

std::optional<User> Accounts::user(const std::string& email) {
    SQLite::Statement st(repo_.db(),
                         "SELECT email, role, organisation, restricted FROM users WHERE email = ?");
    st.bind(1, to_lower_ascii(email));
    if (!st.executeStep()) return std::nullopt;
    return read_user(repo_.db(), st);
}

std::vector<User> Accounts::users() {
    SQLite::Statement st(repo_.db(),
                         "SELECT email, role, organisation, restricted FROM users ORDER BY email");
    std::vector<User> out;
    while (st.executeStep()) out.push_back(read_user(repo_.db(), st));
    return out;
}

bool Accounts::has_users() {
    SQLite::Statement& st = repo_.statement("SELECT EXISTS (SELECT 1 FROM users)");
    st.executeStep();
    bool any = st.getColumn(0).getInt() == 1;
    st.reset();
    return any;
}

std::optional<std::set<std::string>> Accounts::staff_addresses() {
    if (!has_users()) return std::nullopt;
    std::set<std::string> staff;
    for (const auto& u : users())
        if (is_staff(u.role)) staff.insert(u.email);
    return staff;
}

std::optional<User> Accounts::acting_user(const std::string& email, bool open) {
    if (open || !has_users()) return std::nullopt;
    if (auto u = user(email)) return u;
    User stranger;
    stranger.email = to_lower_ascii(email);
    stranger.role = "customer";
    stranger.organisation = organisation_of_domain(email_domain(stranger.email));
    stranger.aliases = pseudonyms_of(repo_.db(), stranger.email);
    return stranger;
}

std::optional<std::string> Accounts::pseudonym_owner(const std::string& address) {
    SQLite::Statement& st = repo_.statement("SELECT email FROM pseudonyms WHERE address = ?");
    st.bind(1, address);
    std::optional<std::string> owner;
    if (st.executeStep()) owner = st.getColumn(0).getString();
    st.reset();
    return owner;
}

bool Accounts::add_pseudonym(const std::string& address, const std::string& email) {
    if (!is_pseudonym(address))
        throw Failure(kDataErr, fmt::format("'{}' is not a pseudonym", address));
    if (auto owner = pseudonym_owner(address)) return *owner == to_lower_ascii(email);
    SQLite::Statement st(repo_.db(), "INSERT INTO pseudonyms (address, email) VALUES (?, ?)");
    st.bind(1, address);
    st.bind(2, to_lower_ascii(email));
    st.exec();
    return true;
}

std::map<std::string, std::string> Accounts::pseudonyms() {
    SQLite::Statement st(repo_.db(), "SELECT address, email FROM pseudonyms");
    std::map<std::string, std::string> out;
    while (st.executeStep()) out[st.getColumn(0).getString()] = st.getColumn(1).getString();
    return out;
}

std::optional<std::string> Accounts::own_pseudonym(const std::string& ticket_id,
                                                   const std::string& email) {
    SQLite::Statement& st =
        repo_.statement("SELECT p.address FROM tickets t JOIN pseudonyms p ON p.address = "
                        "t.requester WHERE t.id = ? AND p.email = ?");
    st.bind(1, ticket_id);
    st.bind(2, to_lower_ascii(email));
    std::optional<std::string> address;
    if (st.executeStep()) address = st.getColumn(0).getString();
    st.reset();
    return address;
}

void Accounts::add_organisation(const Organisation& org) {
    if (trim(org.name).empty()) throw Failure(kUsage, "org: a name is required");
    SQLite::Statement st(repo_.db(), "INSERT INTO organisations (name, shared) VALUES (?, ?) "
                                     "ON CONFLICT (name) DO UPDATE SET shared = excluded.shared");
    st.bind(1, org.name);
    st.bind(2, org.shared ? 1 : 0);
    st.exec();
    for (const auto& raw : org.domains) {
        std::string domain = to_lower_ascii(trim(raw));
        if (domain.empty() || domain.find('@') != std::string::npos ||
            domain.find(' ') != std::string::npos)
            throw Failure(kUsage, fmt::format("org: '{}' is not a mail domain", raw));
        SQLite::Statement d(
            repo_.db(), "INSERT INTO organisation_domains (domain, organisation) VALUES (?, ?) "
                        "ON CONFLICT (domain) DO UPDATE SET organisation = excluded.organisation");
        d.bind(1, domain);
        d.bind(2, org.name);
        d.exec();
    }
}

std::optional<Organisation> Accounts::organisation(const std::string& name) {
    SQLite::Statement st(repo_.db(), "SELECT name, shared FROM organisations WHERE name = ?");
    st.bind(1, name);
    if (!st.executeStep()) return std::nullopt;
    Organisation org{st.getColumn(0).getString(), {}, st.getColumn(1).getInt() != 0};
    SQLite::Statement d(
        repo_.db(),
        "SELECT domain FROM organisation_domains WHERE organisation = ? ORDER BY domain");
    d.bind(1, name);
    while (d.executeStep()) org.domains.push_back(d.getColumn(0).getString());
    return org;
}

std::vector<Organisation> Accounts::organisations() {
    std::vector<std::string> names;
    SQLite::Statement st(repo_.db(), "SELECT name FROM organisations ORDER BY name");
    while (st.executeStep()) names.push_back(st.getColumn(0).getString());
    std::vector<Organisation> out;
    for (const auto& n : names) out.push_back(*organisation(n));
    return out;
}

std::string Accounts::organisation_of_domain(const std::string& domain) {
    SQLite::Statement st(repo_.db(),
                         "SELECT organisation FROM organisation_domains WHERE domain = ?");
    st.bind(1, to_lower_ascii(domain));
    return st.executeStep() ? st.getColumn(0).getString() : std::string();
}

std::string Accounts::create_token(const std::string& email, Instant now) {
    if (!user(email))
        throw Failure(kNotFound,
                      fmt::format("token: no user {} (add it with 'tickets user add')", email));
    std::string token = random_token("tk_");
    SQLite::Statement st(repo_.db(), "INSERT INTO tokens (hash, email, created) VALUES (?, ?, ?)");
    st.bind(1, sha256_hex(token));
    st.bind(2, to_lower_ascii(email));
    st.bind(3, static_cast<std::int64_t>(now));
    st.exec();
    return token;
}

int Accounts::revoke_tokens(const std::string& email, Instant now, int* sessions_ended) {
    SQLite::Statement st(repo_.db(),
                         "UPDATE tokens SET revoked = ? WHERE email = ? AND revoked IS NULL");
    st.bind(1, static_cast<std::int64_t>(now));
    st.bind(2, to_lower_ascii(email));
    int revoked = st.exec();
    // The web pages' sessions go with the tokens (store/web_sessions.hpp).
    SQLite::Statement sessions(repo_.db(), "DELETE FROM web_sessions WHERE email = ?");
    sessions.bind(1, to_lower_ascii(email));
    int ended = sessions.exec();
    // A link mailed before would open a new session.
    SQLite::Statement links(repo_.db(), "DELETE FROM web_links WHERE email = ? AND used IS NULL");
    links.bind(1, to_lower_ascii(email));
    links.exec();
    if (sessions_ended) *sessions_ended = ended;
    return revoked;
}

std::optional<User> Accounts::authenticate(const std::string& token) {
    SQLite::Statement st(
        repo_.db(),
        "SELECT u.email, u.role, u.organisation, u.restricted FROM tokens t JOIN users u "
        "ON u.email = t.email WHERE t.hash = ? AND t.revoked IS NULL");
    st.bind(1, sha256_hex(token));
    if (!st.executeStep()) return std::nullopt;
    return read_user(repo_.db(), st);
}

} // namespace tickets
