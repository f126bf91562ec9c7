#pragma once
// Rows for the full-text index handed to SQLite straight from memory, as
// the table-valued function search_rows(?), so that one statement fills
// the index for a batch of tickets. One statement, because FTS5 writes its
// pending data out at every statement that writes to it; from memory,
// because the batch used to wait in a temporary table, which cost the
// loading thread an insert, a read and a delete per ticket.
#include <cstdint>
#include <map>
#include <sqlite3.h>
#include <string>

namespace tickets {

struct SearchRow {
    // comments: the public correspondence; notes: internal notes, which
    // searches for anyone outside support leave out.
    std::string subject, description, comments, notes;
};
using SearchRows = std::map<std::int64_t, SearchRow>; // by the ticket's rowid

// Makes search_rows() known to the connection.
void register_search_rows(sqlite3* db);

// Adds the rows to the full-text index `search` in one statement; throws
// SQLite::Exception when SQLite fails.
void insert_search_rows(sqlite3* db, const SearchRows& rows);

} // namespace tickets
