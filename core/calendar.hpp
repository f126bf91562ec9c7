#pragma once
// The working-day calendar of the sweep: German public holidays (federal and
// per state), extra dates, Monday to Friday, in a configured time zone.
// Pure: instants are passed in, nothing reads the clock.
#include "core/time.hpp"

#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace tickets {

// A time zone as the offsets it has had: each change's offset holds from its
// instant until the next change. An IANA zone's changes come from the
// system's time-zone database (store/time_zone.cpp reads it); core only
// looks them up, so it stays free of files.
struct TimeZone {
    struct Change {
        Instant since;
        int offset; // seconds east of UTC
    };
    std::string name = "UTC";
    std::vector<Change> changes; // sorted by `since`; none: UTC
};

// A zone that never changes: "UTC" or an offset such as "+01:00".
TimeZone fixed_time_zone(std::string name, int offset);
// "UTC", "Etc/UTC", "GMT", "Z" or "±HH:MM" / "±HHMM" as a fixed zone;
// nothing for anything else (an IANA name is the database's to answer).
std::optional<TimeZone> parse_fixed_time_zone(std::string_view text);
// Seconds east of UTC in effect at `t` (before the first change: its offset).
int utc_offset(const TimeZone& zone, Instant t);
// Local wall-clock seconds (since the epoch, as if the zone were UTC) back to
// an instant; in the hour that summer time skips, the instant after it.
Instant instant_of_local(const TimeZone& zone, std::int64_t local);
// The local time of `t` in `zone`, as tables show it: "2026-11-23 15:11".
std::string format_local(Instant t, const TimeZone& zone);
// The same as German spreadsheets read a date: "23.11.2026 15:11".
std::string format_local_german(Instant t, const TimeZone& zone);

// Days since 1970-01-01 of Easter Sunday (anonymous Gregorian algorithm).
std::int64_t easter_sunday(int year);

struct Holiday {
    std::int64_t day; // days since 1970-01-01
    std::string name; // German name, e.g. "Ostermontag"
};

// The state codes DE-BW … DE-TH; "DE" alone means the federal holidays only.
const std::vector<std::string>& holiday_regions();
// Public holidays of `region` in `year`, sorted by date. Nothing for an
// unknown region (check with holiday_regions()).
std::vector<Holiday> public_holidays(int year, std::string_view region);

struct Calendar {
    TimeZone zone;
    std::vector<std::string> regions;  // e.g. {"DE-NW"}; empty: weekends only
    std::set<std::int64_t> extra_days; // further days off (days since epoch)
};

// Builds a calendar from the config texts, regions "DE-NW" (several separated
// by commas; "" or "none" for no public holidays) and extra dates
// "2026-12-24,2026-12-31", in a time zone. Throws Failure(kConfig) naming
// the key of a bad value.
Calendar make_calendar(std::string_view regions, std::string_view extra_dates, TimeZone zone);

// The local calendar day (days since epoch) of an instant.
std::int64_t local_day(const Calendar& cal, Instant t);
bool is_holiday(const Calendar& cal, std::int64_t day);
bool is_working_day(const Calendar& cal, std::int64_t day);

// The same local time of day on the n-th working day after t's local date
// (n >= 0; n = 0 is t itself). Friday 16:00 + 1 = Monday 16:00.
Instant add_working_days(Instant t, int n, const Calendar& cal);
// The number of whole working days from `from` to `to`: the largest n with
// add_working_days(from, n) <= to (0 when to <= from).
int working_days_between(Instant from, Instant to, const Calendar& cal);

} // namespace tickets
