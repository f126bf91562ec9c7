#pragma once
#include <SQLiteCpp/Database.h>

namespace tickets {

constexpr int kSchemaVersion = 1;
// Creates the tables on a new database; refuses a newer schema.
void ensure_schema(SQLite::Database& db);

} // namespace tickets
