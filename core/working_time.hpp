#pragma once
// Working time: the business hours of each weekday ([calendar.hours]) on the
// working days of a Calendar (weekends, public holidays and extra days off
// have none). SLA targets are spent in it. Pure, like the calendar.
#include "core/calendar.hpp"

#include <array>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace tickets {

struct WorkingHours {
    // Per weekday, Monday = 0: the open spans as minutes after midnight,
    // sorted and apart ("08:00-12:00,13:00-17:00" is two).
    std::array<std::vector<std::pair<int, int>>, 7> days;
};

// Monday to Friday 08:00-17:00: what [calendar.hours] means when it is not set.
WorkingHours default_working_hours();
// From the flattened config's calendar.hours.monday … sunday, each "HH:MM-HH:MM"
// (several separated by commas) or "closed"; a day not named keeps its
// default. Throws Failure(kConfig) naming the key of a bad value.
WorkingHours working_hours(const std::map<std::string, std::string>& config);
// The seconds of the longest working day: the unit "d" of SLA targets.
std::int64_t working_day_seconds(const WorkingHours& hours);
// One span list as the config writes it; nothing if it is not one.
std::optional<std::vector<std::pair<int, int>>> parse_day_hours(std::string_view text);

// The working calendar: days and hours. Holidays are looked up per year
// once, so counting working time over months stays cheap.
class WorkCalendar {
  public:
    WorkCalendar(Calendar calendar, WorkingHours hours);
    WorkCalendar(WorkCalendar&& other) noexcept;
    WorkCalendar(const WorkCalendar&) = delete;

    const Calendar& calendar() const { return calendar_; }
    const WorkingHours& hours() const { return hours_; }
    std::int64_t day_seconds() const { return working_day_seconds(hours_); }
    // Everything the working time depends on, as text: materialised SLA
    // deadlines are recomputed when it changes.
    std::string fingerprint() const;

    // Working seconds in [from, to); 0 when to <= from.
    std::int64_t seconds_between(Instant from, Instant to) const;
    // The instant at which `seconds` of working time from `from` are spent
    // (`from` itself for 0); nothing if the calendar has no working time
    // within ten years.
    std::optional<Instant> add_seconds(Instant from, std::int64_t seconds) const;

  private:
    bool open_on(std::int64_t day) const;
    // The open spans of a local day as instants.
    std::vector<std::pair<Instant, Instant>> spans(std::int64_t day) const;

    Calendar calendar_;
    WorkingHours hours_;
    // The working seconds of the whole days [first, end), from a running
    // sum of the days counted so far (extended by counted_to, under
    // cache_mutex_): a report sums months of working time per ticket, and
    // counting them day by day was most of its time.
    std::int64_t whole_days(std::int64_t first, std::int64_t end) const;
    void counted_to(std::int64_t day) const;
    std::int64_t day_total(std::int64_t day) const;

    // The caches are filled by whichever thread asks (an import's folding one).
    mutable std::mutex mutex_; // holidays_by_year_
    mutable std::map<int, std::vector<std::int64_t>> holidays_by_year_;
    mutable std::mutex cache_mutex_; // days_from_, seconds_before_
    mutable std::int64_t days_from_ = 0;
    mutable std::vector<std::int64_t> seconds_before_; // [i]: days days_from_ … days_from_ + i - 1
};

// "4h", "30m", "2d", "1d4h30m" (d: WorkCalendar::day_seconds()) as seconds;
// nothing if it is not a positive duration of that form.
std::optional<std::int64_t> parse_working_duration(std::string_view text, std::int64_t day_seconds);
// Seconds as "4h 30m" (whole minutes, rounded down; "0m" for less).
std::string format_working_duration(std::int64_t seconds);

} // namespace tickets
