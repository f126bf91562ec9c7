#include "core/access.hpp"

#include "core/names.hpp"
#include "core/text.hpp"
#include "core/workflow.hpp"

#include <algorithm>
#include <cctype>
#include <fmt/format.h>

namespace tickets {

const std::vector<std::string>& all_roles() {
    static const std::vector<std::string> roles = {"customer",  "main-contact", "admin", "agent",
                                                   "tenant",    "owner",        "board", "provider",
                                                   "caretaker", "manager"};
    return roles;
}

bool is_valid_role(const std::string& role) {
    const auto& r = all_roles();
    return std::find(r.begin(), r.end(), role) != r.end();
}

std::optional<std::string> canonical_role(std::string_view name) {
    static const std::vector<std::pair<std::string, std::string>> german = {
        {"kunde", "customer"},         {"hauptansprechpartner", "main-contact"},
        {"administrator", "admin"},    {"mitarbeiter", "agent"},
        {"mieter", "tenant"},          {"mieterin", "tenant"},
        {"eigentümer", "owner"},       {"eigentuemer", "owner"},
        {"eigentümerin", "owner"},     {"beirat", "board"},
        {"dienstleister", "provider"}, {"hauswart", "caretaker"},
        {"hausmeister", "caretaker"},  {"hausverwalter", "manager"},
        {"verwalter", "manager"},      {"hausverwaltung", "manager"}};
    std::string lower;
    for (size_t i = 0; i < name.size(); ++i) {
        unsigned char c = static_cast<unsigned char>(name[i]);
        if (c == 0xC3 && i + 1 < name.size() && name[i + 1] == '\x9c') { // Ü
            lower += "\xc3\xbc";
            ++i;
        } else {
            lower += static_cast<char>(std::tolower(c));
        }
    }
    if (is_valid_role(lower)) return lower;
    for (const auto& [de, en] : german)
        if (de == lower) return en;
    return std::nullopt;
}

bool is_resident(const std::string& role) {
    return role == "tenant" || role == "owner" || role == "board";
}

bool is_staff(const std::string& role) {
    return role == "agent" || role == "manager";
}

bool is_management(const std::string& role) {
    return is_staff(role) || role == "admin";
}

bool User::is(const std::string& address) const {
    return address == email || std::find(aliases.begin(), aliases.end(), address) != aliases.end();
}

TicketAudience audience_of(const Ticket& t, const std::string& organisation) {
    return {t.requester,
            t.cc,
            organisation,
            t.assignee,
            property_key(t.property),
            t.visibility == "public",
            t.audience};
}

bool can_see(const User& u, const Organisation* org, const TicketAudience& t) {
    if (is_staff(u.role)) return true;
    if (u.is(t.requester)) return true;
    if (std::find(t.cc.begin(), t.cc.end(), u.email) != t.cc.end()) return true;
    if (!t.assignee.empty() && t.assignee == u.email) return true; // e.g. the service provider
    if (!u.restricted && t.is_public && is_resident(u.role) && !t.property.empty() &&
        std::any_of(u.properties.begin(), u.properties.end(),
                    [&](const std::string& p) { return property_key(p) == t.property; }) &&
        (t.audience.empty() ||
         std::find(t.audience.begin(), t.audience.end(), u.role) != t.audience.end()))
        return true;
    if (u.restricted || u.organisation.empty() || t.organisation != u.organisation) return false;
    bool by_role = u.role == "main-contact" || u.role == "admin";
    bool by_org = org != nullptr && org->shared;
    return by_role || by_org;
}

namespace {

bool is_internal_note(const std::string& type, const Json& payload) {
    return type == "comment" && payload.value("internal", false) == true;
}

bool is_internal_note(const Event& e) {
    return is_internal_note(e.type, e.payload);
}

// Whether `e` is one of the events that move the status of a ticket whose
// workflow leaves the status to management.
bool is_managed_status_change(const Ticket& t, const Event& e) {
    static const std::vector<std::string> types = {"status", "reopen", "resolve", "close",
                                                   "delete"};
    return workflow_of(t.workflow).management_moves &&
           std::find(types.begin(), types.end(), e.type) != types.end();
}

} // namespace

bool can_see_event(const User& u, const std::string& type, const Json& payload) {
    return is_staff(u.role) || !is_internal_note(type, payload);
}

bool visibility_needs_payload(const User& u, const std::string& type) {
    return !is_staff(u.role) && type == "comment";
}

bool can_see_event(const User& u, const Event& e) {
    return can_see_event(u, e.type, e.payload);
}

std::optional<std::string> forbid_status_change(const User& u, const Ticket& t, const Event& e) {
    if (!is_managed_status_change(t, e)) return std::nullopt;
    if (is_management(u.role)) return std::nullopt;
    const Workflow& w = workflow_of(t.workflow);
    bool worker = u.role == "provider" || u.role == "caretaker";
    if (!worker) return fmt::format("only management may change the status of {} tickets", w.name);
    if (t.assignee.empty() || t.assignee != u.email)
        return fmt::format("only management and the assigned service provider may change the "
                           "status of {} tickets",
                           w.name);
    std::string to;
    if (e.type == "status") {
        auto it = e.payload.find("status");
        if (it != e.payload.end() && it->is_string())
            to = canonical_status(it->get<std::string>()).value_or("");
    }
    for (const auto& [from, target] : w.assignee_moves)
        if (t.status == from && to == target) return std::nullopt;
    std::vector<std::string> allowed;
    for (const auto& [from, target] : w.assignee_moves) allowed.push_back(from + " to " + target);
    return fmt::format("the assignee may only move {} tickets from {}", w.name,
                       join(allowed, " or "));
}

std::optional<std::string> forbid_push(const User& u, const Ticket* current, const Event& e) {
    if (!u.is(e.author))
        return fmt::format("author {} is not the authenticated user {}", e.author, u.email);
    if (current && e.author == u.email && current->requester != u.email && u.is(current->requester))
        return "the ticket is anonymous: its requester writes under its pseudonym";
    if (e.type == "create" && e.payload.contains("workflow")) {
        const Json& w = e.payload["workflow"];
        if (!w.is_string() || !find_workflow(w.get<std::string>()))
            return fmt::format("unknown workflow {}",
                               w.is_string() ? w.get<std::string>() : w.dump());
    }
    if (is_staff(u.role)) return std::nullopt;
    // The customer side: create, comment, escalate, rate and solve their own.
    if (e.type == "create") {
        if (!u.is(e.payload.value("requester", "")))
            return "customers may only create tickets they request themselves";
        if (!e.payload.value("assignee", "").empty()) return "customers may not assign tickets";
        return std::nullopt;
    }
    if (current == nullptr) return "unknown ticket";
    // Property tickets: management and the assigned provider move them.
    if (is_managed_status_change(*current, e)) return forbid_status_change(u, *current, e);
    if (e.type == "comment") {
        if (is_internal_note(e)) return "only agents write internal notes";
        return std::nullopt;
    }
    if (e.type == "escalate" || e.type == "link") return std::nullopt;
    bool own = u.is(current->requester);
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
