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
}

} // namespace tickets
