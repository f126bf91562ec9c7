// search_rows (store/search_rows): a batch of rows from memory goes into a
// full-text index in one statement, each row under its ticket's rowid.
#include "store/search_rows.hpp"

#include <SQLiteCpp/Exception.h>
#include <doctest/doctest.h>
#include <string>

using namespace tickets;

namespace {

struct MemoryDb {
    sqlite3* db = nullptr;
    MemoryDb() {
        sqlite3_open(":memory:", &db);
        sqlite3_exec(
            db, "CREATE VIRTUAL TABLE search USING fts5(subject, description, comments, notes)",
            nullptr, nullptr, nullptr);
        register_search_rows(db);
    }
    ~MemoryDb() { sqlite3_close(db); }
    std::string text(const std::string& sql) {
        sqlite3_stmt* st = nullptr;
        std::string out;
        if (sqlite3_prepare_v2(db, sql.c_str(), -1, &st, nullptr) == SQLITE_OK &&
            sqlite3_step(st) == SQLITE_ROW && sqlite3_column_text(st, 0))
            out = reinterpret_cast<const char*>(sqlite3_column_text(st, 0));
        sqlite3_finalize(st);
        return out;
    }
};

} // namespace

TEST_CASE("search rows go into the index under their rowids, every column") {
    MemoryDb m;
    SearchRows rows;
    rows[7] = {"Heizung kalt", "Seit Montag kalt", "Techniker kommt\n", "nur intern"};
    rows[3] = {"Aufzug", "steht", "", ""};
    insert_search_rows(m.db, rows);
    CHECK(m.text("SELECT count(*) FROM search") == "2");
    CHECK(m.text("SELECT rowid FROM search WHERE search MATCH 'heizung'") == "7");
    CHECK(m.text("SELECT rowid FROM search WHERE search MATCH 'techniker'") == "7");
    CHECK(m.text("SELECT rowid FROM search WHERE search MATCH 'steht'") == "3");
    CHECK(m.text("SELECT description FROM search WHERE rowid = 7") == "Seit Montag kalt");
    CHECK(m.text("SELECT notes FROM search WHERE rowid = 7") == "nur intern");
    CHECK(m.text("SELECT count(*) FROM search WHERE search MATCH "
                 "'{subject description comments} : intern'") == "0");
    insert_search_rows(m.db, SearchRows{}); // nothing to add
    CHECK(m.text("SELECT count(*) FROM search") == "2");
}

TEST_CASE("search_rows yields nothing without a bound batch, and fails without an argument") {
    MemoryDb m;
    CHECK(m.text("SELECT count(*) FROM search_rows(NULL)") == "0");
    CHECK(m.text("SELECT count(*) FROM search_rows('not a pointer')") == "0");
    CHECK(m.text("SELECT count(*) FROM search_rows") == ""); // refused: no plan
    CHECK(sqlite3_errcode(m.db) != SQLITE_OK);
}

TEST_CASE("a failing insert of search rows throws with SQLite's message") {
    MemoryDb m;
    sqlite3_exec(m.db, "DROP TABLE search", nullptr, nullptr, nullptr);
    SearchRows rows;
    rows[1] = {"a", "b", "c", "d"};
    CHECK_THROWS_AS(insert_search_rows(m.db, rows), SQLite::Exception);
}
