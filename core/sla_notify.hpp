#pragma once
// The sweep's SLA messages: when a running clock is about to reach its
// target (sla.warn_before) and when it went over, to the assignee and the
// addresses of sla.notify; once per clock, next-reply cycle and stage (the
// sweep records what it sent). They name the ticket, the clock and the
// deadline, never its correspondence or its requester.
#include "core/notify.hpp"
#include "core/sla.hpp"

#include <string>
#include <vector>

namespace tickets {

struct SlaNotice {
    std::string clock; // first_reply, next_reply, resolution
    int cycle = 0;
    std::string stage; // "warning" or "breached"
};

// What is due at `now` for an active ticket's clocks: a warning for a
// running clock whose deadline is within `warn_before`, "breached" for one
// over its target. A breached clock owes no warning any more.
std::vector<SlaNotice> sla_notices_due(const Ticket& t, const SlaState& s, Instant now,
                                       std::int64_t warn_before);

// The message of a notice to `to` (staff: the assignee, sla.notify).
MailMessage sla_message(const Ticket& t, const SlaClock& clock, const SlaNotice& n,
                        const std::vector<std::string>& to, const NotifySettings& settings,
                        const TimeZone& zone, Instant now);

} // namespace tickets
