#pragma once
// Automation around a change: the Git-style hooks .tickets/hooks/post-create
// and post-change, which get the ticket's JSON on stdin after the change
// committed.
#include "cmd/context.hpp"
#include "core/draft.hpp"
#include "core/event.hpp"
#include "core/ticket.hpp"

namespace tickets {

// Remembers the hook to run for this event (post-create or post-change).
void queue_hook(const Repository& repo, const Event& e, const Ticket& after);
// Runs the remembered hooks, after the commit. A hook that is missing or
// not executable is skipped; one that fails is reported on stderr, and the
// change stays.
void run_hooks(Context& ctx);

} // namespace tickets
