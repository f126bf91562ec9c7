#pragma once
// `tickets report`: the desk manager's figures over a selection of tickets,
// per group (--by) and in total. Pure: the rows come from the store, the
// working calendar and the time from the caller.
//
// How each figure is counted:
//   tickets        the tickets selected (created within --from/--to)
//   open           those whose status is still active (not solved, closed, done)
//   open age       calendar time from creation to now, of the open ones
//   first reply    working time from creation to the first public answer
//   resolution     working time from creation to solving (closing, where a
//                  ticket was closed without being solved)
//   median         the middle value (the mean of the two middle ones for an
//                  even count); p90 the smallest value at least 90% of the
//                  values do not exceed (nearest rank)
//   SLA met        of the tickets with SLA targets, the share none of whose
//                  clocks went over, as of now
//   escalations    escalations made; escalated: tickets escalated at least once
//   reminders      reminders the sweep sent
//   satisfaction   good / (good + bad) of the rated tickets, and the reasons
//                  given with bad ratings, by count
#include "core/event.hpp"
#include "core/working_time.hpp"

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace tickets {

// One ticket as the report reads it.
struct ReportRow {
    std::string id;
    std::string group; // the ticket's value of the --by field
    std::string status, priority;
    Instant created = 0;
    std::optional<Instant> answered, solved, closed;
    int escalations = 0, reminders = 0;
    std::string rating, rating_reason;
    bool has_sla = false, sla_breached = false;
};

struct Spread {
    std::size_t count = 0;
    std::optional<std::int64_t> median, p90; // seconds
};
// Of any values (sorted here).
Spread spread_of(std::vector<std::int64_t> values);

struct ReportFigures {
    std::string key; // the group's value ("" for tickets without one); "total"
    std::int64_t tickets = 0, open = 0;
    Spread open_age, first_reply, resolution;
    std::int64_t sla_tickets = 0, sla_breached = 0;
    std::int64_t escalations = 0, escalated = 0, reminders = 0;
    std::int64_t good = 0, bad = 0;
    std::map<std::string, std::int64_t> bad_reasons;
    std::optional<double> sla_attainment() const;
    std::optional<double> satisfaction() const;
};

// For the charts of the HTML page.
struct ReportWeek {
    std::int64_t monday = 0;                       // local day (days since epoch)
    std::map<std::string, std::int64_t> by_status; // tickets created that week, by status now
};
struct ReportBucket {
    std::string label; // "< 4h", "4h – 1d" …
    std::int64_t tickets = 0;
};

struct Report {
    std::string by;                    // the field grouped by; empty: no groups
    std::vector<ReportFigures> groups; // by key
    ReportFigures total;
    std::vector<ReportWeek> weeks;              // every week from the first ticket to the last
    std::vector<ReportBucket> resolution_times; // in working time
    std::vector<ReportFigures> by_priority;     // SLA attainment per priority
};

Report make_report(const std::vector<ReportRow>& rows, const std::string& by,
                   const WorkCalendar& calendar, Instant now);

// "open" for statuses with work to do in their workflow.
bool report_status_is_open(const std::string& status);

Json report_json(const Report& r);
// One row per group and the total; durations in hours with two decimals.
std::string report_csv(const Report& r);
// For a terminal: a header of two lines, then a row per group and the
// total; durations as "4h 30m", shares as "85%".
std::vector<std::vector<std::string>> report_table_rows(const Report& r);

} // namespace tickets
