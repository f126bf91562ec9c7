#include "core/time.hpp"

#include <cctype>
#include <fmt/format.h>

namespace tickets {

// Howard Hinnant's civil-calendar algorithms: exact for every Gregorian date.
std::int64_t days_from_civil(int y, unsigned m, unsigned d) {
    y -= m <= 2;
    const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
    const unsigned yoe = static_cast<unsigned>(y - era * 400);
    const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + static_cast<std::int64_t>(doe) - 719468;
}

void civil_from_days(std::int64_t z, int& y, unsigned& m, unsigned& d) {
    z += 719468;
    const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    const unsigned doe = static_cast<unsigned>(z - era * 146097);
    const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const unsigned mp = (5 * doy + 2) / 153;
    d = doy - (153 * mp + 2) / 5 + 1;
    m = mp < 10 ? mp + 3 : mp - 9;
    y = static_cast<int>(static_cast<std::int64_t>(yoe) + era * 400 + (m <= 2));
}

namespace {

struct Parts {
    int year;
    unsigned month, day, hour, minute, second;
};

Parts split(Instant t) {
    std::int64_t days = t / 86400;
    std::int64_t rest = t % 86400;
    if (rest < 0) {
        rest += 86400;
        --days;
    }
    Parts p{};
    civil_from_days(days, p.year, p.month, p.day);
    p.hour = static_cast<unsigned>(rest / 3600);
    p.minute = static_cast<unsigned>(rest % 3600 / 60);
    p.second = static_cast<unsigned>(rest % 60);
    return p;
}

// Reads exactly `width` digits at `pos`.
bool digits(std::string_view s, size_t& pos, size_t width, int& out) {
    if (pos + width > s.size()) return false;
    out = 0;
    for (size_t i = 0; i < width; ++i) {
        char c = s[pos + i];
        if (!std::isdigit(static_cast<unsigned char>(c))) return false;
        out = out * 10 + (c - '0');
    }
    pos += width;
    return true;
}

bool expect(std::string_view s, size_t& pos, char c) {
    if (pos < s.size() && s[pos] == c) {
        ++pos;
        return true;
    }
    return false;
}

unsigned days_in_month(int y, unsigned m) {
    static const unsigned table[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    return m == 2 && leap ? 29 : table[m - 1];
}

} // namespace

std::string format_instant(Instant t) {
    Parts p = split(t);
    if (p.year < 0 || p.year > 9999)
        return fmt::format("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}Z", p.year, p.month, p.day, p.hour,
                           p.minute, p.second);
    // By hand: every event of an import is written with its time.
    char out[] = "0000-00-00T00:00:00Z";
    auto put = [&out](int at, int value, int width) {
        for (int i = at + width - 1; i >= at; --i, value /= 10)
            out[i] = static_cast<char>('0' + value % 10);
    };
    put(0, static_cast<int>(p.year), 4);
    put(5, static_cast<int>(p.month), 2);
    put(8, static_cast<int>(p.day), 2);
    put(11, static_cast<int>(p.hour), 2);
    put(14, static_cast<int>(p.minute), 2);
    put(17, static_cast<int>(p.second), 2);
    return std::string(out, sizeof out - 1);
}

std::string format_instant_short(Instant t) {
    Parts p = split(t);
    return fmt::format("{:04}-{:02}-{:02} {:02}:{:02}", p.year, p.month, p.day, p.hour, p.minute);
}

std::optional<Instant> parse_instant(std::string_view s) {
    size_t pos = 0;
    int y, mo, d, h = 0, mi = 0, sec = 0;
    if (!digits(s, pos, 4, y) || !expect(s, pos, '-') || !digits(s, pos, 2, mo) ||
        !expect(s, pos, '-') || !digits(s, pos, 2, d))
        return std::nullopt;
    if (mo < 1 || mo > 12 || d < 1 || static_cast<unsigned>(d) > days_in_month(y, mo))
        return std::nullopt;
    std::int64_t offset = 0;
    if (pos < s.size()) {
        if (!expect(s, pos, 'T') && !expect(s, pos, ' ')) return std::nullopt;
        if (!digits(s, pos, 2, h) || !expect(s, pos, ':') || !digits(s, pos, 2, mi))
            return std::nullopt;
        if (expect(s, pos, ':')) {
            if (!digits(s, pos, 2, sec)) return std::nullopt;
            if (expect(s, pos, '.')) // fractions of a second are accepted and dropped
                while (pos < s.size() && std::isdigit(static_cast<unsigned char>(s[pos]))) ++pos;
        }
        if (h > 23 || mi > 59 || sec > 60) return std::nullopt;
        if (pos < s.size()) {
            if (expect(s, pos, 'Z')) {
            } else if (s[pos] == '+' || s[pos] == '-') {
                int sign = s[pos] == '-' ? -1 : 1;
                ++pos;
                int oh, om;
                if (!digits(s, pos, 2, oh)) return std::nullopt;
                expect(s, pos, ':');
                if (!digits(s, pos, 2, om) || oh > 23 || om > 59) return std::nullopt;
                offset = sign * (oh * 3600 + om * 60);
            } else {
                return std::nullopt;
            }
        }
        if (pos != s.size()) return std::nullopt;
    }
    return days_from_civil(y, mo, d) * 86400 + h * 3600 + mi * 60 + sec - offset;
}

std::optional<Instant> parse_filter_date(std::string_view text, Instant now) {
    Instant midnight = now - ((now % 86400) + 86400) % 86400;
    if (text == "today") return midnight;
    if (text == "yesterday") return midnight - 86400;
    if (text == "now") return now;
    std::string_view s = text;
    // "+3d": ahead of now (due dates); "-3d" or "3d": ago.
    int sign = -1;
    if (!s.empty() && (s.front() == '-' || s.front() == '+')) {
        sign = s.front() == '+' ? 1 : -1;
        s.remove_prefix(1);
    }
    if (s.size() >= 2 && std::isalpha(static_cast<unsigned char>(s.back()))) {
        std::int64_t n = 0;
        for (size_t i = 0; i + 1 < s.size(); ++i) {
            if (!std::isdigit(static_cast<unsigned char>(s[i])) || n > 1'000'000)
                return std::nullopt;
            n = n * 10 + (s[i] - '0');
        }
        switch (s.back()) {
        case 'm':
            return now + sign * n * 60;
        case 'h':
            return now + sign * n * 3600;
        case 'd':
            return now + sign * n * 86400;
        case 'w':
            return now + sign * n * 7 * 86400;
        default:
            return std::nullopt;
        }
    }
    return parse_instant(text);
}

} // namespace tickets
