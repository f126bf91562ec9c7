#pragma once

namespace tickets {

// Process-wide SQLite settings; call once, before the first connection
// opens (sqlite3_config refuses changes after that).
void configure_sqlite_library();

} // namespace tickets
