#pragma once
#include <SQLiteCpp/Database.h>

namespace tickets {

// 1: events, tickets, comments, search. 2: users, organisations, tokens,
// remotes. 3: covering list indexes, mail_messages. Every statement is
// CREATE … IF NOT EXISTS, so running the whole schema again upgrades an
// older store (an index of an older shape is dropped first, below).
constexpr int kSchemaVersion = 3;
// Creates the tables on a new database; refuses a newer schema.
void ensure_schema(SQLite::Database& db);

} // namespace tickets
