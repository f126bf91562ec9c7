#pragma once
// Time zones from the system's time-zone database (tzdata, through the date
// library): what core's TimeZone needs, its offsets and their changes, read
// once here so that core never touches a file.
#include "core/calendar.hpp"

#include <string_view>

namespace tickets {

// An IANA name ("Europe/Vienna"), "UTC" or a fixed offset ("+01:00").
// Throws Failure(kConfig) naming calendar.timezone for anything else.
TimeZone configured_time_zone(std::string_view name);

} // namespace tickets
