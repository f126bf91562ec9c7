#include "store/time_zone.hpp"

#include "core/error.hpp"
#include "core/text.hpp"

#include <date/ptz.h>
#include <date/tz.h>
#include <filesystem>
#include <fmt/format.h>
#include <fstream>
#include <iterator>
#include <limits>
#include <optional>
#include <stdexcept>

namespace tickets {

namespace {

using date::sys_seconds;
using std::chrono::seconds;

// Where Debian's tzdata is, and where the date library reads it (USE_OS_TZDB).
const std::string kZoneDirectory = "/usr/share/zoneinfo";

// Changes are kept up to here; tickets' dates do not reach further.
constexpr Instant kHorizon = 4102444800; // 2100-01-01

void add_change(TimeZone& zone, Instant since, seconds offset) {
    int off = static_cast<int>(offset.count());
    // A new abbreviation with the same offset is no change for us.
    if (!zone.changes.empty() && zone.changes.back().offset == off) return;
    zone.changes.push_back({since, off});
}

// The rule a TZif file (version 2 and later) ends with, as a POSIX TZ string
// ("CET-1CEST,M3.5.0,M10.5.0/3"): it goes on where the file's transitions
// stop, in 2037. The date library reads the transitions but not this rule.
std::optional<Posix::time_zone> footer_rule(const std::string& zone_name) {
    std::ifstream in(kZoneDirectory + "/" + zone_name, std::ios::binary);
    std::string data((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    if (data.size() < 6 || data.compare(0, 4, "TZif") != 0 || data[4] < '2' || data.back() != '\n')
        return std::nullopt;
    size_t start = data.rfind('\n', data.size() - 2);
    if (start == std::string::npos) return std::nullopt;
    std::string rule = data.substr(start + 1, data.size() - start - 2);
    if (rule.empty()) return std::nullopt;
    try {
        return Posix::time_zone(rule);
    } catch (const std::exception&) {
        return std::nullopt; // a rule the parser does not know: the last offset stays
    }
}

TimeZone from_database(const date::time_zone& db) {
    const sys_seconds horizon{seconds{kHorizon}};
    TimeZone zone;
    zone.name = db.name();
    auto info = db.get_info(sys_seconds{seconds{0}});
    add_change(zone, std::numeric_limits<Instant>::min(), info.offset);
    while (info.end < horizon) {
        info = db.get_info(info.end);
        add_change(zone, info.begin.time_since_epoch().count(), info.offset);
    }
    // The last period the library knows lasts "for ever"; the file's rule
    // says how it goes on.
    if (auto rule = footer_rule(zone.name)) {
        for (auto next = rule->get_info(info.begin); next.end < horizon;) {
            next = rule->get_info(next.end);
            add_change(zone, next.begin.time_since_epoch().count(), next.offset);
        }
    }
    return zone;
}

} // namespace

TimeZone configured_time_zone(std::string_view name) {
    if (auto fixed = parse_fixed_time_zone(name)) return *fixed;
    try {
        return from_database(*date::locate_zone(trim(std::string(name))));
    } catch (const std::runtime_error&) {
        std::error_code ec;
        if (!std::filesystem::is_directory(kZoneDirectory, ec))
            throw Failure(kConfig, fmt::format("config calendar.timezone = '{}': the system's "
                                               "time-zone database is missing ({}, Debian "
                                               "package tzdata)",
                                               name, kZoneDirectory));
        throw Failure(kConfig, fmt::format("config calendar.timezone = '{}': not a time zone "
                                           "(a name from the time-zone database such as "
                                           "Europe/Berlin or Europe/Vienna, UTC, or an offset "
                                           "like +01:00)",
                                           name));
    }
}

} // namespace tickets
