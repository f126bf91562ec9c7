// The working-day calendar: Easter, German public holidays by state, time
// zones and working-day arithmetic.
#include "core/calendar.hpp"
#include "core/error.hpp"

#include <algorithm>
#include <doctest/doctest.h>
#include <limits>

using namespace tickets;

namespace {

std::int64_t day(int y, unsigned m, unsigned d) {
    return days_from_civil(y, m, d);
}

Instant at(const char* iso) {
    return *parse_instant(iso);
}

bool has(const std::vector<Holiday>& hs, std::int64_t d, const std::string& name) {
    return std::any_of(hs.begin(), hs.end(),
                       [&](const Holiday& h) { return h.day == d && h.name == name; });
}

bool has_day(const std::vector<Holiday>& hs, std::int64_t d) {
    return std::any_of(hs.begin(), hs.end(), [&](const Holiday& h) { return h.day == d; });
}

} // namespace

TEST_CASE("Easter Sunday, anonymous Gregorian algorithm") {
    CHECK(easter_sunday(2026) == day(2026, 4, 5));
    CHECK(easter_sunday(2024) == day(2024, 3, 31));
    CHECK(easter_sunday(2025) == day(2025, 4, 20));
    CHECK(easter_sunday(2027) == day(2027, 3, 28));
    CHECK(easter_sunday(2038) == day(2038, 4, 25)); // latest possible
    CHECK(easter_sunday(2285) == day(2285, 3, 22)); // earliest possible
    CHECK(easter_sunday(2000) == day(2000, 4, 23));
}

TEST_CASE("federal holidays 2026 derived from Easter") {
    auto hs = public_holidays(2026, "DE");
    CHECK(has(hs, day(2026, 4, 3), "Karfreitag"));
    CHECK(has(hs, day(2026, 4, 6), "Ostermontag"));
    CHECK(has(hs, day(2026, 5, 14), "Christi Himmelfahrt"));
    CHECK(has(hs, day(2026, 5, 25), "Pfingstmontag"));
    CHECK(has(hs, day(2026, 1, 1), "Neujahr"));
    CHECK(has(hs, day(2026, 10, 3), "Tag der Deutschen Einheit"));
    CHECK(has(hs, day(2026, 12, 26), "2. Weihnachtstag"));
    CHECK(hs.size() == 9);
    CHECK_FALSE(has_day(hs, day(2026, 6, 4))); // Fronleichnam is not federal
}

TEST_CASE("state holidays") {
    CHECK(has(public_holidays(2026, "DE-NW"), day(2026, 6, 4), "Fronleichnam"));
    CHECK(has(public_holidays(2026, "DE-NW"), day(2026, 11, 1), "Allerheiligen"));
    CHECK_FALSE(has_day(public_holidays(2026, "DE-NW"), day(2026, 10, 31)));
    CHECK(has(public_holidays(2026, "DE-SN"), day(2026, 11, 18), "Buß- und Bettag"));
    CHECK(has(public_holidays(2025, "DE-SN"), day(2025, 11, 19), "Buß- und Bettag"));
    CHECK_FALSE(has_day(public_holidays(2026, "DE-BY"), day(2026, 11, 18)));
    CHECK(has(public_holidays(2026, "DE-BY"), day(2026, 1, 6), "Heilige Drei Könige"));
    CHECK(has(public_holidays(2026, "DE-ST"), day(2026, 1, 6), "Heilige Drei Könige"));
    CHECK(has(public_holidays(2026, "DE-BE"), day(2026, 3, 8), "Internationaler Frauentag"));
    CHECK(has(public_holidays(2026, "DE-MV"), day(2026, 3, 8), "Internationaler Frauentag"));
    CHECK_FALSE(has_day(public_holidays(2022, "DE-MV"), day(2022, 3, 8)));
    CHECK(has(public_holidays(2026, "DE-TH"), day(2026, 9, 20), "Weltkindertag"));
    CHECK(has(public_holidays(2026, "DE-HH"), day(2026, 10, 31), "Reformationstag"));
    CHECK_FALSE(has_day(public_holidays(2016, "DE-HH"), day(2016, 10, 31)));
    CHECK(has(public_holidays(2017, "DE-NW"), day(2017, 10, 31), "Reformationstag"));
    CHECK(has(public_holidays(2026, "DE-SL"), day(2026, 8, 15), "Mariä Himmelfahrt"));
    CHECK(has(public_holidays(2026, "DE-HE"), day(2026, 6, 4), "Fronleichnam"));
    CHECK_FALSE(has_day(public_holidays(2026, "DE-HE"), day(2026, 11, 1)));
    CHECK(public_holidays(2026, "de-bw").size() == 12); // codes are case-insensitive
    CHECK(public_holidays(2026, "DE-XX").empty());
    for (const auto& region : holiday_regions()) CHECK(public_holidays(2026, region).size() >= 9);
}

// Berlin in 2026 as the time-zone database has it (store/time_zone.cpp reads
// it; test_time_zone checks that): CET, and CEST from 29 March 01:00 UTC to
// 25 October 01:00 UTC.
TimeZone berlin_2026() {
    return TimeZone{"Europe/Berlin",
                    {{std::numeric_limits<Instant>::min(), 3600},
                     {at("2026-03-29T01:00:00Z"), 7200},
                     {at("2026-10-25T01:00:00Z"), 3600}}};
}

