#include "cmd/follow_up.hpp"

#include "cmd/common.hpp"
#include "cmd/create.hpp"
#include "core/fold.hpp"

namespace tickets {

Ticket open_follow_up(Context& ctx, Repository& repo, const Ticket& closed, const std::string& body,
                      const Json& attachments, const std::string& message_id) {
    TicketDraft d = follow_up_draft(closed, body, attachments);
    d.message_id = message_id;
    Ticket follow_up = create_ticket(ctx, repo, std::move(d));
    Ticket linked = closed;
    Event link = make_event(ctx, repo, "link", closed.id, {{"follow_up", follow_up.id}});
    apply_event(linked, link);
    repo.append(link);
    repo.materialise(linked);
    return follow_up;
}

} // namespace tickets
