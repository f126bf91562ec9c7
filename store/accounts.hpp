#pragma once
// The server's people, organisations and access tokens, kept in the
// server's store (tables users, organisations, organisation_domains, tokens).
#include "core/access.hpp"
#include "store/repository.hpp"

#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace tickets {

class Accounts {
  public:
    explicit Accounts(Repository& repo) : repo_(repo) {}

    // Adds or updates; the organisation defaults to the one owning the mail
    // domain. Throws Failure(kUsage) for a bad role or address.
    User add_user(User u);
    std::optional<User> user(const std::string& email);
    std::vector<User> users();
    bool has_users();
    // Who may read internal notes by mail: the registered agents and
    // managers; nothing (everyone) in a store without registered users.
    std::optional<std::set<std::string>> staff_addresses();
    // Who acts in this store (DOMAIN.md "who may act"): the registered user;
    // once the store has users, an address it does not know has a
    // customer's rights; nothing in a store without users (one person's,
    // who may do what the workflow allows) or with `open` set (core.open).
    std::optional<User> acting_user(const std::string& email, bool open);

    // Pseudonyms of anonymous tickets (core/pseudonym.hpp) and who stands
    // behind them, as far as this store knows (the server knows all; a
    // clone its own user's, and all when pulled by staff).
    std::optional<std::string> pseudonym_owner(const std::string& address);
    // Records the owner; false when the pseudonym is someone else's.
    bool add_pseudonym(const std::string& address, const std::string& email);
    std::map<std::string, std::string> pseudonyms(); // address -> email
    // The pseudonym under which `email` writes on the ticket: the ticket's
    // requester when it is theirs.
    std::optional<std::string> own_pseudonym(const std::string& ticket_id,
                                             const std::string& email);

    void add_organisation(const Organisation& org);
    std::optional<Organisation> organisation(const std::string& name);
    std::vector<Organisation> organisations();
    // The organisation owning a mail domain, or "".
    std::string organisation_of_domain(const std::string& domain);

    // A new random token for the user; only its SHA-256 is stored.
    std::string create_token(const std::string& email, Instant now);
    // Revokes every token of the user and ends their web sessions; returns
    // how many tokens, and the number of sessions in `sessions_ended`.
    int revoke_tokens(const std::string& email, Instant now, int* sessions_ended = nullptr);
    // The user a token belongs to, if it is known and not revoked.
    std::optional<User> authenticate(const std::string& token);

  private:
    Repository& repo_;
};

} // namespace tickets
