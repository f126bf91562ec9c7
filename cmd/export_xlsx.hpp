#pragma once
// tickets export --format xlsx: the tickets as an Excel workbook, one row
// per ticket with typed cells (dates in calendar.timezone, numbers, true or
// false), written by the helper tickets-xlsx (office/xlsx_main.cpp).
#include "cmd/context.hpp"

#include <string>
#include <vector>

namespace tickets {

// Writes the workbook to `output` (through a temporary file beside it, so
// that a failure leaves no half-written file), with German or English
// column titles (`language` "de" or "en").
void export_xlsx(Context& ctx, Repository& repo, const std::vector<std::string>& ids,
                 const std::string& output, const std::string& language);

} // namespace tickets
