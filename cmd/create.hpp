#pragma once
// Creating a ticket, shared by `new`, `import --format csv` and the
// follow-up that a reply to a closed ticket opens.
#include "cmd/context.hpp"
#include "core/access.hpp"
#include "core/draft.hpp"
#include "core/rules.hpp"
#include "core/ticket.hpp"
#include "store/property_register.hpp"

#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace tickets {

// What a new ticket takes from the context and the store, looked up once:
// a bulk creation shares it across its rows, and a second thread can use it
// without touching the store (import --format csv).
struct CreateDefaults {
    std::string author; // the acting user
    Instant time = 0;
    std::string workflow; // for a draft without one: the server's, else core.workflow
    PropertyRegister properties;
    std::vector<CreateRule> rules;
    std::optional<User> acting; // whose rights a create meets; none: anyone may
    SlaSettings sla;            // the policies whose targets a new ticket records
    // The store's working calendar, for the SLA rows of those tickets
    // (nullptr without policies: then no ticket gets targets).
    const WorkCalendar* calendar = nullptr;
    // The configured priority of a type, and the organisation of an address
    // (both read the loaded config only).
    std::function<std::string(const std::string&)> priority_of, organisation_of;
};
CreateDefaults create_defaults(Context& ctx, Repository& repo);

// The create event of a draft: the draft validated, with its defaults
// (requester = acting user, organisation from the requester's domain,
// priority from the type, workflow) and the create rules applied, sealed
// with `lamport`; with `check_rights`, the acting user's right to it
// checked (Failure(kNoPerm)).
Event draft_event(const CreateDefaults& c, TicketDraft draft, std::int64_t lamport,
                  bool check_rights);

// The create event of a draft, not yet appended: the draft validated, with
// its defaults (requester = acting user, organisation from the requester's
// domain, priority from the type, workflow from core.workflow) and the
// create rules applied, and the acting user's right to it checked.
Event create_event(Context& ctx, Repository& repo, TicketDraft draft);
// The same, appended, materialised and its notifications queued, inside
// the caller's write transaction.
Ticket create_ticket(Context& ctx, Repository& repo, TicketDraft draft);

// Reads the files and stores them as blobs; returns the attachment list of
// an event payload. Throws Failure(kDataErr) naming an unreadable file.
Json store_attachments(Repository& repo, const std::vector<std::string>& files);

} // namespace tickets
