#pragma once
// The rules of `tickets sweep`, as a pure function from a ticket's state,
// the time and the settings to the one action due now (if any):
//   pending: a reminder to the requester after N working days without a
//            reply, a second after M more, then (if enabled) closed after
//            K more working days (0: with the second reminder, as the
//            vendors' portals do); a customer reply restarts the clock;
//   solved:  closed D calendar days after it was solved.
// Tickets of a workflow without sweeps (property) are never touched.
// One action at a time: the sweep asks again after applying it, so the
// closing that is due with the second reminder follows it at once; a
// second sweep at the same time finds nothing to do.
#include "core/calendar.hpp"
#include "core/event.hpp"
#include "core/ticket.hpp"

#include <map>
#include <optional>
#include <string>

namespace tickets {

struct SweepSettings {
    int pending_reminder_days = 5;        // working days
    int pending_second_reminder_days = 5; // working days after the first reminder
    bool pending_close = true;
    int pending_close_days = 0; // working days after the second reminder; 0: with it
    int solved_close_days = 14; // calendar days
    Calendar calendar = make_calendar("DE-NW", "", TimeZone{}); // the caller's zone replaces UTC
};

// From the flattened config (keys "sweep.*" and "calendar.*", as
// Config::entries() holds them) and the zone of calendar.timezone (which
// store/time_zone.hpp reads from the system); missing keys keep the
// defaults above. Throws Failure(kConfig) naming a bad key.
SweepSettings sweep_settings(const std::map<std::string, std::string>& config, TimeZone zone);

struct SweepAction {
    std::string type; // "remind" or "close"
    Json payload;     // {"reminder": 1|2} or {"reason": "…"}
};

std::optional<SweepAction> sweep_ticket(const Ticket& t, Instant now, const SweepSettings& s);

} // namespace tickets
