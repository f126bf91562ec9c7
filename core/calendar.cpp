#include "core/calendar.hpp"

#include "core/error.hpp"
#include "core/text.hpp"

#include <algorithm>
#include <cstdio>
#include <fmt/format.h>
#include <iterator>
#include <limits>

namespace tickets {

namespace {

std::int64_t floor_div(std::int64_t a, std::int64_t b) {
    std::int64_t q = a / b;
    return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q;
}

// 0 = Monday … 6 = Sunday; 1970-01-01 was a Thursday.
int weekday(std::int64_t day) {
    return static_cast<int>(((day + 3) % 7 + 7) % 7);
}

int year_of(std::int64_t day) {
    int y;
    unsigned m, d;
    civil_from_days(day, y, m, d);
    return y;
}

// Buß- und Bettag: the Wednesday before 23 November.
std::int64_t repentance_day(int year) {
    std::int64_t d23 = days_from_civil(year, 11, 23);
    int back = (weekday(d23) - 2 + 7) % 7;
    return d23 - (back == 0 ? 7 : back);
}

bool in(std::string_view state, std::initializer_list<std::string_view> states) {
    return std::find(states.begin(), states.end(), state) != states.end();
}

std::vector<std::string> split_list(std::string_view text) {
    std::vector<std::string> out;
    std::string item;
    for (char c : std::string(text) + ",") {
        if (c == ',' || c == ' ' || c == ';') {
            if (!item.empty()) out.push_back(item);
            item.clear();
        } else {
            item += c;
        }
    }
    return out;
}

std::string upper(std::string_view s) {
    std::string out(s);
    for (auto& c : out)
        if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
    return out;
}

} // namespace

TimeZone fixed_time_zone(std::string name, int offset) {
    return TimeZone{std::move(name), {{std::numeric_limits<Instant>::min(), offset}}};
}

std::optional<TimeZone> parse_fixed_time_zone(std::string_view text) {
    std::string s = trim(std::string(text));
    if (s == "UTC" || s == "Etc/UTC" || s == "Z" || s == "GMT") return fixed_time_zone("UTC", 0);
    // ±HH:MM (or ±HHMM)
    if (s.size() < 5 || (s[0] != '+' && s[0] != '-')) return std::nullopt;
    std::string digits;
    for (size_t i = 1; i < s.size(); ++i) {
        if (s[i] == ':' && i == 3) continue;
        if (s[i] < '0' || s[i] > '9') return std::nullopt;
        digits += s[i];
    }
    if (digits.size() != 4) return std::nullopt;
    int hours = std::stoi(digits.substr(0, 2)), minutes = std::stoi(digits.substr(2, 2));
    if (hours > 14 || minutes > 59) return std::nullopt;
    int offset = (hours * 3600 + minutes * 60) * (s[0] == '-' ? -1 : 1);
    return fixed_time_zone(s, offset);
}

int utc_offset(const TimeZone& zone, Instant t) {
    const auto& c = zone.changes;
    if (c.empty()) return 0;
    // The last change at or before t.
    auto after = std::upper_bound(
        c.begin(), c.end(), t, [](Instant x, const TimeZone::Change& ch) { return x < ch.since; });
    return after == c.begin() ? c.front().offset : std::prev(after)->offset;
}

std::int64_t easter_sunday(int year) {
    int a = year % 19, b = year / 100, c = year % 100;
    int d = b / 4, e = b % 4;
    int f = (b + 8) / 25, g = (b - f + 1) / 3;
    int h = (19 * a + b - d - g + 15) % 30;
    int i = c / 4, k = c % 4;
    int l = (32 + 2 * e + 2 * i - h - k) % 7;
    int m = (a + 11 * h + 22 * l) / 451;
    int month = (h + l - 7 * m + 114) / 31;
    int day = (h + l - 7 * m + 114) % 31 + 1;
    return days_from_civil(year, static_cast<unsigned>(month), static_cast<unsigned>(day));
}

const std::vector<std::string>& holiday_regions() {
    static const std::vector<std::string> regions = {
        "DE",    "DE-BW", "DE-BY", "DE-BE", "DE-BB", "DE-HB", "DE-HH", "DE-HE", "DE-MV",
        "DE-NI", "DE-NW", "DE-RP", "DE-SL", "DE-SN", "DE-ST", "DE-SH", "DE-TH"};
    return regions;
}

std::vector<Holiday> public_holidays(int year, std::string_view region) {
    std::string code = upper(std::string(region));
    const auto& known = holiday_regions();
    if (std::find(known.begin(), known.end(), code) == known.end()) return {};
    std::string_view state = code.size() > 3 ? std::string_view(code).substr(3) : "";
    std::vector<Holiday> h;
    auto fixed = [&](unsigned month, unsigned day, const char* name) {
        h.push_back({days_from_civil(year, month, day), name});
    };
    std::int64_t easter = easter_sunday(year);
    auto moving = [&](int offset, const char* name) { h.push_back({easter + offset, name}); };

    // Federal holidays, in every state.
    fixed(1, 1, "Neujahr");
    moving(-2, "Karfreitag");
    moving(1, "Ostermontag");
    fixed(5, 1, "Tag der Arbeit");
    moving(39, "Christi Himmelfahrt");
    moving(50, "Pfingstmontag");
    if (year >= 1990) fixed(10, 3, "Tag der Deutschen Einheit");
    fixed(12, 25, "1. Weihnachtstag");
    fixed(12, 26, "2. Weihnachtstag");
    // 2017, the 500th anniversary of the Reformation, in every state.
    bool reformation = in(state, {"BB", "MV", "SN", "ST", "TH"}) ||
                       (year >= 2018 && in(state, {"HB", "HH", "NI", "SH"})) || year == 2017;

    if (in(state, {"BW", "BY", "ST"})) fixed(1, 6, "Heilige Drei Könige");
    if ((state == "BE" && year >= 2019) || (state == "MV" && year >= 2023))
        fixed(3, 8, "Internationaler Frauentag");
    if (state == "BB") {
        moving(0, "Ostersonntag");
        moving(49, "Pfingstsonntag");
    }
    if (state == "BE" && (year == 2020 || year == 2025)) fixed(5, 8, "Tag der Befreiung");
    if (in(state, {"BW", "BY", "HE", "NW", "RP", "SL"})) moving(60, "Fronleichnam");
    if (state == "SL") fixed(8, 15, "Mariä Himmelfahrt");
    if (state == "TH" && year >= 2019) fixed(9, 20, "Weltkindertag");
    if (reformation) fixed(10, 31, "Reformationstag");
    if (in(state, {"BW", "BY", "NW", "RP", "SL"})) fixed(11, 1, "Allerheiligen");
    // Buß- und Bettag: in every state until 1994, since then in Saxony.
    if (state == "SN" || year <= 1994) h.push_back({repentance_day(year), "Buß- und Bettag"});

    std::sort(h.begin(), h.end(), [](const Holiday& a, const Holiday& b) { return a.day < b.day; });
    return h;
}

std::string format_local(Instant t, const TimeZone& zone) {
    return format_instant_short(t + utc_offset(zone, t));
}

std::string format_local_german(Instant t, const TimeZone& zone) {
    std::string iso = format_local(t, zone); // YYYY-MM-DD HH:MM
    return iso.substr(8, 2) + "." + iso.substr(5, 2) + "." + iso.substr(0, 4) + iso.substr(10);
}

Calendar make_calendar(std::string_view regions, std::string_view extra_dates, TimeZone zone) {
    Calendar cal;
    cal.zone = std::move(zone);
    for (auto& r : split_list(regions)) {
        std::string code = upper(r);
        if (code == "NONE") continue;
        const auto& known = holiday_regions();
        if (std::find(known.begin(), known.end(), code) == known.end())
            throw Failure(kConfig,
                          fmt::format("config calendar.holidays = '{}': unknown region '{}' "
                                      "(known: {})",
                                      regions, r, join(known, ", ")));
        cal.regions.push_back(code);
    }
    for (auto& d : split_list(extra_dates)) {
        int y = 0;
        unsigned m = 0, day = 0;
        char extra = 0;
        if (std::sscanf(d.c_str(), "%4d-%2u-%2u%c", &y, &m, &day, &extra) != 3 || m < 1 || m > 12 ||
            day < 1 || day > 31)
            throw Failure(kConfig, fmt::format("config calendar.extra_holidays: '{}' is not a date "
                                               "(YYYY-MM-DD)",
                                               d));
        cal.extra_days.insert(days_from_civil(y, m, day));
    }
    return cal;
}

std::int64_t local_day(const Calendar& cal, Instant t) {
    return floor_div(t + utc_offset(cal.zone, t), 86400);
}

bool is_holiday(const Calendar& cal, std::int64_t day) {
    if (cal.extra_days.count(day)) return true;
    int year = year_of(day);
    for (const auto& region : cal.regions)
        for (const auto& h : public_holidays(year, region))
            if (h.day == day) return true;
    return false;
}

bool is_working_day(const Calendar& cal, std::int64_t day) {
    return weekday(day) < 5 && !is_holiday(cal, day);
}

Instant instant_of_local(const TimeZone& zone, std::int64_t local) {
    int guess = utc_offset(zone, local - 3600);
    Instant t = local - guess;
    int actual = utc_offset(zone, t);
    return actual == guess ? t : local - actual;
}

namespace {

Instant from_local(const Calendar& cal, std::int64_t local) {
    return instant_of_local(cal.zone, local);
}

std::int64_t seconds_of_day(const Calendar& cal, Instant t) {
    std::int64_t local = t + utc_offset(cal.zone, t);
    return local - floor_div(local, 86400) * 86400;
}

} // namespace

Instant add_working_days(Instant t, int n, const Calendar& cal) {
    if (n <= 0) return t;
    std::int64_t day = local_day(cal, t);
    for (int found = 0; found < n;)
        if (is_working_day(cal, ++day)) ++found;
    return from_local(cal, day * 86400 + seconds_of_day(cal, t));
}

int working_days_between(Instant from, Instant to, const Calendar& cal) {
    if (to <= from) return 0;
    std::int64_t first = local_day(cal, from), last = local_day(cal, to);
    int n = 0;
    for (std::int64_t day = first + 1; day < last; ++day)
        if (is_working_day(cal, day)) ++n;
    if (last > first && is_working_day(cal, last) &&
        seconds_of_day(cal, to) >= seconds_of_day(cal, from))
        ++n;
    return n;
}

} // namespace tickets
