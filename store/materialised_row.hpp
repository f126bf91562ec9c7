#pragma once
// The column values of a ticket's rows in the tickets and ticket_docs tables, computed from
// the folded ticket. Used to write the row and, by fsck, to check it.
#include "core/ticket.hpp"
#include "core/working_time.hpp"

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
    // subject, the description, the public comments and the internal notes
    // (agents search their notes; searches for anyone else leave them out).
    std::string search_subject, search_description, search_comments, search_notes;
    // The ticket_sla row of a ticket with SLA targets: what of its clocks
    // does not depend on the time asked at (core/sla.hpp SlaState).
    struct Sla {
        std::string policy;
        std::optional<Instant> due;
        bool breached = false;
    };
    std::optional<Sla> sla;
    // The ticket_cc rows: its CC addresses.
    std::vector<std::string> cc;
};

extern const char* const kRowColumns;
// The names in kRowColumns, one by one.
const std::vector<std::string>& row_column_names();
// `calendar`: the working calendar of the SLA clocks, needed only for a
// ticket with targets (t.sla).
MaterialisedRow materialised_row(const Ticket& t, const WorkCalendar* calendar);

} // namespace tickets
