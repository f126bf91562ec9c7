#pragma once
// tickets import --format csv: one new ticket per row of a spreadsheet, as
// Excel and LibreOffice save them in Germany too (see cmd/import.cpp for the
// command and the JSON Lines import).
#include "cmd/context.hpp"
#include "store/apply_events.hpp"

#include <string>

namespace tickets {

// Creates the tickets of a CSV document (UTF-8, a header row of field names
// in English or German) inside the caller's write transaction; a bad row
// throws Failure naming its line and field, and the caller's rollback keeps
// the store as it was.
AppliedEvents import_csv(Context& ctx, Repository& repo, const std::string& text);

} // namespace tickets
