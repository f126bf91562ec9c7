#include "core/working_time.hpp"

#include "core/error.hpp"
#include "core/text.hpp"

#include <algorithm>
#include <fmt/format.h>

namespace tickets {

namespace {

const char* const kWeekdays[7] = {"monday", "tuesday",  "wednesday", "thursday",
                                  "friday", "saturday", "sunday"};

std::int64_t floor_div(std::int64_t a, std::int64_t b) {
    std::int64_t q = a / b;
    return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q;
}

int weekday_of(std::int64_t day) {
    return static_cast<int>(((day + 3) % 7 + 7) % 7);
}

std::optional<int> parse_clock(std::string_view text) {
    std::string s = trim(text); // owned: a view of trim's result would dangle
    if (s.size() != 5 || s[2] != ':') return std::nullopt;
    for (size_t i : {0, 1, 3, 4})
        if (s[i] < '0' || s[i] > '9') return std::nullopt;
    int h = (s[0] - '0') * 10 + (s[1] - '0'), m = (s[3] - '0') * 10 + (s[4] - '0');
    if (m > 59 || h > 24 || (h == 24 && m != 0)) return std::nullopt;
    return h * 60 + m;
}

} // namespace

std::optional<std::vector<std::pair<int, int>>> parse_day_hours(std::string_view text) {
    std::vector<std::pair<int, int>> spans;
    std::string lowered = to_lower_ascii(trim(text));
    if (lowered == "closed" || lowered == "none" || lowered.empty()) return spans;
    for (const auto& raw : split(lowered, ',')) {
        std::string part = trim(raw);
        size_t dash = part.find('-');
        if (dash == std::string::npos) return std::nullopt;
        auto from = parse_clock(std::string_view(part).substr(0, dash));
        auto to = parse_clock(std::string_view(part).substr(dash + 1));
        if (!from || !to || *to <= *from) return std::nullopt;
        spans.emplace_back(*from, *to);
    }
    std::sort(spans.begin(), spans.end());
    for (size_t i = 1; i < spans.size(); ++i)
        if (spans[i].first < spans[i - 1].second) return std::nullopt; // overlapping
    return spans;
}

WorkingHours default_working_hours() {
    WorkingHours h;
    for (int d = 0; d < 5; ++d) h.days[d] = {{8 * 60, 17 * 60}};
    return h;
}

WorkingHours working_hours(const std::map<std::string, std::string>& config) {
    WorkingHours h = default_working_hours();
    for (int d = 0; d < 7; ++d) {
        std::string key = std::string("calendar.hours.") + kWeekdays[d];
        auto it = config.find(key);
        if (it == config.end()) continue;
        auto spans = parse_day_hours(it->second);
        if (!spans)
            throw Failure(kConfig, fmt::format("config {} = '{}': not business hours (write "
                                               "\"08:00-17:00\", several separated by commas, "
                                               "or \"closed\")",
                                               key, it->second));
        h.days[d] = *spans;
    }
    for (const auto& [key, value] : config)
        if (key.rfind("calendar.hours.", 0) == 0 &&
            std::none_of(std::begin(kWeekdays), std::end(kWeekdays), [&](const char* day) {
                return key == std::string("calendar.hours.") + day;
            }))
            throw Failure(kConfig, fmt::format("config {}: unknown key (the days are monday … "
                                               "sunday)",
                                               key));
    return h;
}

WorkCalendar::WorkCalendar(Calendar calendar, WorkingHours hours)
    : calendar_(std::move(calendar)), hours_(std::move(hours)) {}

WorkCalendar::WorkCalendar(WorkCalendar&& other) noexcept
    : calendar_(std::move(other.calendar_)), hours_(std::move(other.hours_)),
      holidays_by_year_(std::move(other.holidays_by_year_)), days_from_(other.days_from_),
      seconds_before_(std::move(other.seconds_before_)) {}

std::int64_t working_day_seconds(const WorkingHours& hours) {
    std::int64_t longest = 0;
    for (const auto& day : hours.days) {
        std::int64_t minutes = 0;
        for (const auto& [from, to] : day) minutes += to - from;
        longest = std::max(longest, minutes);
    }
    return longest * 60;
}

std::string WorkCalendar::fingerprint() const {
    std::string out = calendar_.zone.name + ";" + join(calendar_.regions, ",") + ";";
    for (auto day : calendar_.extra_days) out += std::to_string(day) + ",";
    for (const auto& day : hours_.days) {
        out += ";";
        for (const auto& [from, to] : day) out += fmt::format("{}-{},", from, to);
    }
    return out;
}

bool WorkCalendar::open_on(std::int64_t day) const {
    if (hours_.days[weekday_of(day)].empty()) return false;
    if (calendar_.extra_days.count(day)) return false;
    int year;
    unsigned month, mday;
    civil_from_days(day, year, month, mday);
    std::lock_guard<std::mutex> lock(mutex_);
    auto it = holidays_by_year_.find(year);
    if (it == holidays_by_year_.end()) {
        std::vector<std::int64_t> days;
        for (const auto& region : calendar_.regions)
            for (const auto& h : public_holidays(year, region)) days.push_back(h.day);
        std::sort(days.begin(), days.end());
        it = holidays_by_year_.emplace(year, std::move(days)).first;
    }
    return !std::binary_search(it->second.begin(), it->second.end(), day);
}

std::int64_t WorkCalendar::day_total(std::int64_t day) const {
    std::int64_t total = 0;
    for (const auto& [open, close] : spans(day)) total += close - open;
    return total;
}

std::int64_t WorkCalendar::whole_days(std::int64_t first, std::int64_t end) const {
    std::lock_guard<std::mutex> lock(cache_mutex_);
    counted_to(first);
    counted_to(end);
    return seconds_before_[end - days_from_] - seconds_before_[first - days_from_];
}

void WorkCalendar::counted_to(std::int64_t day) const {
    auto& cache = seconds_before_;
    if (cache.empty()) {
        days_from_ = day;
        cache.push_back(0);
    }
    if (day < days_from_) { // earlier days first, the counted ones after them
        std::vector<std::int64_t> earlier;
        std::int64_t sum = 0;
        for (std::int64_t d = day; d < days_from_; ++d) {
            earlier.push_back(sum);
            sum += day_total(d);
        }
        for (auto v : cache) earlier.push_back(v + sum);
        cache = std::move(earlier);
        days_from_ = day;
    }
    while (day - days_from_ >= static_cast<std::int64_t>(cache.size()))
        cache.push_back(cache.back() + day_total(days_from_ + cache.size() - 1));
}

std::vector<std::pair<Instant, Instant>> WorkCalendar::spans(std::int64_t day) const {
    std::vector<std::pair<Instant, Instant>> out;
    if (!open_on(day)) return out;
    for (const auto& [from, to] : hours_.days[weekday_of(day)])
        out.emplace_back(instant_of_local(calendar_.zone, day * 86400 + from * 60),
                         instant_of_local(calendar_.zone, day * 86400 + to * 60));
    return out;
}

std::int64_t WorkCalendar::seconds_between(Instant from, Instant to) const {
    if (to <= from) return 0;
    std::int64_t first = local_day(calendar_, from), last = local_day(calendar_, to);
    auto within = [&](std::int64_t day) {
        std::int64_t total = 0;
        for (const auto& [open, close] : spans(day)) {
            Instant a = std::max(open, from), b = std::min(close, to);
            if (b > a) total += b - a;
        }
        return total;
    };
    if (last - first < 2) return within(first) + (last > first ? within(last) : 0);
    return within(first) + whole_days(first + 1, last) + within(last);
}

std::optional<Instant> WorkCalendar::add_seconds(Instant from, std::int64_t seconds) const {
    if (seconds <= 0) return from;
    std::int64_t day = local_day(calendar_, from);
    for (std::int64_t end = day + 3660; day < end; ++day)
        for (const auto& [open, close] : spans(day)) {
            Instant a = std::max(open, from);
            if (close <= a) continue;
            if (close - a >= seconds) return a + seconds;
            seconds -= close - a;
        }
    return std::nullopt;
}

std::optional<std::int64_t> parse_working_duration(std::string_view text,
                                                   std::int64_t day_seconds) {
    std::string s = to_lower_ascii(trim(text));
    if (s.empty()) return std::nullopt;
    std::int64_t total = 0;
    size_t i = 0;
    while (i < s.size()) {
        size_t start = i;
        std::int64_t n = 0;
        while (i < s.size() && s[i] >= '0' && s[i] <= '9' && i - start < 6)
            n = n * 10 + (s[i++] - '0');
        if (i == start || i >= s.size()) return std::nullopt;
        char unit = s[i++];
        if (unit == 'm')
            total += n * 60;
        else if (unit == 'h')
            total += n * 3600;
        else if (unit == 'd')
            total += n * day_seconds;
        else
            return std::nullopt;
        while (i < s.size() && s[i] == ' ') ++i;
    }
    if (total <= 0) return std::nullopt;
    return total;
}

std::string format_working_duration(std::int64_t seconds) {
    std::int64_t minutes = floor_div(seconds, 60);
    std::int64_t h = minutes / 60, m = minutes % 60;
    if (h == 0) return fmt::format("{}m", m);
    if (m == 0) return fmt::format("{}h", h);
    return fmt::format("{}h {}m", h, m);
}

} // namespace tickets
