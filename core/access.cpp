#include "core/access.hpp"

#include <algorithm>
#include <fmt/format.h>

namespace tickets {

const std::vector<std::string>& all_roles() {
    static const std::vector<std::string> roles = {"customer", "main-contact", "admin", "agent"};
    return roles;
}

bool is_valid_role(const std::string& role) {
    const auto& r = all_roles();
    return std::find(r.begin(), r.end(), role) != r.end();
}

TicketAudience audience_of(const Ticket& t, const std::string& organisation) {
    return {t.requester, t.cc, organisation};
}

bool can_see(const User& u, const Organisation* org, const TicketAudience& t) {
    if (u.role == "agent") return true;
    if (t.requester == u.email) return true;
    if (std::find(t.cc.begin(), t.cc.end(), u.email) != t.cc.end()) return true;
    if (u.restricted || u.organisation.empty() || t.organisation != u.organisation) return false;
    bool by_role = u.role == "main-contact" || u.role == "admin";
    bool by_org = org != nullptr && org->shared;
    return by_role || by_org;
}

namespace {

bool is_internal_note(const std::string& type, const Json& payload) {
    return type == "comment" && payload.value("internal", false) == true;
}

bool is_internal_note(const Event& e) { return is_internal_note(e.type, e.payload); }

} // namespace

bool can_see_event(const User& u, const std::string& type, const Json& payload) {
    return u.role == "agent" || !is_internal_note(type, payload);
}

bool can_see_event(const User& u, const Event& e) { return can_see_event(u, e.type, e.payload); }

std::optional<std::string> forbid_push(const User& u, const Ticket* current, const Event& e) {
    if (e.author != u.email)
        return fmt::format("author {} is not the authenticated user {}", e.author, u.email);
    if (u.role == "agent") return std::nullopt;
    // The customer side: create, comment, escalate, rate and solve their own.
    if (e.type == "create") {
        if (e.payload.value("requester", "") != u.email)
            return "customers may only create tickets they request themselves";
        if (!e.payload.value("assignee", "").empty()) return "customers may not assign tickets";
        return std::nullopt;
    }
    if (current == nullptr) return "unknown ticket";
    if (e.type == "comment") {
        if (is_internal_note(e)) return "only agents write internal notes";
        return std::nullopt;
    }
    if (e.type == "escalate" || e.type == "link") return std::nullopt;
    bool own = current->requester == u.email;
    if (e.type == "resolve" || e.type == "rate") {
        if (!own) return fmt::format("only the requester may {} this ticket", e.type);
        if (e.type == "resolve" && !current->first_response)
            return "the requester may mark a ticket solved only after a reply from support";
        return std::nullopt;
    }
    std::string verb = e.type == "set"      ? "edit"
                       : e.type == "status" ? "change the status of"
                                            : e.type;
    return fmt::format("only agents may {} tickets", verb);
}

} // namespace tickets
