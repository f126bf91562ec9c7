#pragma once
// Which tickets a user of the server may see (core/access.hpp can_see),
// from the stored rows: what a pull, a ticket's events, an attachment and
// the web pages (web/portal.hpp) answer alike.
#include "core/access.hpp"
#include "store/accounts.hpp"
#include "store/property_register.hpp"
#include "store/repository.hpp"

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace tickets {

// Looked up once per ticket and request.
class VisibilityCache {
  public:
    VisibilityCache(Repository& repo, Accounts& accounts, const User& user);

    bool visible(const std::string& ticket_id);
    // A ticket this user just created (as its requester) is theirs to see.
    void created(const std::string& ticket_id) { cache_[ticket_id] = true; }

  private:
    Repository& repo_;
    Accounts& accounts_;
    const User& user_;
    std::optional<Organisation> org_;
    std::optional<PropertyRegister> properties_; // for residents
    std::vector<std::string> homes_;             // the resident's properties, as registered
    std::map<std::string, bool> cache_;
};

} // namespace tickets
