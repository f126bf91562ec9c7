#include "core/csv.hpp"

#include "core/error.hpp"

#include <fmt/format.h>

namespace tickets {

std::string csv_field(std::string_view value, char separator) {
    const char special[] = {separator, '"', '\r', '\n', '\0'};
    if (value.find_first_of(special) == std::string_view::npos) return std::string(value);
    std::string out = "\"";
    for (char c : value) {
        if (c == '"') out += '"';
        out += c;
    }
    return out + "\"";
}

std::string csv_row(const std::vector<std::string>& fields, char separator) {
    std::string out;
    for (size_t i = 0; i < fields.size(); ++i) {
        if (i) out += separator;
        out += csv_field(fields[i], separator);
    }
    return out + "\r\n";
}

char detect_csv_separator(std::string_view text) {
    size_t commas = 0, semicolons = 0, tabs = 0;
    bool in_quotes = false;
    for (char c : text) {
        if (c == '"') in_quotes = !in_quotes; // a doubled quote toggles twice
        if (in_quotes) continue;
        if (c == '\n') break;
        commas += c == ',';
        semicolons += c == ';';
        tabs += c == '\t';
    }
    if (semicolons > commas && semicolons >= tabs) return ';';
    if (tabs > commas) return '\t';
    return ',';
}

bool CsvReader::next(CsvRecord& record) {
    record.fields.clear();
    std::string field;
    bool in_quotes = false, field_started = false;
    for (;;) {
        record.line = line_;
        bool ended = false; // the record ended at a line break
        for (; at_ < text_.size() && !ended; ++at_) {
            char c = text_[at_];
            if (in_quotes) {
                if (c == '"' && at_ + 1 < text_.size() && text_[at_ + 1] == '"') {
                    field += '"';
                    ++at_;
                } else if (c == '"') {
                    in_quotes = false;
                } else {
                    if (c == '\n') ++line_;
                    field += c;
                }
            } else if (c == '"' && field.empty()) {
                in_quotes = field_started = true;
            } else if (c == separator_) {
                record.fields.push_back(std::move(field));
                field.clear();
                field_started = true;
            } else if (c == '\r' && at_ + 1 < text_.size() && text_[at_ + 1] == '\n') {
                // CRLF: the \n ends the record
            } else if (c == '\n') {
                ++line_;
                ended = true;
            } else {
                field += c;
                field_started = true;
            }
        }
        if (in_quotes)
            throw Failure(kDataErr,
                          fmt::format("CSV line {}: unterminated quoted field", record.line));
        if (!ended && !field_started && record.fields.empty()) return false; // the end
        record.fields.push_back(std::move(field));
        field.clear();
        bool blank = record.fields.size() == 1 && record.fields[0].empty() && !field_started;
        if (!blank) return true;
        record.fields.clear();
        field_started = false;
    }
}

std::vector<CsvRecord> parse_csv(std::string_view text, char separator) {
    std::vector<CsvRecord> records;
    CsvReader reader(text, separator);
    for (CsvRecord r; reader.next(r);) records.push_back(r);
    return records;
}

} // namespace tickets
