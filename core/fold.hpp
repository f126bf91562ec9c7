#pragma once
// Events -> ticket state. Deterministic: the same set of events gives the
// same ticket on every replica, whatever order they arrived in.
#include "core/ticket.hpp"

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace tickets {

// Applies one event. Returns why it cannot apply (e.g. "cannot resolve:
// status is closed") and leaves the ticket unchanged in that case.
std::optional<std::string> apply_event(Ticket& t, const Event& e);

// Event id -> why: events a server skipped when they arrived, which every
// fold skips (store/schema.cpp, table verdicts).
using Verdicts = std::map<std::string, std::string>;

// Sorts by fold_order and applies every event; refused ones and those with
// a verdict are recorded in Ticket::skipped. The first event in order must
// be the create event.
Ticket fold(const std::vector<Event>& events, const Verdicts& verdicts = {});
// The same over events held elsewhere (the caller keeps their order).
Ticket fold(std::vector<const Event*> events, const Verdicts& verdicts = {});

} // namespace tickets
