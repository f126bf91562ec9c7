#pragma once
// Output for people (aligned tables, coloured status) and for scripts
// (tab-separated rows without a header).
#include "cmd/context.hpp"
#include "core/event.hpp"

#include <string>
#include <vector>

namespace tickets {

const std::vector<std::string>& known_columns();
// The keys of a ticket's JSON that column_text() reads for these columns;
// Failure(kUsage) for a column not in known_columns().
std::vector<std::string> keys_of_columns(const std::vector<std::string>& columns);
// The text of one column of a ticket's JSON ("status", "created", …).
std::string column_text(const Json& ticket, const std::string& column, bool for_people);
// Tickets as rows: a table with a header on a terminal, TSV otherwise.
void print_tickets(Context& ctx, const std::vector<Json>& tickets,
                   const std::vector<std::string>& columns);
std::string colour_status(Context& ctx, const std::string& status);

} // namespace tickets
