#include "core/sweep.hpp"

#include "core/error.hpp"
#include "core/workflow.hpp"

#include <algorithm>
#include <fmt/format.h>

namespace tickets {

namespace {

std::string value_or(const std::map<std::string, std::string>& c, const std::string& key,
                     const std::string& fallback) {
    auto it = c.find(key);
    return it == c.end() ? fallback : it->second;
}

int days(const std::map<std::string, std::string>& c, const std::string& key, int fallback) {
    auto it = c.find(key);
    if (it == c.end()) return fallback;
    const std::string& v = it->second;
    if (v.empty() || v.size() > 5 || !std::all_of(v.begin(), v.end(), ::isdigit))
        throw Failure(kConfig, fmt::format("config {} = '{}' is not a number of days", key, v));
    return std::stoi(v);
}

bool flag(const std::map<std::string, std::string>& c, const std::string& key, bool fallback) {
    auto it = c.find(key);
    if (it == c.end()) return fallback;
    if (it->second == "true") return true;
    if (it->second == "false") return false;
    throw Failure(kConfig, fmt::format("config {} = '{}' is not true or false", key, it->second));
}

} // namespace

SweepSettings sweep_settings(const std::map<std::string, std::string>& c, TimeZone zone) {
    SweepSettings s;
    s.pending_reminder_days = days(c, "sweep.pending_reminder_days", s.pending_reminder_days);
    s.pending_second_reminder_days =
        days(c, "sweep.pending_second_reminder_days", s.pending_second_reminder_days);
    s.pending_close = flag(c, "sweep.pending_close", s.pending_close);
    s.pending_close_days = days(c, "sweep.pending_close_days", s.pending_close_days);
    s.solved_close_days = days(c, "sweep.solved_close_days", s.solved_close_days);
    s.calendar = make_calendar(value_or(c, "calendar.holidays", "DE-NW"),
                               value_or(c, "calendar.extra_holidays", ""), std::move(zone));
    return s;
}

std::optional<SweepAction> sweep_ticket(const Ticket& t, Instant now, const SweepSettings& s) {
    // Only the support workflow has time-driven rules (the property workflow
    // moves only when management or the provider moves it).
    if (!workflow_of(t.workflow).sweeps) return std::nullopt;
    if (t.status == "solved" && t.solved_at) {
        if (now >= *t.solved_at + std::int64_t(s.solved_close_days) * 86400)
            return SweepAction{"close", {{"reason", "solved"}}};
        return std::nullopt;
    }
    if (t.status != "pending" || !t.pending_since) return std::nullopt;
    // The clock runs from the later of: pending since, the customer's last
    // reply, the last reminder.
    Instant since = *t.pending_since;
    if (t.customer_replied_at) since = std::max(since, *t.customer_replied_at);
    if (t.last_reminder_at) since = std::max(since, *t.last_reminder_at);
    int waited = working_days_between(since, now, s.calendar);
    if (t.reminders_sent == 0 && waited >= s.pending_reminder_days)
        return SweepAction{"remind", {{"reminder", 1}}};
    if (t.reminders_sent == 1 && waited >= s.pending_second_reminder_days)
        return SweepAction{"remind", {{"reminder", 2}}};
    if (t.reminders_sent >= 2 && s.pending_close && waited >= s.pending_close_days)
        return SweepAction{"close", {{"reason", "no-reply"}}};
    return std::nullopt;
}

} // namespace tickets
