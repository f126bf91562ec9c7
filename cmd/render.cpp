#include "cmd/render.hpp"

#include "cmd/common.hpp"
#include "core/error.hpp"
#include "core/pseudonym.hpp"
#include "core/text.hpp"

#include <algorithm>
#include <fmt/format.h>
#include <iostream>
#include <sys/ioctl.h>
#include <unistd.h>

namespace tickets {

const std::vector<std::string>& known_columns() {
    static const std::vector<std::string> c = {
        "id",       "status",  "priority",  "type",     "subject",  "requester", "organisation",
        "assignee", "product", "topic",     "category", "property", "tags",      "cc",
        "created",  "updated", "escalated", "comments", "workflow"};
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
        } else {
            keys.push_back(c == "created"    ? "created_at"
                           : c == "updated"  ? "updated_at"
                           : c == "comments" ? "comment_count"
                                             : c);
        }
    }
    return keys;
}

std::string column_text(const Json& t, const std::string& column, bool for_people) {
    auto text = [&](const char* key) {
        const Json& v = t.at(key);
        return v.is_string() ? v.get<std::string>() : std::string();
    };
    auto list = [&](const char* key) {
        std::vector<std::string> items = t.at(key).get<std::vector<std::string>>();
        return join(items, ",");
    };
    if (column == "id") return for_people ? text("short_id") : text("id");
    if (column == "created" || column == "updated") {
        std::string iso = text(column == "created" ? "created_at" : "updated_at");
        return for_people ? iso.substr(0, 10) + " " + iso.substr(11, 5) : iso;
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

// Display width: count code points, not bytes (umlauts are one column).
size_t width(const std::string& s) {
    size_t n = 0;
    for (unsigned char c : s) n += (c & 0xC0) != 0x80;
    return n;
}

std::string clip(const std::string& s, size_t max) {
    if (width(s) <= max) return s;
    std::string out;
    size_t n = 0;
    for (size_t i = 0; i < s.size(); ++i) {
        unsigned char c = static_cast<unsigned char>(s[i]);
        if ((c & 0xC0) != 0x80 && ++n > max - 1) break;
        out += s[i];
    }
    return out + "…";
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
}

void TicketPrinter::add(const Json& t) {
    std::vector<std::string> row;
    row.reserve(columns_.size());
    for (const auto& c : columns_) {
        std::string cell = column_text(t, c, people_);
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
    // The subject takes what the terminal has left.
    size_t total = 0;
    for (size_t w : widths) total += w + 2;
    auto subject = std::find(columns_.begin(), columns_.end(), "subject");
    if (subject != columns_.end() && total > terminal_width()) {
        size_t i = static_cast<size_t>(subject - columns_.begin());
        size_t others = total - widths[i] - 2;
        widths[i] = std::max<size_t>(
            20, terminal_width() > others + 2 ? terminal_width() - others - 2 : 20);
    }
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
