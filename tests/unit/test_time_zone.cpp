// Time zones read from the system's tzdata (store/time_zone.cpp): the
// changes of IANA zones, the rule after the database's last transition,
// and the error for a name the database does not know.
#include "core/error.hpp"
#include "core/time.hpp"
#include "store/time_zone.hpp"

#include <doctest/doctest.h>

using namespace tickets;

namespace {

Instant at(const char* iso) {
    return *parse_instant(iso);
}

} // namespace

TEST_CASE("Europe/Berlin changes to summer time at 01:00 UTC on the last Sundays") {
    TimeZone berlin = configured_time_zone("Europe/Berlin");
    CHECK(berlin.name == "Europe/Berlin");
    CHECK(utc_offset(berlin, at("2026-03-29T00:59:59Z")) == 3600);
    CHECK(utc_offset(berlin, at("2026-03-29T01:00:00Z")) == 7200);
    CHECK(utc_offset(berlin, at("2026-10-25T00:59:59Z")) == 7200);
    CHECK(utc_offset(berlin, at("2026-10-25T01:00:00Z")) == 3600);
    // 1979: no summer time in West Germany yet; 1980: the first.
    CHECK(utc_offset(berlin, at("1979-07-01T12:00:00Z")) == 3600);
    CHECK(utc_offset(berlin, at("1980-07-01T12:00:00Z")) == 7200);
}

TEST_CASE("Vienna and Zurich, and zones outside Europe") {
    TimeZone vienna = configured_time_zone("Europe/Vienna");
    TimeZone zurich = configured_time_zone("Europe/Zurich");
    CHECK(format_local(at("2026-07-01T10:00:00Z"), vienna) == "2026-07-01 12:00");
    CHECK(format_local(at("2026-12-01T10:00:00Z"), zurich) == "2026-12-01 11:00");
    // Switzerland kept standard time through the summer of 1980.
    CHECK(utc_offset(zurich, at("1980-07-01T12:00:00Z")) == 3600);
    CHECK(utc_offset(vienna, at("1980-07-01T12:00:00Z")) == 7200);
    TimeZone new_york = configured_time_zone("America/New_York");
    // US summer time: second Sunday of March, 2 a.m. local (07:00 UTC).
    CHECK(utc_offset(new_york, at("2026-03-08T06:59:59Z")) == -5 * 3600);
    CHECK(utc_offset(new_york, at("2026-03-08T07:00:00Z")) == -4 * 3600);
    CHECK(utc_offset(configured_time_zone("Asia/Kolkata"), at("2026-07-01T00:00:00Z")) == 19800);
}

TEST_CASE("summer time goes on after 2037, where the zone files' transitions end") {
    TimeZone berlin = configured_time_zone("Europe/Berlin");
    CHECK(utc_offset(berlin, at("2040-07-01T12:00:00Z")) == 7200);
    CHECK(utc_offset(berlin, at("2040-12-01T12:00:00Z")) == 3600);
    // 2040: the last Sunday of March is the 25th.
    CHECK(utc_offset(berlin, at("2040-03-25T00:59:59Z")) == 3600);
    CHECK(utc_offset(berlin, at("2040-03-25T01:00:00Z")) == 7200);
}

TEST_CASE("UTC and fixed offsets need no database; unknown names name the key") {
    CHECK(utc_offset(configured_time_zone("UTC"), at("2026-07-01T00:00:00Z")) == 0);
    CHECK(utc_offset(configured_time_zone("+05:30"), 0) == 19800);
    CHECK_THROWS_AS(configured_time_zone("Mars/Olympus"), Failure);
    CHECK_THROWS_WITH(configured_time_zone("Berlin"), doctest::Contains("calendar.timezone"));
    CHECK_THROWS_WITH(configured_time_zone("Europe/Wien"), doctest::Contains("not a time zone"));
    CHECK_THROWS_AS(configured_time_zone("../../etc/passwd"), Failure);
    CHECK_THROWS_AS(configured_time_zone(""), Failure);
}
