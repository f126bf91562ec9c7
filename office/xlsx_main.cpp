// tickets-xlsx: writes an Office Open XML workbook for `tickets export
// --format xlsx`, a helper program so that only this export loads
// libxlsxwriter (and its zlib and minizip). cmd/export_xlsx.cpp sends, in
// this order:
//   {"open": PATH, "sheet": NAME, "date_format": "dd.mm.yyyy hh:mm",
//    "columns": [{"title": "Betreff", "kind": "text|number|bool|date"}, …]}
//   {"rows": true}, body: a JSON array of rows, each an array of cells
//     (null: empty; a date: seconds since 1970 in local time), as often as
//     needed;
//   {"close": true}, answered with {"rows": N} once the file is complete.
// The sheet has a bold header row, frozen, an auto-filter over the rows and
// column widths after their contents.
#include "core/error.hpp"
#include "core/json_parse.hpp"
#include "core/text.hpp"
#include "helper/frame.hpp"

#include <algorithm>
#include <fmt/format.h>
#include <optional>
#include <string>
#include <vector>
#include <xlsxwriter.h>

namespace tickets {

namespace {

using helper::Frame;
using Json = nlohmann::json;

struct Column {
    std::string title, kind;
    size_t width = 0; // in characters, the widest cell so far
};

class Sheet {
  public:
    void open(const Json& header) {
        if (book_) throw Failure(kTempFail, "xlsx: a workbook is open already");
        path_ = header.at("open").get<std::string>();
        lxw_workbook_options options{};
        options.constant_memory = LXW_TRUE; // rows stream to a temporary file
        book_ = workbook_new_opt(path_.c_str(), &options);
        if (!book_) throw Failure(kDataErr, fmt::format("cannot write {}", path_));
        sheet_ = workbook_add_worksheet(book_, header.at("sheet").get<std::string>().c_str());
        bold_ = workbook_add_format(book_);
        format_set_bold(bold_);
        date_ = workbook_add_format(book_);
        format_set_num_format(date_, header.at("date_format").get<std::string>().c_str());
        for (const auto& c : header.at("columns"))
            columns_.push_back(
                {c.at("title").get<std::string>(), c.at("kind").get<std::string>(), 0});
        for (size_t c = 0; c < columns_.size(); ++c) {
            check(worksheet_write_string(sheet_, 0, col(c), columns_[c].title.c_str(), bold_));
            widen(c, columns_[c].title);
        }
        worksheet_freeze_panes(sheet_, 1, 0);
    }

    void add_rows(const std::string& body) {
        if (!book_) throw Failure(kTempFail, "xlsx: no workbook is open");
        Json rows = parse_json(body);
        for (const auto& cells : rows) {
            ++rows_;
            if (cells.size() != columns_.size())
                throw Failure(kTempFail, fmt::format("xlsx: row {} has {} cells for {} columns",
                                                     rows_, cells.size(), columns_.size()));
            for (size_t c = 0; c < columns_.size(); ++c) write_cell(c, cells[c]);
        }
    }

    size_t close() {
        if (!book_) throw Failure(kTempFail, "xlsx: no workbook is open");
        for (size_t c = 0; c < columns_.size(); ++c)
            worksheet_set_column(
                sheet_, col(c), col(c),
                static_cast<double>(std::clamp<size_t>(columns_[c].width + 2, 8,
                                                       columns_[c].kind == "text" ? 60 : 20)),
                nullptr);
        if (!columns_.empty())
            worksheet_autofilter(sheet_, 0, 0, static_cast<lxw_row_t>(rows_),
                                 col(columns_.size() - 1));
        lxw_error error = workbook_close(book_);
        book_ = nullptr;
        if (error != LXW_NO_ERROR)
            throw Failure(kDataErr, fmt::format("cannot write {}: {}", path_, lxw_strerror(error)));
        return rows_;
    }

  private:
    static lxw_col_t col(size_t c) { return static_cast<lxw_col_t>(c); }

    void check(lxw_error error) const {
        if (error != LXW_NO_ERROR)
            throw Failure(kTempFail, fmt::format("xlsx: row {}: {}", rows_, lxw_strerror(error)));
    }

    void widen(size_t c, const std::string& text) {
        size_t width = 0, line = 0;
        for (size_t at = 0; at < text.size();) {
            char32_t ch = next_code_point(text, at);
            line = ch == '\n' ? 0 : line + 1;
            width = std::max(width, line);
        }
        columns_[c].width = std::max(columns_[c].width, width);
    }

    void write_cell(size_t c, const Json& v) {
        lxw_row_t row = static_cast<lxw_row_t>(rows_);
        const std::string& kind = columns_[c].kind;
        if (v.is_null()) return;
        if (kind == "date") {
            check(worksheet_write_unixtime(sheet_, row, col(c), v.get<std::int64_t>(), date_));
            columns_[c].width = std::max<size_t>(columns_[c].width, 16);
        } else if (kind == "number") {
            check(worksheet_write_number(sheet_, row, col(c), v.get<double>(), nullptr));
            widen(c, v.dump());
        } else if (kind == "bool") {
            check(worksheet_write_boolean(sheet_, row, col(c), v.get<bool>() ? 1 : 0, nullptr));
        } else {
            const std::string& text = v.get_ref<const std::string&>();
            check(worksheet_write_string(sheet_, row, col(c), text.c_str(), nullptr));
            widen(c, text);
        }
    }

    std::string path_;
    lxw_workbook* book_ = nullptr;
    lxw_worksheet* sheet_ = nullptr;
    lxw_format *bold_ = nullptr, *date_ = nullptr;
    std::vector<Column> columns_;
    size_t rows_ = 0;
};

} // namespace

} // namespace tickets

int main() {
    tickets::Sheet sheet;
    return tickets::helper::answer_frames(
        [&sheet](const tickets::helper::Frame& request, tickets::helper::Frame& answer) {
            const auto& h = request.header;
            if (h.contains("open"))
                sheet.open(h);
            else if (h.contains("rows"))
                sheet.add_rows(request.body);
            else if (h.contains("close"))
                answer.header["rows"] = sheet.close();
            else
                throw tickets::Failure(tickets::kTempFail, "xlsx: unknown request");
        });
}
