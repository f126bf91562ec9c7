#include "core/report.hpp"

#include "core/csv.hpp"
#include "core/event.hpp"
#include "core/names.hpp"
#include "core/workflow.hpp"

#include <algorithm>
#include <cmath>
#include <fmt/format.h>

namespace tickets {

Spread spread_of(std::vector<std::int64_t> v) {
    Spread s;
    s.count = v.size();
    if (v.empty()) return s;
    std::sort(v.begin(), v.end());
    size_t n = v.size();
    s.median = n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
    size_t rank = (n * 90 + 99) / 100; // ceil(0.9 n), 1-based
    s.p90 = v[std::max<size_t>(rank, 1) - 1];
    return s;
}

std::optional<double> ReportFigures::sla_attainment() const {
    if (sla_tickets == 0) return std::nullopt;
    return double(sla_tickets - sla_breached) / double(sla_tickets);
}

std::optional<double> ReportFigures::satisfaction() const {
    if (good + bad == 0) return std::nullopt;
    return double(good) / double(good + bad);
}

bool report_status_is_open(const std::string& status) {
    for (const Workflow* w : {&support_workflow(), &property_workflow()})
        if (w->has_status(status)) return w->is_active(status);
    return true;
}

namespace {

struct Collector {
    ReportFigures figures;
    std::vector<std::int64_t> ages, first_replies, resolutions;

