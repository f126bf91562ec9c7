#pragma once
// Who may see and do what on a shared server (DOMAIN.md "People and
// organisations"). Pure rules: the server looks up users, organisations and
// tickets and asks these functions.
#include "core/event.hpp"
#include "core/ticket.hpp"

#include <optional>
#include <string>
#include <vector>

namespace tickets {

// customer, main-contact and admin are the customer side; agent is support.
const std::vector<std::string>& all_roles();
bool is_valid_role(const std::string& role);

struct Organisation {
    std::string name;
    std::vector<std::string> domains;
    bool shared = false; // "all members see all tickets of the organisation"
};

struct User {
    std::string email;
    std::string role = "customer";
    std::string organisation; // empty: none
    bool restricted = false;  // sees only own and CC'd tickets, whatever the role
};

// The facts about a ticket that visibility depends on. The organisation is
// the server's view (from the requester's mail domain), not the client's.
struct TicketAudience {
    std::string requester;
    std::vector<std::string> cc;
    std::string organisation;
};

TicketAudience audience_of(const Ticket& t, const std::string& organisation);

// Own and CC'd tickets for everyone; the organisation's tickets for main
// contacts and admins, and for members of a shared organisation; all for
// agents. The stricter of the organisation's and the user's setting holds:
// a restricted user sees only their own, whatever the role.
bool can_see(const User& u, const Organisation* org, const TicketAudience& t);

// Whether an event of a ticket the user can see is itself shown to them:
// internal notes never reach customers. The second form works on the wire
// JSON, so a pull need not rebuild each event.
bool can_see_event(const User& u, const Event& e);
bool can_see_event(const User& u, const std::string& type, const Json& payload);

// Why the user may not push this event (nothing when they may). `current`
// is the ticket before the event (nullptr for a create event).
std::optional<std::string> forbid_push(const User& u, const Ticket* current, const Event& e);

} // namespace tickets
