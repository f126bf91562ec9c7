#pragma once
// The column values of a ticket's rows in the tickets and ticket_docs tables, computed from
// the folded ticket. Used to write the row and, by fsck, to check it.
#include "core/ticket.hpp"

#include <cstdint>
#include <string>
#include <variant>
#include <vector>

namespace tickets {

// std::monostate: NULL (a date the ticket does not have).
using Column = std::variant<std::monostate, std::int64_t, std::string>;

struct MaterialisedRow {
    // In the order of the INSERT in repository.cpp and kRowColumns below.
    std::vector<Column> columns;
    // The ticket as JSON (ticket_document), for the ticket_docs table.
    // Its correspondence is not materialised: see ticket_docs in schema.cpp.
    std::string doc;
    // The full-text index's columns, folded (core/search_text.hpp): the
    // subject, the description and the text of all comments (internal notes
    // included: the index is local, and agents search their notes).
    std::string search_subject, search_description, search_comments;
};

extern const char* const kRowColumns;
// The names in kRowColumns, one by one.
const std::vector<std::string>& row_column_names();
MaterialisedRow materialised_row(const Ticket& t);

} // namespace tickets
