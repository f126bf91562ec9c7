#pragma once
// Instants are whole seconds since the Unix epoch, UTC. The clock itself is
// read in cmd/ (or taken from TICKETS_NOW); core only converts and compares.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace tickets {

using Instant = std::int64_t;

// "2026-11-23T14:11:30Z", the form used in JSON, TSV and the event log.
std::string format_instant(Instant t);
// "2026-11-23 14:11", for tables read by people.
std::string format_instant_short(Instant t);

// Accepts "YYYY-MM-DD", "YYYY-MM-DDTHH:MM[:SS]" with "Z", "+HH:MM" or no
// zone (UTC), and a space instead of "T". Returns nothing on anything else.
std::optional<Instant> parse_instant(std::string_view text);

// Dates in filters: an instant as above, "today", "yesterday", or an age
// relative to now such as "-7d", "-2w", "-12h", "-30m" (a leading "-" optional),
// "now", or a time ahead such as "+3d" (for due dates).
std::optional<Instant> parse_filter_date(std::string_view text, Instant now);

// Days since 1970-01-01 for a civil date, and back (proleptic Gregorian).
std::int64_t days_from_civil(int year, unsigned month, unsigned day);
void civil_from_days(std::int64_t days, int& year, unsigned& month, unsigned& day);

} // namespace tickets
