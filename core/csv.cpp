#include "core/csv.hpp"

#include "core/error.hpp"

#include <fmt/format.h>

namespace tickets {

std::string csv_field(std::string_view value) {
    if (value.find_first_of(",\"\r\n") == std::string_view::npos) return std::string(value);
    std::string out = "\"";
    for (char c : value) {
        if (c == '"') out += '"';
        out += c;
    }
    return out + "\"";
}

std::string csv_row(const std::vector<std::string>& fields) {
    std::string out;
    for (size_t i = 0; i < fields.size(); ++i) {
        if (i) out += ',';
        out += csv_field(fields[i]);
    }
    return out + "\r\n";
}

std::vector<CsvRecord> parse_csv(std::string_view text) {
    std::vector<CsvRecord> records;
    CsvRecord current{1, {}};
    std::string field;
    bool in_quotes = false, field_started = false;
    size_t line = 1;
    auto end_record = [&] {
        current.fields.push_back(std::move(field));
        field.clear();
        bool blank = current.fields.size() == 1 && current.fields[0].empty() && !field_started;
        if (!blank) records.push_back(std::move(current));
        current = CsvRecord{line, {}};
        field_started = false;
    };
    for (size_t i = 0; i < text.size(); ++i) {
        char c = text[i];
        if (in_quotes) {
            if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') {
                field += '"';
                ++i;
            } else if (c == '"') {
                in_quotes = false;
            } else {
                if (c == '\n') ++line;
                field += c;
            }
            continue;
        }
        if (c == '"' && field.empty()) {
            in_quotes = field_started = true;
        } else if (c == ',') {
            current.fields.push_back(std::move(field));
            field.clear();
            field_started = true;
        } else if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') {
            // CRLF: the \n ends the record
        } else if (c == '\n') {
            ++line;
            end_record();
        } else {
            field += c;
            field_started = true;
        }
    }
    if (in_quotes)
        throw Failure(kDataErr,
                      fmt::format("CSV line {}: unterminated quoted field", current.line));
    if (field_started || !field.empty() || !current.fields.empty()) end_record();
    return records;
}

} // namespace tickets
