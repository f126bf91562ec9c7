#include "core/sla_notify.hpp"

#include "core/workflow.hpp"

#include <fmt/format.h>

namespace tickets {

namespace {

std::string clock_label(const std::string& clock, bool german) {
    if (clock == "first_reply") return german ? "Erste Antwort" : "First reply";
    if (clock == "next_reply") return german ? "Nächste Antwort" : "Next reply";
    return german ? "Lösung" : "Resolution";
}

} // namespace

std::vector<SlaNotice> sla_notices_due(const Ticket& t, const SlaState& s, Instant now,
                                       std::int64_t warn_before) {
    std::vector<SlaNotice> out;
    if (t.deleted || !workflow_of(t.workflow).is_active(t.status)) return out;
    for (const auto& c : s.clocks) {
        if (c.done) continue; // met, or settled when the ticket was answered or solved
        if (c.breached)
            out.push_back({c.name, c.cycle, "breached"});
        else if (c.running && c.due && *c.due - now <= warn_before)
            out.push_back({c.name, c.cycle, "warning"});
    }
    return out;
}

MailMessage sla_message(const Ticket& t, const SlaClock& clock, const SlaNotice& n,
                        const std::vector<std::string>& to, const NotifySettings& settings,
                        const TimeZone& zone, Instant now) {
    bool german = settings.language != "en";
    bool breached = n.stage == "breached";
    std::string label = clock_label(clock.name, german);
    std::string due = clock.due ? format_local(*clock.due, zone) : "";
    MailMessage m;
    m.ticket = t.id;
    m.name = fmt::format("sla-{}-{}-{}-{}.eml", t.id.substr(0, 16), clock.name, n.cycle, n.stage);
    m.from = settings.from;
    m.to = to;
    std::string what = breached ? (german ? "SLA verletzt" : "SLA breached")
                                : (german ? "SLA bald fällig" : "SLA due soon");
    m.subject =
        fmt::format("[#{}] {}: {}: {}", t.id.substr(0, kMailTokenLength), what, label, t.subject);
    m.message_id = fmt::format("<{}.sla-{}-{}-{}@tickets.local>", t.id.substr(0, 12), clock.name,
                               n.cycle, n.stage);
    m.in_reply_to = thread_message_id(t.id);
    m.date = now;
    std::string target = format_working_duration(clock.target);
    std::string used = format_working_duration(clock.used);
    if (german)
        m.body = breached
                     ? fmt::format("Das Ziel „{}“ ({} Arbeitszeit) ist überschritten: {} "
                                   "verbraucht{}.",
                                   label, target, used, due.empty() ? "" : ", fällig war " + due)
                     : fmt::format("Das Ziel „{}“ ({} Arbeitszeit) ist am {} fällig; {} "
                                   "verbraucht.",
                                   label, target, due, used);
    else
        m.body = breached
                     ? fmt::format("The target \"{}\" ({} of working time) is breached: {} "
                                   "spent{}.",
                                   label, target, used, due.empty() ? "" : ", it was due " + due)
                     : fmt::format("The target \"{}\" ({} of working time) is due {}; {} "
                                   "spent.",
                                   label, target, due, used);
    m.body += fmt::format("\n\n{}: {}\n{}: {}\n{}: {}\n{}: {}\n", german ? "Ticket" : "Ticket",
                          t.id.substr(0, kMailTokenLength), german ? "Betreff" : "Subject",
                          t.subject, german ? "Status" : "Status", t.status,
                          german ? "Priorität" : "Priority", t.priority);
    if (t.sla) m.body += fmt::format("SLA: {}\n", t.sla->policy);
    return m;
}

} // namespace tickets
