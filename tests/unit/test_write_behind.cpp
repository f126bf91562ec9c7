// Write-behind (store/write_behind): SQLite must see the file as if every
// write had happened at once, whether a page is still queued or written,
// and a write that fails must fail the transaction and leave the file
// as it was.
#include "store/write_behind.hpp"

#include <csignal>
#include <doctest/doctest.h>
#include <filesystem>
#include <stdexcept>
#include <string>
#include <sys/resource.h>
#include <unistd.h>

using namespace tickets;

namespace {

struct TempDir {
    std::filesystem::path path;
    TempDir() {
        std::string pattern = (std::filesystem::temp_directory_path() / "wb-XXXXXX").string();
        if (!::mkdtemp(pattern.data())) throw std::runtime_error("mkdtemp failed");
        path = pattern;
    }
    ~TempDir() { std::filesystem::remove_all(path); }
};

struct Connection {
    sqlite3* db = nullptr;
    Connection(const std::filesystem::path& file, const char* vfs) {
        int rc =
            sqlite3_open_v2(file.c_str(), &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, vfs);
        if (rc != SQLITE_OK) throw std::runtime_error("cannot open " + file.string());
    }
    ~Connection() { sqlite3_close(db); }
    int exec(const std::string& sql) {
        return sqlite3_exec(db, sql.c_str(), nullptr, nullptr, nullptr);
    }
    std::string text(const std::string& sql) {
        sqlite3_stmt* st = nullptr;
        std::string out;
        if (sqlite3_prepare_v2(db, sql.c_str(), -1, &st, nullptr) == SQLITE_OK &&
            sqlite3_step(st) == SQLITE_ROW)
            out = reinterpret_cast<const char*>(sqlite3_column_text(st, 0));
        sqlite3_finalize(st);
        return out;
    }
};

// A small page cache, so that SQLite writes pages out during the
// transaction and reads them back (the rows' random keys go all over
// the index).
void prepare(Connection& c) {
    REQUIRE(c.exec("PRAGMA journal_mode = DELETE; PRAGMA cache_size = -256; "
                   "CREATE TABLE t (k INTEGER PRIMARY KEY, key TEXT, v BLOB); "
                   "CREATE INDEX t_by_key ON t(key);") == SQLITE_OK);
}

const char* kInsertRows = "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n "
                          "WHERE i < {n}) INSERT INTO t (key, v) "
                          "SELECT hex(randomblob(16)), randomblob(300) FROM n";

std::string insert_rows(int n) {
    std::string sql = kInsertRows;
    return sql.replace(sql.find("{n}"), 3, std::to_string(n));
}

// A transaction whose writes go through the background thread.
void begin_with_write_behind(Connection& c) {
    REQUIRE(c.exec("BEGIN IMMEDIATE") == SQLITE_OK);
    REQUIRE(start_write_behind(c.db));
}

// What the default VFS finds on disk: a whole file, and `count` rows.
void expect_on_disk(const std::filesystem::path& file, const std::string& count_sql,
                    const std::string& count) {
    Connection plain(file, nullptr);
    CHECK(plain.text("PRAGMA integrity_check") == "ok");
    CHECK(plain.text(count_sql) == count);
}

} // namespace

TEST_CASE("write-behind: queued pages are read back, the commit writes them all") {
    TempDir dir;
    auto file = dir.path / "t.db";
    {
        Connection c(file, write_behind_vfs());
        prepare(c);
        begin_with_write_behind(c);
        REQUIRE(c.exec(insert_rows(20000)) == SQLITE_OK);
        // Inside the transaction: every page read, many of them still queued.
        CHECK(c.text("PRAGMA integrity_check") == "ok");
        CHECK(c.text("SELECT count(*) FROM t WHERE length(v) = 300") == "20000");
        REQUIRE(c.exec(insert_rows(5000)) == SQLITE_OK);
        REQUIRE(c.exec("COMMIT") == SQLITE_OK);
        CHECK(stop_write_behind(c.db) == SQLITE_OK);
    }
    expect_on_disk(file, "SELECT count(*) FROM t", "25000");
}

TEST_CASE("write-behind: a rollback leaves the file as it was") {
    TempDir dir;
    auto file = dir.path / "t.db";
    {
        Connection c(file, write_behind_vfs());
        prepare(c);
        REQUIRE(c.exec(insert_rows(3000)) == SQLITE_OK);
        std::string before = c.text("SELECT sum(length(key)) || '/' || count(*) FROM t");
        begin_with_write_behind(c);
        REQUIRE(c.exec("UPDATE t SET v = randomblob(200), key = hex(randomblob(8))") == SQLITE_OK);
        REQUIRE(c.exec(insert_rows(20000)) == SQLITE_OK);
        REQUIRE(c.exec("ROLLBACK") == SQLITE_OK);
        CHECK(stop_write_behind(c.db) == SQLITE_OK);
        CHECK(c.text("SELECT sum(length(key)) || '/' || count(*) FROM t") == before);
    }
    expect_on_disk(file, "SELECT count(*) FROM t WHERE length(v) = 300", "3000");
}

TEST_CASE("write-behind: a write that fails fails the transaction, nothing is lost") {
    TempDir dir;
    auto file = dir.path / "t.db";
    Connection c(file, write_behind_vfs());
    prepare(c);
    REQUIRE(c.exec(insert_rows(3000)) == SQLITE_OK);
    // Writes beyond 4 MB fail (EFBIG) while the limit holds.
    struct rlimit old_limit;
    REQUIRE(::getrlimit(RLIMIT_FSIZE, &old_limit) == 0);
    auto old_handler = std::signal(SIGXFSZ, SIG_IGN);
    struct rlimit limit = old_limit;
    limit.rlim_cur = 4 << 20;
    REQUIRE(::setrlimit(RLIMIT_FSIZE, &limit) == 0);
    begin_with_write_behind(c);
    int inserted = c.exec(insert_rows(40000));
    int committed = inserted == SQLITE_OK ? c.exec("COMMIT") : inserted;
    // Reported as the write's failure (SQLite finding pages it wrote
    // missing would say the file is corrupt).
    CHECK(sqlite3_extended_errcode(c.db) == SQLITE_IOERR_WRITE);
    CHECK(committed == SQLITE_IOERR);
    c.exec("ROLLBACK");
    stop_write_behind(c.db);
    ::setrlimit(RLIMIT_FSIZE, &old_limit);
    std::signal(SIGXFSZ, old_handler);
    CHECK(c.text("SELECT count(*) FROM t") == "3000");
    expect_on_disk(file, "SELECT count(*) FROM t", "3000");
}

TEST_CASE("write-behind is refused for a file opened through another VFS") {
    TempDir dir;
    Connection plain(dir.path / "t.db", nullptr);
    prepare(plain);
    CHECK_FALSE(start_write_behind(plain.db));
    CHECK(stop_write_behind(plain.db) == SQLITE_OK);
}
