#pragma once
// Output for people (aligned tables, coloured status) and for scripts
// (tab-separated rows without a header).
#include "cmd/context.hpp"
#include "core/calendar.hpp"
#include "core/event.hpp"

#include <optional>

#include <string>
#include <vector>

namespace tickets {

class Accounts;

// "512 B", "12.3 kB", "4.0 MB".
std::string human_size(std::int64_t bytes);
// A person for people: an address with the name its mail gave as "Lena
// Fischer <l.fischer@x.de>"; a pseudonym as "anonymous", with who is behind
// it when this store knows (its owner's, staff's and the server's stores do).
// `reveal` false: a pseudonym is "anonymous" only (documents for outside).
std::string person(Accounts& accounts, const std::string& address, const std::string& name = "",
                   bool reveal = true);
// A member of a ticket's (or comment's) JSON as text: a string as it is, a
// list joined with ", ", anything else or nothing "".
std::string member_text(const Json& j, const char* key);
// A ticket's requester as `person` prints it, with the ticket's organisation.
std::string requester_text(Accounts& accounts, const Json& ticket, bool reveal = true);
// The same for an author or requester in a ticket's JSON: `name_key` names
// the member with the display name ("author_name", "requester_name"), and
// the organisation of the address follows in brackets.
std::string person_in(Context& ctx, Accounts& accounts, const Json& j, const char* address_key,
                      const char* name_key, bool reveal = true);

const std::vector<std::string>& known_columns();
// The keys of a ticket's JSON that column_text() reads for these columns;
// Failure(kUsage) for a column not in known_columns().
std::vector<std::string> keys_of_columns(const std::vector<std::string>& columns);
// The text of one column of a ticket's JSON ("status", "created", …).
// `local`: for people, times in that zone ("2026-11-23 15:11"); nullptr:
// for scripts, ISO-8601 instants in UTC.
std::string column_text(const Json& ticket, const std::string& column, const TimeZone* local);
// Tickets as rows: a table with a header on a terminal, TSV otherwise.
// TSV rows go out as they are added, so that listing a whole store needs no
// more memory than one ticket; a table waits for its last row (the widths
// of its columns depend on every row).
class TicketPrinter {
  public:
    TicketPrinter(Context& ctx, std::vector<std::string> columns);
    void add(const Json& ticket);
    void finish();

  private:
    void print_table();

    Context& ctx_;
    std::vector<std::string> columns_;
    bool people_;
    const TimeZone* zone_ = nullptr;             // calendar.timezone, for people
    std::vector<std::vector<std::string>> rows_; // for the table
    std::string pending_;                        // TSV not yet written
};
std::string colour_status(Context& ctx, const std::string& status);
// Columns a text takes on a terminal (wide East Asian characters take two).
size_t display_width(const std::string& s);

} // namespace tickets