    void add(const ReportRow& r, const WorkCalendar& cal, Instant now) {
        ReportFigures& f = figures;
        ++f.tickets;
        bool open = report_status_is_open(r.status);
        if (open) {
            ++f.open;
            ages.push_back(std::max<std::int64_t>(0, now - r.created));
        }
        if (r.answered) first_replies.push_back(cal.seconds_between(r.created, *r.answered));
        if (!open) {
            auto end = r.solved ? r.solved : r.closed;
            if (end) resolutions.push_back(cal.seconds_between(r.created, *end));
        }
        if (r.has_sla) {
            ++f.sla_tickets;
            if (r.sla_breached) ++f.sla_breached;
        }
        f.escalations += r.escalations;
        if (r.escalations > 0) ++f.escalated;
        f.reminders += r.reminders;
        if (r.rating == "good") ++f.good;
        if (r.rating == "bad") {
            ++f.bad;
            if (!r.rating_reason.empty()) ++f.bad_reasons[r.rating_reason];
        }
    }
    ReportFigures done() {
        figures.open_age = spread_of(std::move(ages));
        figures.first_reply = spread_of(std::move(first_replies));
        figures.resolution = spread_of(std::move(resolutions));
        return std::move(figures);
    }
};

// Monday of the local week of an instant, as days since the epoch (which was a Thursday).
std::int64_t week_of(Instant t, const WorkCalendar& cal) {
    std::int64_t day = local_day(cal.calendar(), t);
    return day - (((day + 3) % 7 + 7) % 7);
}

} // namespace

Report make_report(const std::vector<ReportRow>& rows, const std::string& by,
                   const WorkCalendar& cal, Instant now) {
    Report r;
    r.by = by;
    Collector total;
    total.figures.key = "total";
    std::map<std::string, Collector> groups, priorities;
    std::map<std::int64_t, ReportWeek> weeks;
    const std::pair<const char*, std::int64_t> buckets[] = {{"< 4h", 4 * 3600},
                                                            {"4h - 8h", 8 * 3600},
                                                            {"8h - 16h", 16 * 3600},
                                                            {"16h - 40h", 40 * 3600},
                                                            {">= 40h", -1}};
    for (const auto& [label, upto] : buckets) r.resolution_times.push_back({label, 0});
    for (const auto& row : rows) {
        total.add(row, cal, now);
        if (!by.empty()) {
            Collector& g = groups[row.group];
            g.figures.key = row.group;
            g.add(row, cal, now);
        }
        Collector& p = priorities[row.priority];
        p.figures.key = row.priority;
        p.add(row, cal, now);
        std::int64_t monday = week_of(row.created, cal);
        weeks[monday].monday = monday;
        ++weeks[monday].by_status[row.status];
    }
    r.total = total.done();
    for (auto& [key, g] : groups) r.groups.push_back(g.done());
    for (auto& [key, p] : priorities) r.by_priority.push_back(p.done());
    std::sort(r.by_priority.begin(), r.by_priority.end(),
              [](const ReportFigures& a, const ReportFigures& b) {
                  return priority_rank(a.key) > priority_rank(b.key);
              });
    if (!weeks.empty())
        for (std::int64_t w = weeks.begin()->first; w <= weeks.rbegin()->first; w += 7) {
            auto it = weeks.find(w);
            r.weeks.push_back(it == weeks.end() ? ReportWeek{w, {}} : it->second);
        }
    for (const auto& row : rows) {
        if (report_status_is_open(row.status)) continue;
        auto end = row.solved ? row.solved : row.closed;
        if (!end) continue;
        std::int64_t took = cal.seconds_between(row.created, *end);
        for (size_t i = 0; i < std::size(buckets); ++i)
            if (buckets[i].second < 0 || took < buckets[i].second) {
                ++r.resolution_times[i].tickets;
                break;
            }
    }
    return r;
}

namespace {

Json spread_json(const Spread& s) {
    return {{"count", s.count},
            {"median", s.median ? Json(*s.median) : Json(nullptr)},
            {"p90", s.p90 ? Json(*s.p90) : Json(nullptr)}};
}

Json share_json(const std::optional<double>& v) {
    return v ? Json(std::round(*v * 10000) / 10000) : Json(nullptr);
}

Json figures_json(const ReportFigures& f) {
    return {{"key", f.key},
            {"tickets", f.tickets},
            {"open", f.open},
            {"open_age", spread_json(f.open_age)},
            {"first_reply", spread_json(f.first_reply)},
            {"resolution", spread_json(f.resolution)},
            {"sla",
             {{"tickets", f.sla_tickets},
              {"breached", f.sla_breached},
              {"attainment", share_json(f.sla_attainment())}}},
            {"escalations", f.escalations},
            {"escalated", f.escalated},
            {"reminders", f.reminders},
            {"satisfaction",
             {{"good", f.good},
              {"bad", f.bad},
              {"score", share_json(f.satisfaction())},
              {"bad_reasons", f.bad_reasons}}}};
}

std::string hours(const std::optional<std::int64_t>& seconds) {
    return seconds ? fmt::format("{:.2f}", double(*seconds) / 3600) : "";
}

std::string percent(const std::optional<double>& v) {
    return v ? fmt::format("{:.0f}%", *v * 100) : "-";
}

std::string duration(const std::optional<std::int64_t>& seconds) {
    return seconds ? format_working_duration(*seconds) : "-";
}

std::vector<const ReportFigures*> rows_of(const Report& r) {
    std::vector<const ReportFigures*> out;
    for (const auto& g : r.groups) out.push_back(&g);
    out.push_back(&r.total);
    return out;
}

} // namespace

Json report_json(const Report& r) {
    Json groups = Json::array();
    for (const auto& g : r.groups) groups.push_back(figures_json(g));
    Json weeks = Json::array();
    for (const auto& w : r.weeks) {
        int y;
        unsigned m, d;
        civil_from_days(w.monday, y, m, d);
        weeks.push_back(
            {{"week", fmt::format("{:04}-{:02}-{:02}", y, m, d)}, {"by_status", w.by_status}});
    }
    Json buckets = Json::array();
    for (const auto& b : r.resolution_times)
        buckets.push_back({{"range", b.label}, {"tickets", b.tickets}});
    Json priorities = Json::array();
    for (const auto& p : r.by_priority)
        priorities.push_back({{"priority", p.key},
                              {"tickets", p.sla_tickets},
                              {"breached", p.sla_breached},
                              {"attainment", share_json(p.sla_attainment())}});
    return {{"by", r.by.empty() ? Json(nullptr) : Json(r.by)},
            {"groups", groups},
            {"total", figures_json(r.total)},
            {"weeks", weeks},
            {"resolution_times", buckets},
            {"sla_by_priority", priorities}};
}

std::string report_csv(const Report& r) {
    std::string out = csv_row(
        {r.by.empty() ? "group" : r.by, "tickets", "open", "open_age_median_h", "open_age_p90_h",
         "first_reply_median_h", "first_reply_p90_h", "resolution_median_h", "resolution_p90_h",
         "sla_tickets", "sla_breached", "escalations", "escalated", "reminders", "good", "bad"});
    for (const ReportFigures* f : rows_of(r))
        out += csv_row(
            {f->key, std::to_string(f->tickets), std::to_string(f->open), hours(f->open_age.median),
             hours(f->open_age.p90), hours(f->first_reply.median), hours(f->first_reply.p90),
             hours(f->resolution.median), hours(f->resolution.p90), std::to_string(f->sla_tickets),
             std::to_string(f->sla_breached), std::to_string(f->escalations),
             std::to_string(f->escalated), std::to_string(f->reminders), std::to_string(f->good),
             std::to_string(f->bad)});
    return out;
}

std::vector<std::vector<std::string>> report_table_rows(const Report& r) {
    std::vector<std::vector<std::string>> table = {
        {r.by.empty() ? "" : r.by, "tickets", "open", "open age", "first reply", "resolution",
         "SLA met", "escalated", "reminders", "satisfaction"},
        {"", "", "", "median/p90", "median/p90", "median/p90", "", "", "", ""}};
    for (const ReportFigures* f : rows_of(r))
        table.push_back({f->key.empty() ? "(none)" : f->key, std::to_string(f->tickets),
                         std::to_string(f->open),
                         duration(f->open_age.median) + " / " + duration(f->open_age.p90),
                         duration(f->first_reply.median) + " / " + duration(f->first_reply.p90),
                         duration(f->resolution.median) + " / " + duration(f->resolution.p90),
                         percent(f->sla_attainment()), std::to_string(f->escalated),
                         std::to_string(f->reminders), percent(f->satisfaction())});
    return table;
}

} // namespace tickets
