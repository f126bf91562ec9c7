#pragma once
#include <SQLiteCpp/Database.h>

namespace tickets {

// 1: events, tickets, comments, search. 2: users, organisations, tokens,
// remotes. Every statement is CREATE … IF NOT EXISTS, so running the whole
// schema again upgrades an older store.
constexpr int kSchemaVersion = 2;
// Creates the tables on a new database; refuses a newer schema.
void ensure_schema(SQLite::Database& db);

} // namespace tickets
