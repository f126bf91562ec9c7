#pragma once
// Events -> ticket state. Deterministic: the same set of events gives the
// same ticket on every replica, whatever order they arrived in.
#include "core/ticket.hpp"

#include <optional>
#include <string>
#include <vector>

namespace tickets {

// Applies one event. Returns why it cannot apply (e.g. "cannot resolve:
// status is closed") and leaves the ticket unchanged in that case.
std::optional<std::string> apply_event(Ticket& t, const Event& e);

// Sorts by fold_order and applies every event; refused ones are recorded in
// Ticket::skipped. The first event in order must be the create event.
Ticket fold(const std::vector<Event>& events);
// The same over events held elsewhere (the caller keeps their order).
Ticket fold(std::vector<const Event*> events);

} // namespace tickets
