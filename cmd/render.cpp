#include "cmd/render.hpp"

#include "cmd/common.hpp"
#include "core/calendar.hpp"
#include "core/error.hpp"
#include "core/pseudonym.hpp"
#include "core/text.hpp"
#include "store/accounts.hpp"

#include <algorithm>
#include <clocale>
#include <cwchar>
#include <fmt/format.h>
#include <iostream>
#include <sys/ioctl.h>
#include <unistd.h>

namespace tickets {

std::string human_size(std::int64_t bytes) {
    if (bytes < 1024) return fmt::format("{} B", bytes);
    if (bytes < 1024 * 1024) return fmt::format("{:.1f} kB", bytes / 1024.0);
    return fmt::format("{:.1f} MB", bytes / (1024.0 * 1024.0));
}

std::string person(Accounts& accounts, const std::string& address, const std::string& name,
                   bool reveal) {
    if (!is_pseudonym(address)) return name.empty() ? address : name + " <" + address + ">";
    auto owner = reveal ? accounts.pseudonym_owner(address) : std::nullopt;
    return anonymous_label(false) + (owner ? " (" + *owner + ")" : "");
}

std::string member_text(const Json& j, const char* key) {
    auto it = j.find(key);
    if (it == j.end()) return "";
    if (it->is_string()) return it->get<std::string>();
    if (it->is_array()) return join(it->get<std::vector<std::string>>(), ", ");
    return "";
}

std::string requester_text(Accounts& accounts, const Json& t, bool reveal) {
    std::string org = member_text(t, "organisation");
    return person(accounts, member_text(t, "requester"), member_text(t, "requester_name"), reveal) +
           (org.empty() ? "" : " (" + org + ")");
}

std::string person_in(Context& ctx, Accounts& accounts, const Json& j, const char* address_key,
                      const char* name_key, bool reveal) {
    std::string address = member_text(j, address_key);
    std::string name = member_text(j, name_key);
    std::string org = ctx.organisation_of(address);
    return person(accounts, address, name, reveal) + (org.empty() ? "" : " (" + org + ")");
}

const std::vector<std::string>& known_columns() {
    static const std::vector<std::string> c = {
        "id",       "status",  "priority", "type",      "subject",  "requester", "organisation",
        "assignee", "product", "topic",    "category",  "property", "tags",      "cc",
        "created",  "updated", "due",      "escalated", "comments", "workflow",  "sla"};
    return c;
}

namespace {

void check_columns(const std::vector<std::string>& columns) {
    for (const auto& c : columns)
        if (std::find(known_columns().begin(), known_columns().end(), c) == known_columns().end())
            throw Failure(kUsage, fmt::format("unknown column '{}' (known: {})", c,
                                              join(known_columns(), ", ")));
}

} // namespace

std::vector<std::string> keys_of_columns(const std::vector<std::string>& columns) {
    check_columns(columns);
    std::vector<std::string> keys;
    for (const auto& c : columns) {
        if (c == "id") {
            keys.insert(keys.end(), {"id", "short_id"});
        } else if (c == "sla") {
            keys.insert(keys.end(), {"sla_due", "sla_breached"});
        } else {
            keys.push_back(c == "created"    ? "created_at"
                           : c == "updated"  ? "updated_at"
                           : c == "due"      ? "due_at"
                           : c == "comments" ? "comment_count"
                                             : c);
        }
    }
    return keys;
}

std::string column_text(const Json& t, const std::string& column, const TimeZone* local) {
    bool for_people = local != nullptr;
    auto text = [&](const char* key) {
        const Json& v = t.at(key);
        return v.is_string() ? v.get<std::string>() : std::string();
    };
    auto list = [&](const char* key) {
        std::vector<std::string> items = t.at(key).get<std::vector<std::string>>();
        return join(items, ",");
    };
    if (column == "id") return for_people ? text("short_id") : text("id");
    if (column == "created" || column == "updated" || column == "due") {
        std::string iso = text(column == "created"   ? "created_at"
                               : column == "updated" ? "updated_at"
                                                     : "due_at");
        auto at = for_people ? parse_instant(iso) : std::nullopt;
        return at ? format_local(*at, *local) : iso;
    }
    if (column == "sla") { // the nearest deadline, or that one has passed
        if (t.value("sla_breached", false)) return "breached";
        if (!t.contains("sla_due")) return "";
        auto at = for_people ? parse_instant(text("sla_due")) : std::nullopt;
        return at ? format_local(*at, *local) : text("sla_due");
    }
    if (column == "tags" || column == "cc") return list(column.c_str());
    if (column == "escalated") return t.at("escalated").get<bool>() ? "yes" : "no";
    if (column == "comments") return std::to_string(t.at("comment_count").get<long>());
    if (column == "workflow") return t.value("workflow", "support");
    if (column == "requester" && for_people && is_pseudonym(text("requester")))
        return anonymous_label(false);
    return text(column.c_str());
}

std::string colour_status(Context& ctx, const std::string& status) {
    if (!ctx.use_color()) return status;
    const char* code = status == "new"                          ? "1;33"
                       : status == "open"                       ? "1;31"
                       : status == "pending"                    ? "34"
                       : status == "hold"                       ? "35"
                       : status == "approved"                   ? "36"
                       : status == "in-progress"                ? "1;34"
                       : status == "solved" || status == "done" ? "32"
                                                                : "2";
    return fmt::format("\x1b[{}m{}\x1b[0m", code, status);
}

namespace {

// The columns a code point takes on a terminal, from the C library's
// Unicode tables (East Asian wide characters and emoji 2, combining marks
// 0), read in the C.UTF-8 locale whatever the user's locale is.
int code_point_width(char32_t c) {
    if (c < 0x7F) return 1;
    static const locale_t utf8 = newlocale(LC_CTYPE_MASK, "C.UTF-8", locale_t{});
    if (!utf8) return 1;
    locale_t previous = uselocale(utf8);
    int w = ::wcwidth(static_cast<wchar_t>(c));
    uselocale(previous);
    return w < 0 ? 1 : w;
}

// Each code point of `s`: its width and the byte after it, until `f`
// returns false.
template <typename F> void each_code_point(const std::string& s, F f) {
    for (size_t i = 0; i < s.size();) {
        char32_t c = next_code_point(s, i);
        if (!f(code_point_width(c), i)) return;
    }
}

// Display width in terminal columns.
size_t width(const std::string& s) {
    size_t n = 0;
    each_code_point(s, [&](int w, size_t) {
        n += static_cast<size_t>(w);
        return true;
    });
    return n;
}

} // namespace

size_t display_width(const std::string& s) {
    return width(s);
}

namespace {

// `s` cut to `max` columns, "…" marking the cut.
std::string clip(const std::string& s, size_t max) {
    if (width(s) <= max) return s;
    size_t used = 0, end = 0;
    each_code_point(s, [&](int w, size_t after) {
        if (used + static_cast<size_t>(w) > max - 1) return false;
        used += static_cast<size_t>(w);
        end = after;
        return true;
    });
    return s.substr(0, end) + "…";
}

size_t terminal_width() {
    winsize ws{};
    if (::ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 20) return ws.ws_col;
    return 100;
}

} // namespace

TicketPrinter::TicketPrinter(Context& ctx, std::vector<std::string> columns)
    : ctx_(ctx), columns_(std::move(columns)), people_(ctx.stdout_is_terminal()) {
    check_columns(columns_);
    // People read local times; scripts get the ISO-8601 instants in UTC.
    if (people_) zone_ = &ctx.time_zone();
}

void TicketPrinter::add(const Json& t) {
    std::vector<std::string> row;
    row.reserve(columns_.size());
    for (const auto& c : columns_) {
        std::string cell = column_text(t, c, zone_);
        // Tabs and newlines would break the row structure of TSV.
        std::replace_if(
            cell.begin(), cell.end(), [](char ch) { return ch == '\t' || ch == '\n'; }, ' ');
        row.push_back(std::move(cell));
    }
    if (people_) {
        rows_.push_back(std::move(row));
        return;
    }
    pending_ += join(row, "\t");
    pending_ += '\n';
    write_when_full(pending_);
}

void TicketPrinter::finish() {
    if (people_)
        print_table();
    else
        std::cout << pending_;
    pending_.clear();
    rows_.clear();
}

void TicketPrinter::print_table() {
    std::vector<size_t> widths;
    for (const auto& c : columns_) widths.push_back(width(c));
    for (const auto& row : rows_)
        for (size_t i = 0; i < row.size(); ++i) widths[i] = std::max(widths[i], width(row[i]));
    // Too wide for the terminal: the widest of the other text columns are
    // shortened first, down to 12 columns each, then the subject, down to
    // 20; ids, statuses and times are never cut.
    size_t total = 0;
    for (size_t w : widths) total += w + 2;
    size_t room = terminal_width();
    auto cuttable = [&](size_t i) {
        static const std::vector<std::string> whole = {
            "id",      "status", "priority", "type",      "created",
            "updated", "due",    "comments", "escalated", "sla"};
        return std::find(whole.begin(), whole.end(), columns_[i]) == whole.end();
    };
    auto shorten = [&](bool subject, size_t least) {
        while (total > room) {
            size_t widest = widths.size();
            for (size_t i = 0; i < widths.size(); ++i)
                if (cuttable(i) && (columns_[i] == "subject") == subject && widths[i] > least &&
                    (widest == widths.size() || widths[i] > widths[widest]))
                    widest = i;
            if (widest == widths.size()) return;
            --widths[widest];
            --total;
        }
    };
    shorten(false, 12);
    shorten(true, 20);
    auto print_row = [&](const std::vector<std::string>& row, bool header) {
        std::string line;
        for (size_t i = 0; i < row.size(); ++i) {
            std::string cell = clip(row[i], widths[i]);
            std::string shown = header                    ? cell
                                : columns_[i] == "status" ? colour_status(ctx_, cell)
                                                          : cell;
            line += shown;
            if (i + 1 < row.size()) line += std::string(widths[i] - width(cell) + 2, ' ');
        }
        std::cout << line << "\n";
    };
    std::vector<std::string> header;
    for (const auto& c : columns_) header.push_back(to_lower_ascii(c));
    print_row(header, true);
    for (const auto& row : rows_) print_row(row, false);
}

} // namespace tickets
