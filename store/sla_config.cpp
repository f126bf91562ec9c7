#include "store/sla_config.hpp"

#include "store/time_zone.hpp"

namespace tickets {

std::map<std::string, std::string> flat_config(const Config& config) {
    std::map<std::string, std::string> out;
    for (const auto& [key, value] : config.entries()) out[key] = value.first;
    return out;
}

WorkCalendar configured_work_calendar(const Config& config) {
    return WorkCalendar(
        make_calendar(config.get_or("calendar.holidays", "DE-NW"),
                      config.get_or("calendar.extra_holidays", ""),
                      configured_time_zone(config.get_or("calendar.timezone", "Europe/Berlin"))),
        working_hours(flat_config(config)));
}

SlaSettings configured_sla_settings(const Config& config) {
    auto flat = flat_config(config);
    return sla_settings(flat, working_day_seconds(working_hours(flat)));
}

} // namespace tickets
