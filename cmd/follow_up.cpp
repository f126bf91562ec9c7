#include "cmd/follow_up.hpp"

#include "cmd/common.hpp"
#include "cmd/create.hpp"
#include "core/fold.hpp"

namespace tickets {

// The follow-up keeps the closed ticket's fields; the reply is its description.
Ticket open_follow_up(Context& ctx, Repository& repo, const Ticket& closed, const std::string& body,
                      const Json& attachments, const std::string& message_id) {
    TicketDraft d;
    d.subject = closed.subject;
    d.description = body;
    d.requester = closed.requester;
    d.organisation = closed.organisation;
    d.cc = closed.cc;
    d.tags = closed.tags;
    d.product = closed.product;
    d.topic = closed.topic;
    d.category = closed.category;
    d.property = closed.property;
    d.type = closed.type;
    d.visibility = closed.visibility;
    d.follow_up_of = closed.id;
    d.workflow = closed.workflow; // whatever core.workflow says now
    d.attachments = attachments;
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
