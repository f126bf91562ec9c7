#pragma once
// Creating a ticket, shared by `new`, `import --format csv` and the
// follow-up that a reply to a closed ticket opens.
#include "cmd/context.hpp"
#include "core/draft.hpp"
#include "core/ticket.hpp"

#include <string>
#include <vector>

namespace tickets {

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
