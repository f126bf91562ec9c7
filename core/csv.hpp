#pragma once
// RFC 4180 CSV: fields with the separator, quotes or line breaks are
// quoted, quotes doubled. The separator is a comma, or what a spreadsheet
// program chose (German Excel and LibreOffice write ';').
#include <string>
#include <string_view>
#include <vector>

namespace tickets {

std::string csv_field(std::string_view value, char separator = ',');
std::string csv_row(const std::vector<std::string>& fields, char separator = ',');

struct CsvRecord {
    size_t line; // where the record starts, 1-based, for error messages
    std::vector<std::string> fields;
};

// Reads a document a record at a time; blank lines are skipped.
class CsvReader {
  public:
    explicit CsvReader(std::string_view text, char separator = ',')
        : text_(text), separator_(separator) {}
    // The next record into `record`; false at the end. Throws
    // Failure(kDataErr) on an unterminated quote.
    bool next(CsvRecord& record);

  private:
    std::string_view text_;
    char separator_;
    size_t at_ = 0, line_ = 1;
};

// The whole document (see CsvReader).
std::vector<CsvRecord> parse_csv(std::string_view text, char separator = ',');

// The separator of a document: ';', ',' or a tab, whichever its first
// record (the header) has most of outside quotes; ',' when it has none.
char detect_csv_separator(std::string_view text);

} // namespace tickets