TEST_CASE("a zone's offset is the last change's at or before the instant") {
    auto berlin = berlin_2026();
    CHECK(utc_offset(berlin, at("2026-01-15T12:00:00Z")) == 3600);
    CHECK(utc_offset(berlin, at("2026-07-15T12:00:00Z")) == 7200);
    CHECK(utc_offset(berlin, at("2026-03-29T00:59:59Z")) == 3600);
    CHECK(utc_offset(berlin, at("2026-03-29T01:00:00Z")) == 7200);
    CHECK(utc_offset(berlin, at("2026-10-25T00:59:59Z")) == 7200);
    CHECK(utc_offset(berlin, at("2026-10-25T01:00:00Z")) == 3600);
    CHECK(format_local(at("2026-07-15T12:00:00Z"), berlin) == "2026-07-15 14:00");
    CHECK(format_local_german(at("2026-12-24T23:30:00Z"), berlin) == "25.12.2026 00:30");
    // Before its first change a zone has that change's offset; with no
    // change at all it is UTC.
    CHECK(utc_offset(TimeZone{"x", {{at("2026-01-01T00:00:00Z"), 3600}}}, 0) == 3600);
    CHECK(utc_offset(TimeZone{}, at("2026-07-15T12:00:00Z")) == 0);
}

TEST_CASE("fixed zones: UTC and offsets") {
    CHECK(utc_offset(*parse_fixed_time_zone("UTC"), 0) == 0);
    CHECK(parse_fixed_time_zone("Etc/UTC")->name == "UTC");
    CHECK(utc_offset(*parse_fixed_time_zone("+01:00"), 0) == 3600);
    CHECK(utc_offset(*parse_fixed_time_zone("-0530"), 0) == -19800);
    CHECK_FALSE(parse_fixed_time_zone("Europe/Berlin")); // the database's to answer
    CHECK_FALSE(parse_fixed_time_zone("+1"));
    CHECK_FALSE(parse_fixed_time_zone("+15:00"));
}

TEST_CASE("local dates in the configured zone") {
    Calendar berlin = make_calendar("DE-NW", "", berlin_2026());
    Calendar utc = make_calendar("DE-NW", "", TimeZone{});
    // 23:30 UTC on Friday is already Saturday in Berlin.
    Instant t = at("2026-11-20T23:30:00Z");
    CHECK(local_day(utc, t) == day(2026, 11, 20));
    CHECK(local_day(berlin, t) == day(2026, 11, 21));
}

TEST_CASE("working days across a weekend, Easter Monday and Christmas") {
    Calendar cal = make_calendar("DE-NW", "2026-12-24,2026-12-31", berlin_2026());
    CHECK(is_working_day(cal, day(2026, 11, 20)));       // Friday
    CHECK_FALSE(is_working_day(cal, day(2026, 11, 21))); // Saturday
    CHECK_FALSE(is_working_day(cal, day(2026, 4, 6)));   // Easter Monday
    CHECK_FALSE(is_working_day(cal, day(2026, 12, 24))); // extra
    CHECK(is_working_day(cal, day(2026, 12, 23)));

    // Friday 10:00 Berlin + 1 working day = Monday 10:00.
    Instant fri = at("2026-11-20T09:00:00Z");
    CHECK(add_working_days(fri, 1, cal) == at("2026-11-23T09:00:00Z"));
    CHECK(add_working_days(fri, 5, cal) == at("2026-11-27T09:00:00Z"));
    CHECK(working_days_between(fri, at("2026-11-23T08:59:59Z"), cal) == 0);
    CHECK(working_days_between(fri, at("2026-11-23T09:00:00Z"), cal) == 1);
    CHECK(working_days_between(fri, at("2026-11-27T09:00:00Z"), cal) == 5);
    CHECK(working_days_between(fri, fri, cal) == 0);

    // Maundy Thursday 2026-04-02 + 1: Good Friday, the weekend and Easter
    // Monday are skipped.
    Instant thu = at("2026-04-02T08:00:00Z");
    CHECK(add_working_days(thu, 1, cal) == at("2026-04-07T08:00:00Z"));
    CHECK(working_days_between(thu, at("2026-04-06T23:00:00Z"), cal) == 0);

    // Christmas: 23 Dec (Wed) + 1 = 28 Dec (Mon); + 5 = 4 Jan (31 Dec, 1 Jan off).
    Instant dec23 = at("2026-12-23T10:00:00Z");
    CHECK(add_working_days(dec23, 1, cal) == at("2026-12-28T10:00:00Z"));
    CHECK(add_working_days(dec23, 3, cal) == at("2026-12-30T10:00:00Z"));
    CHECK(add_working_days(dec23, 4, cal) == at("2027-01-04T10:00:00Z"));
    CHECK(working_days_between(dec23, at("2027-01-04T10:00:00Z"), cal) == 4);

    // Across the change to winter time the local time of day is kept.
    Instant before = at("2026-10-23T07:00:00Z");                           // Friday 09:00 CEST
    CHECK(add_working_days(before, 1, cal) == at("2026-10-26T08:00:00Z")); // Monday 09:00 CET
    CHECK(working_days_between(before, at("2026-10-26T08:00:00Z"), cal) == 1);
}

TEST_CASE("bad calendar config names the key") {
    CHECK_THROWS_AS(make_calendar("DE-XX", "", TimeZone{}), Failure);
    CHECK_THROWS_WITH(make_calendar("DE-XX", "", TimeZone{}),
                      doctest::Contains("calendar.holidays"));
    CHECK_THROWS_WITH(make_calendar("DE-NW", "24.12.2026", TimeZone{}),
                      doctest::Contains("calendar.extra_holidays"));
    CHECK(make_calendar("none", "", TimeZone{}).regions.empty());
    CHECK(make_calendar("DE-BY,DE-SN", "", TimeZone{}).regions.size() == 2);
}
