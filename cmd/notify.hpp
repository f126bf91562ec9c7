#pragma once
// Mail notifications of changes (rules in core/notify.hpp). A command calls
// queue_notifications() for each event inside its transaction, which queues
// the messages in the store (and remembers the hooks to run), and
// after_commit() after the commit, which writes the messages into
// .tickets/outbox/ and runs the hooks (cmd/automation.hpp). A command that
// fails leaves nothing in the outbox; one that stops right after its commit
// leaves its messages queued, and the next `outbox list|flush` or sweep
// writes them (store/outbox.hpp).
#include "cmd/context.hpp"
#include "core/event.hpp"
#include "core/ticket.hpp"
#include "mail/outbox.hpp"

#include <optional>

namespace tickets {

void queue_notifications(Context& ctx, Repository& repo, const Ticket& before, const Event& e,
                         const Ticket& after);
void after_commit(Context& ctx);

// smtp.url (checked) with the sender and TICKETS_SMTP_USER/PASSWORD;
// nothing when smtp.url is not set.
std::optional<SmtpSettings> smtp_settings(Context& ctx);

// Settles the outbox (store/outbox.hpp); with smtp.url set, also sends it
// and returns a summary ("outbox: 3 sent, 1 kept for the next flush (…)");
// a failed send stays for the next flush and is only reported (used by the
// sweep). Empty without smtp.url.
std::string flush_outbox_quietly(Context& ctx);

} // namespace tickets
