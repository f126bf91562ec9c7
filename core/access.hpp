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
// The property-management roles of DOMAIN.md: tenant, owner and board are
// residents (customer side); provider and caretaker do the work they are
// assigned; manager (Hausverwalter) is management, with an agent's rights.
const std::vector<std::string>& all_roles();
bool is_valid_role(const std::string& role);
// The role a name means, English or German (Mieter, Eigentümer, Beirat,
// Hauswart, Dienstleister, Hauptansprechpartner, Hausverwalter, Kunde, …),
// any case; nothing for an unknown name.
std::optional<std::string> canonical_role(std::string_view name);
// Residents of a property: tenant, owner, board.
bool is_resident(const std::string& role);
// Staff: agent and manager see every ticket and internal note and may push
// any event.
bool is_staff(const std::string& role);
// Management, who may move a property ticket: agent, manager and admin.
bool is_management(const std::string& role);

struct Organisation {
    std::string name;
    std::vector<std::string> domains;
    bool shared = false; // "all members see all tickets of the organisation"
};

struct User {
    std::string email;
    std::string role = "customer";
    std::string organisation;            // empty: none
    bool restricted = false;             // sees only own and CC'd tickets, whatever the role
    std::vector<std::string> properties; // where a resident lives or works (names as given)
    // The pseudonyms of the user's anonymous tickets (core/pseudonym.hpp):
    // the user acts as, and is, each of them.
    std::vector<std::string> aliases = {};

    bool is(const std::string& address) const;
};

// The facts about a ticket that visibility depends on. The organisation is
// the server's view (from the requester's mail domain), not the client's.
struct TicketAudience {
    std::string requester;
    std::vector<std::string> cc;
    std::string organisation;
    std::string assignee; // the agent or service provider handling it
    std::string property; // property_key() of the ticket's property
    bool is_public = false;
    std::vector<std::string> audience; // resident roles a public ticket is for; empty: all
};

TicketAudience audience_of(const Ticket& t, const std::string& organisation);

// Own, CC'd and assigned tickets for everyone; the organisation's tickets
// for main contacts and admins, and for members of a shared organisation;
// all for staff (agents, managers). The stricter of the organisation's and
// the user's setting holds: a restricted user sees only their own, whatever
// the role. A public ticket is also seen by the residents of its property
// (those of its audience, when it names one); a private one stays between
// its requester and management.
bool can_see(const User& u, const Organisation* org, const TicketAudience& t);

// Whether an event of a ticket the user can see is itself shown to them:
// internal notes never reach customers. The second form works on the wire
// JSON, so a pull need not rebuild each event.
bool can_see_event(const User& u, const Event& e);
bool can_see_event(const User& u, const std::string& type, const Json& payload);
// Whether can_see_event needs the payload for an event of this type: false
// when the type alone decides (staff see everything; only comments can be
// internal notes), so a server paging through events parses only those.
bool visibility_needs_payload(const User& u, const std::string& type);

// Why the user may not change the status of ticket `t` with event `e`
// (nothing when they may, or when `e` changes no status). Only property
// tickets have such rules: there the status events (status, reopen,
// resolve, close, delete) are management's (agent, manager, admin); a
// provider or caretaker who is the ticket's assignee may set in-progress
// (from approved) and done (from in-progress); nobody else, residents and
// customers included, moves a property ticket. Used by forbid_push and by
// the local commands for users registered in the store.
std::optional<std::string> forbid_status_change(const User& u, const Ticket& t, const Event& e);

// Why the user may not push this event (nothing when they may). `current`
// is the ticket before the event (nullptr for a create event). The author
// must be the user or one of their pseudonyms, and on a ticket they opened
// anonymously it must be the pseudonym: their address would tell everyone.
std::optional<std::string> forbid_push(const User& u, const Ticket* current, const Event& e);

} // namespace tickets
