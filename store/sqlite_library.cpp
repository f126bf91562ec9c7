#include "store/sqlite_library.hpp"

#include <sqlite3.h>

namespace tickets {

void configure_sqlite_library() {
    // Every connection belongs to one thread (the server keeps one per
    // worker thread, an import or a pull writes from one), so SQLite need
    // not lock each connection on every call; nor does it need to count
    // every allocation under a global lock for statistics nobody reads.
    // Together about a tenth of the writing thread's time in an import.
    sqlite3_config(SQLITE_CONFIG_MULTITHREAD);
    sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
    // A statement that may fail halfway (an upsert, a write to the full-text
    // index) keeps the old content of the pages it changes, to undo them.
    // SQLite moves that journal to a temporary file past 64 KiB: four of
    // our 16 KiB pages, so a `comment` created, wrote and deleted a file in
    // /var/tmp every time. 4 MiB stay in memory.
    sqlite3_config(SQLITE_CONFIG_STMTJRNL_SPILL, 4 * 1024 * 1024);
}

} // namespace tickets
