#pragma once
// The working calendar and the SLA policies as the config sets them:
// calendar.holidays, calendar.extra_holidays, calendar.timezone and
// [calendar.hours]; sla.* and [sla.NAME] (core/sla.hpp).
#include "core/sla.hpp"
#include "core/working_time.hpp"
#include "store/config.hpp"

#include <map>
#include <string>

namespace tickets {

// The config's effective keys and values, without their origins.
std::map<std::string, std::string> flat_config(const Config& config);
// Throws Failure(kConfig) naming a bad key.
WorkCalendar configured_work_calendar(const Config& config);
SlaSettings configured_sla_settings(const Config& config);

} // namespace tickets
