#pragma once
// The follow-up that a public reply to a closed ticket opens, shared by
// `comment` and `mail-in`.
#include "cmd/context.hpp"
#include "core/event.hpp"
#include "core/ticket.hpp"

#include <string>

namespace tickets {

// Creates a ticket with the closed ticket's fields and the reply as its
// description, and links it from the closed ticket ("link" event), inside
// the caller's write transaction. `message_id` (mail intake) is recorded in
// the create event.
Ticket open_follow_up(Context& ctx, Repository& repo, const Ticket& closed, const std::string& body,
                      const Json& attachments, const std::string& message_id = "");

} // namespace tickets
