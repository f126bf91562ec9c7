#include "sync/visibility.hpp"

#include "core/names.hpp"
#include "core/text.hpp"
#include "store/config.hpp"

namespace tickets {

VisibilityCache::VisibilityCache(Repository& repo, Accounts& accounts, const User& user)
    : repo_(repo), accounts_(accounts), user_(user) {
    if (!user.organisation.empty()) org_ = accounts.organisation(user.organisation);
    // A resident's properties and a ticket's are compared as the
    // register names them (an id for its property's name).
    if (is_resident(user.role)) {
        properties_.emplace(Config::load(repo.dir()));
        for (const auto& p : user.properties) homes_.push_back(properties_->name_of(p));
    }
}

bool VisibilityCache::visible(const std::string& ticket_id) {
    if (is_staff(user_.role)) return true;
    auto it = cache_.find(ticket_id);
    if (it != cache_.end()) return it->second;
    bool seen = false;
    SQLite::Statement st(repo_.db(),
                         "SELECT t.requester, t.cc, t.assignee, t.property, d.doc FROM tickets t "
                         "JOIN ticket_docs d ON d.rowid = t.rowid WHERE t.id = ?");
    st.bind(1, ticket_id);
    if (st.executeStep()) {
        TicketAudience a;
        a.requester = st.getColumn(0).getString();
        a.cc = Json::parse(st.getColumn(1).getString()).get<std::vector<std::string>>();
        a.assignee = st.getColumn(2).getString();
        a.property = properties_ ? properties_->key_of(st.getColumn(3).getString())
                                 : property_key(st.getColumn(3).getString());
        // Residents see a public ticket of their property: only then is the
        // document read for its visibility and audience.
        if (is_resident(user_.role) && !a.property.empty()) {
            Json doc = Json::parse(st.getColumn(4).getString());
            a.is_public = doc.value("visibility", "") == "public";
            if (auto it = doc.find("audience"); it != doc.end() && it->is_array())
                a.audience = it->get<std::vector<std::string>>();
        }
        // The server's organisations decide, not the names clients stored.
        a.organisation = accounts_.organisation_of_domain(email_domain(a.requester));
        User u = user_;
        if (properties_) u.properties = homes_;
        seen = can_see(u, org_ ? &*org_ : nullptr, a);
    }
    cache_[ticket_id] = seen;
    return seen;
}

} // namespace tickets
