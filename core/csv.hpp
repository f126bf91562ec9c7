#pragma once
// RFC 4180 CSV: fields with commas, quotes or line breaks are quoted, quotes
// doubled.
#include <string>
#include <string_view>
#include <vector>

namespace tickets {

std::string csv_field(std::string_view value);
std::string csv_row(const std::vector<std::string>& fields);

struct CsvRecord {
    size_t line; // where the record starts, 1-based, for error messages
    std::vector<std::string> fields;
};

// Parses a whole document; throws Failure(kDataErr) on an unterminated quote.
// Blank lines are skipped.
std::vector<CsvRecord> parse_csv(std::string_view text);

} // namespace tickets
