#pragma once
// SLA clocks: first reply, next reply and resolution, each spending working
// time (core/working_time.hpp) against a target.
//
// The targets are recorded in the ticket's events (the create, and a `set`
// or `escalate` that moves the ticket to another policy), chosen from the
// config's [sla.NAME] policies by the command that writes the event. So
// every replica folds the same targets, and a policy changed later applies
// to the tickets it meets from then on (`tickets report --policy FILE` asks
// what another policy would have said about the past).
//
// The clocks run while the ticket is active and not in a pausing status
// (pending and hold unless configured):
//   first_reply  from the create to the first public reply of someone who
//                is not the requester or a CC (it stops, too, when the
//                ticket is solved or closed first);
//   next_reply   from each public reply of the requester or a CC that follows
//                an answer, to the next answer (the latest such cycle is the
//                clock; an earlier one that ran over stays breached);
//   resolution   from the create until the ticket is solved or closed; a
//                reopened ticket spends the rest of the same target.
#include "core/event.hpp"
#include "core/working_time.hpp"

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace tickets {

struct Ticket;

// What one ticket's clocks run against; 0: no target for that clock.
struct SlaTargets {
    std::string policy;
    std::int64_t first_reply = 0, next_reply = 0, resolution = 0; // working seconds
    std::vector<std::string> pause;                               // statuses that stop the clocks
    bool operator==(const SlaTargets&) const = default;
};
// The payload field "sla": {"policy", "first_reply", "next_reply",
// "resolution", "pause"}; {} for a ticket no policy applies to.
Json sla_targets_json(const std::optional<SlaTargets>& targets);
// Nothing for {} or a value of the wrong shape (events from other replicas).
std::optional<SlaTargets> sla_targets_from_json(const Json& v);
// Why a payload's "sla" value is not of that shape, for the event schema.
std::optional<std::string> sla_targets_problem(const Json& v);

struct SlaPolicy {
    std::string name;
    // Conditions, empty: any. The priority is the policy's name unless set.
    std::string priority, type, organisation, product;
    SlaTargets targets;
};

struct SlaSettings {
    std::vector<SlaPolicy> policies;
    std::int64_t warn_before = 3600; // seconds before a deadline the sweep warns
    std::vector<std::string> notify; // addresses told beside the assignee
};

// From the flattened config: sla.pause, sla.warn_before, sla.notify and the
// policies sla.NAME.{priority,type,organisation,product,first_reply,
// next_reply,resolution}; `day_seconds` is the working day of "d".
// Throws Failure(kConfig) naming a bad key.
SlaSettings sla_settings(const std::map<std::string, std::string>& config,
                         std::int64_t day_seconds);
// The policy for a ticket as it now is: the one whose conditions all hold
// and that names the most of them (ties: the first by name); nothing if none.
std::optional<SlaTargets> sla_targets_for(const Ticket& t, const SlaSettings& s);
// Whether a change moved what the policies choose by (priority, type,
// organisation, product): then the ticket takes the targets of its new policy.
bool sla_choice_changed(const Ticket& before, const Ticket& after);

// A moment of the ticket's life the clocks react to, in fold order.
struct SlaMark {
    enum Kind { moved, answer, customer_reply } kind;
    Instant time;
    std::string status; // for `moved`: the status moved to
};

struct SlaClock {
    std::string name; // first_reply, next_reply, resolution
    int cycle = 0;    // next_reply: which of the customer's replies it answers (0: the first)
    std::int64_t target = 0, used = 0; // working seconds: the target, spent until now or the stop
    bool running = false;              // spending now
    bool done = false;          // stopped for good (answered, solved); else paused when not running
    bool breached = false;      // spent more than its target (or, running, will have at `due`)
    std::optional<Instant> due; // running: when the target is reached
    std::optional<Instant> stopped; // done: when
};

struct SlaState {
    std::vector<SlaClock> clocks; // the clocks that have a target and have started
    // What does not depend on the time asked at, for the materialised row:
    // the earliest instant a running clock reaches its target, and whether
    // a clock that no longer runs went over its target.
    std::optional<Instant> due;
    bool breached_before = false;
    // Any clock breached now, or breached_before.
    bool breached() const;
};

// The clocks of a ticket at `now` against `targets` (the ticket's own, or a
// policy's for `report --policy`); breached then also means a running clock
// past its due instant.
SlaState sla_state(const Ticket& t, const SlaTargets& targets, const WorkCalendar& cal,
                   Instant now);
// The nearest deadline of the clocks as a table shows it: "breached",
// "paused", "met" or the local time of the due instant.
std::string sla_summary(const SlaState& s, const TimeZone& zone);
Json sla_state_json(const SlaState& s, const SlaTargets& targets);

} // namespace tickets
