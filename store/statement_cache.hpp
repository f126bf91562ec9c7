#pragma once
// Prepared statements kept for the life of a connection: bulk imports run the
// same few statements hundreds of thousands of times.
#include <SQLiteCpp/SQLiteCpp.h>
#include <map>
#include <memory>
#include <string>

namespace tickets {

class StatementCache {
  public:
    explicit StatementCache(SQLite::Database& db) : db_(db) {}
    // The statement for `sql`, reset and with its bindings cleared. A caller
    // that stops stepping before the end calls reset() itself, so no read
    // stays open.
    // Keyed by the text's address: callers pass string literals, and a
    // string-keyed lookup showed up in import profiles.
    SQLite::Statement& get(const char* sql) {
        auto& slot = statements_[sql];
        if (!slot) slot = std::make_unique<SQLite::Statement>(db_, sql);
        slot->reset();
        slot->clearBindings();
        return *slot;
    }

  private:
    SQLite::Database& db_;
    std::map<const char*, std::unique_ptr<SQLite::Statement>> statements_;
};

} // namespace tickets
