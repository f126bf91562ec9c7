#include "store/repository.hpp"

#include "core/error.hpp"
#include "core/fold.hpp"
#include "core/ids.hpp"
#include "core/json_parse.hpp"
#include "core/names.hpp"
#include "core/search_text.hpp"
#include "core/text.hpp"
#include "store/fsck.hpp"
#include "store/materialised_row.hpp"
#include "store/schema.hpp"
#include "store/sla_config.hpp"

#include <algorithm>
#include <fmt/format.h>
#include <fmt/ranges.h>
#include <sqlite3.h>
#include <unistd.h>

namespace fs = std::filesystem;

namespace tickets {

namespace {

constexpr int kBusyTimeoutMs = 30000;
// See ~Repository. A `new` adds ~18 pages to the WAL (~150 KB with the
// 8 KiB pages of new stores, ~300 KB with the 16 KiB pages of older ones),
// so that every seventh (every fourth) `new` runs the checkpoint's syncs
// and truncation (~6 ms). At 512 KiB `new` took 1.08 of the time (median);
// 2 MiB made no difference.
constexpr std::uintmax_t kShortWalBytes = 1024 * 1024;
constexpr int kCacheKiB = 32 * 1024;
constexpr int kIndexBuildCacheKiB = 4 * 1024;
constexpr std::int64_t kMapBytes = 64 * 1024 * 1024;
// Tickets per statement filling the full-text index: each statement is a
// pause of the loading thread that an import's parsing thread must bridge
// (see import_jsonl); 500 left the index in 11 segments where 2,000 left 16.
constexpr std::size_t kSearchBatch = 500;

// SQLITE_FCNTL_PERSIST_WAL: whether closing the WAL (at the end of a
// connection, or when leaving WAL mode) keeps the file.
void keep_wal_file(SQLite::Database& db, bool keep) {
    int flag = keep ? 1 : 0;
    sqlite3_file_control(db.getHandle(), "main", SQLITE_FCNTL_PERSIST_WAL, &flag);
}

fs::path db_path(const fs::path& dir) {
    return dir / "tickets.db";
}

const std::string& insert_ticket_sql() {
    static const std::string sql = [] {
        std::vector<std::string> marks(row_column_names().size(), "?");
        return fmt::format("INSERT INTO tickets ({}) VALUES ({})", kRowColumns,
                           fmt::join(marks, ", "));
    }();
    return sql;
}

// Rewrites every column of an existing row; RETURNING gives its rowid,
// which the full-text index shares.
const std::string& upsert_ticket_sql() {
    static const std::string sql = [] {
        std::vector<std::string> set;
        for (const auto& name : row_column_names())
            if (name != "id") set.push_back(fmt::format("{0} = excluded.{0}", name));
        return fmt::format("{} ON CONFLICT (id) DO UPDATE SET {} RETURNING rowid",
                           insert_ticket_sql(), fmt::join(set, ", "));
    }();
    return sql;
}

// The events of ticket ?1, found through events_by_ticket (schema.cpp),
// whose expression this repeats. The unary plus keeps SQLite 3.40 from
// weighing the bare column against the index and choosing a scan.
const char* const kOfTicket = "substr(ticket, 1, 16) = substr(?1, 1, 16) AND +ticket = ?1";

} // namespace

Repository::Repository(fs::path dir, int flags, const std::string& file)
    : dir_(std::move(dir)),
      db_(file.empty() ? db_path(dir_).string() : file, flags, kBusyTimeoutMs) {
    configure_connection();
}

// Every process that opens the store first rebuilds the WAL index by
// reading the whole WAL: SQLite resets the -shm file when no other
// connection holds it. So the WAL must stay short, or every command pays
// for it (after a 100,000-ticket import, 600 ms each). Since connections
// close without a checkpoint (see configure_connection), the one that
// leaves a long WAL behind moves it into the database and truncates it.
Repository::~Repository() {
    try {
        return_to_wal(); // after a bulk load that failed
    } catch (const SQLite::Exception&) {
    }
    std::error_code ec;
    auto wal_size = fs::file_size(db_path(dir_).string() + "-wal", ec);
    if (ec || wal_size < kShortWalBytes) return;
    try {
        // Never wait for a reader: a later close will do it.
        sqlite3_busy_timeout(db_.getHandle(), 0);
        db_.exec("PRAGMA wal_checkpoint(TRUNCATE)");
    } catch (const SQLite::Exception&) {
    }
}

void Repository::configure_connection() {
    db_.exec("PRAGMA synchronous = NORMAL");
    // 32 MiB of page cache (SQLite's default is 2 MiB): imports and pulls
    // insert random ids into several indexes of a large store.
    db_.exec(fmt::format("PRAGMA cache_size = -{}", kCacheKiB));
    // Reads through a 64 MiB memory map instead of a read() per page: a
    // listing of every ticket, or a search with many hits, reads pages all
    // over the tickets table (10,000 tickets: 60 ms -> 50 ms, 'status:open'
    // 29 -> 17 ms); short commands touch a few pages either way.
    db_.exec(fmt::format("PRAGMA mmap_size = {}", kMapBytes));
    // Temporary data stays in files (SQLite's default): with temp_store =
    // MEMORY, building the indexes after a bulk load sorted 100 MB of keys
    // in memory. Small sorts and temporary tables stay in memory either way.
    // Every command is a short process: keep the WAL file between them and
    // leave checkpoints to SQLite's automatic ones, instead of creating,
    // checkpointing (with fsyncs) and deleting the WAL on each exit.
    keep_wal_file(db_, true);
    sqlite3_db_config(db_.getHandle(), SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 1, nullptr);
    db_.exec("PRAGMA foreign_keys = OFF");
    // Debian builds SQLite to overwrite every deleted row with zeros. Nothing
    // a store deletes is secret (the log keeps every event, and a deleted
    // ticket is one marked so), while the zeroing ran over every merged
    // segment of the full-text index.
    db_.exec("PRAGMA secure_delete = OFF");
}

namespace {

// A store on read-only media (a mounted backup, a read-only share) that was
// closed cleanly has no -wal and -shm files and cannot get them, and SQLite
// opens a WAL database only with them, unless told that nothing changes
// the file (immutable). Anyone who could write it could create them.
bool on_read_only_media(const fs::path& dir) {
    std::error_code ec;
    return ::access(dir.c_str(), W_OK) != 0 && !fs::exists(db_path(dir).string() + "-shm", ec) &&
           !fs::exists(db_path(dir).string() + "-wal", ec);
}

std::string immutable_uri(const fs::path& file) {
    std::string uri = "file:";
    for (char c : fs::absolute(file).string()) {
        if (c == '%' || c == '?' || c == '#')
            uri += fmt::format("%{:02X}", static_cast<unsigned char>(c));
        else
            uri += c;
    }
    return uri + "?immutable=1";
}

} // namespace

std::unique_ptr<Repository> Repository::open(const fs::path& dir) {
    if (!fs::exists(db_path(dir)))
        throw Failure(kNotFound,
                      fmt::format("no ticket store at {} (run 'tickets init')", dir.string()));
    if (on_read_only_media(dir)) {
        std::unique_ptr<Repository> repo(new Repository(
            dir, SQLite::OPEN_READONLY | SQLite::OPEN_URI, immutable_uri(db_path(dir))));
        if (repo->db_.execAndGet("PRAGMA user_version").getInt() != kSchemaVersion)
            throw Failure(kNoPerm, fmt::format("store {} is read-only and of another schema "
                                               "version: copy it to upgrade it",
                                               dir.string()));
        return repo;
    }
    std::unique_ptr<Repository> repo(new Repository(dir, SQLite::OPEN_READWRITE));
    repo->return_to_wal(); // a bulk load cut off halfway leaves a rollback journal
    // A store from before a change of the materialised rows gets them
    // rewritten from its events (the events stay as they are).
    Repository& r = *repo;
    ensure_schema(repo->db_,
                  [&r](bool from_scratch) { from_scratch ? rebuild_store(r) : refold_store(r); });
    return repo;
}

std::unique_ptr<Repository> Repository::create(const fs::path& dir) {
    fs::create_directories(dir / "objects");
    fs::create_directories(dir / "hooks");
    std::unique_ptr<Repository> repo(
        new Repository(dir, SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE));
    // 8 KiB pages (SQLite's default is 4 KiB): half the page reads and
    // writes for bulk loads and shallower trees; an import of 100,000
    // tickets took 1.4 times as long with 4 KiB pages. Not 16 KiB, which
    // earlier stores have: a `new` writes ~18 pages whatever their size, so
    // each wrote 300 KB into the WAL, which the next command reads back and
    // a checkpoint syncs; with 8 KiB pages `new` took 0.88 of the time
    // (median), a search 0.88, `show` 1.05 and the import about 1.05 (twice
    // as many page writes). A new store only: the page size is fixed once
    // the file exists.
    repo->db_.exec("PRAGMA page_size = 8192");
    repo->db_.exec("PRAGMA journal_mode = WAL");
    WriteTransaction tx(*repo);
    Repository& r = *repo;
    // `init` on an older store upgrades it.
    ensure_schema(repo->db_,
                  [&r](bool from_scratch) { from_scratch ? rebuild_store(r) : refold_store(r); });
    tx.commit();
    return repo;
}

Repository::WriteTransaction::WriteTransaction(Repository& repo)
    : repo_(repo), tx_(repo.db_, SQLite::TransactionBehavior::IMMEDIATE) {
    repo_.in_write_transaction_ = true;
    repo_.clock_.reset();
    if (repo_.bulk_requested_) repo_.start_bulk_load();
}

Repository::WriteTransaction::~WriteTransaction() {
    repo_.in_write_transaction_ = false;
    repo_.clock_.reset();
    repo_.bulk_.reset(); // a rollback takes the dropped indexes back
    // Rows of a transaction rolled back go with it (after a commit: none).
    repo_.pending_search_.clear();
    repo_.pending_terms_.clear();
    repo_.defer_search_ = false;
}

void Repository::WriteTransaction::commit() {
    repo_.end_bulk_load();
    repo_.store_clock();
    repo_.index_deferred_search();
    tx_.commit();
    repo_.return_to_wal();
}

// Every statement that writes to an FTS5 table, or that follows such a write
// in the same transaction and may abort, opens a savepoint, and FTS5 flushes
// its pending index data at each one: a bulk change wrote one tiny index
// segment per ticket and spent its time merging them. Deferred, the rows
// wait in memory and go in kSearchBatch at a time, one statement each
// (store/search_rows.hpp), and the rest at commit. In batches rather than
// all at the commit: the memory stays small, and an import's indexing
// runs while the parsing thread works ahead.
void Repository::defer_search_index() {
    // Registered here, not with every connection: most commands never defer.
    if (!search_rows_registered_) register_search_rows(db_.getHandle());
    search_rows_registered_ = true;
    defer_search_ = true;
}

void Repository::index_search_batch() {
    if (!pending_search_.empty()) insert_search_rows(db_.getHandle(), pending_search_);
    pending_search_.clear();
    add_pending_terms();
}

namespace {

bool holds_events(SQLite::Database& db) {
    return db.execAndGet("SELECT EXISTS (SELECT 1 FROM events) OR EXISTS (SELECT 1 FROM tickets)")
        .getInt();
}

// journal_mode = DELETE or WAL, only if no other connection is in the way:
// never waits, and false when it could not.
bool try_journal_mode(SQLite::Database& db, const char* mode) {
    sqlite3_busy_timeout(db.getHandle(), 0);
    bool done = false;
    try {
        done = db.execAndGet(fmt::format("PRAGMA journal_mode = {}", mode)).getString() == mode;
    } catch (const SQLite::Exception&) {
    }
    sqlite3_busy_timeout(db.getHandle(), kBusyTimeoutMs);
    return done;
}

} // namespace

bool Repository::prepare_bulk_load() {
    if (holds_events(db_)) return false;
    bulk_requested_ = true;
    // Leaving WAL mode must delete the WAL file: while one exists, the next
    // transaction opens it and goes straight back into WAL mode, and the
    // load wrote every page twice (into the WAL, then at the checkpoint),
    // with each page it read back looked up in the WAL's index.
    keep_wal_file(db_, false);
    if (!try_journal_mode(db_, "delete")) keep_wal_file(db_, true);
    // A bulk load reads back every page it wrote (index builds): through the
    // map they would all count as the process's memory.
    db_.exec("PRAGMA mmap_size = 0");
    return true;
}

void Repository::return_to_wal() {
    if (db_.execAndGet("PRAGMA journal_mode").getString() == "wal") return;
    if (try_journal_mode(db_, "wal")) keep_wal_file(db_, true);
}

// Inside the write transaction: another process may have written between
// prepare_bulk_load() and the BEGIN.
void Repository::start_bulk_load() {
    bulk_requested_ = false;
    if (holds_events(db_)) return;
    drop_bulk_load_indexes(db_);
    // The full-text index grows by merging its segments, by default four
    // of a level at a time, so that a bulk load rewrote each posting three
    // or four times: eight at a time cost the writing thread 0.85 of the
    // time (index of 100,000 tickets) and searches took as long as before.
    // Kept in the store's full-text settings, for later writes too; with
    // 4 MiB (not 1 MiB) of postings gathered in memory before each write.
    db_.exec("INSERT INTO search (search, rank) VALUES ('automerge', 8); "
             "INSERT INTO search (search, rank) VALUES ('hashsize', 4194304)");
    bulk_ = std::make_unique<BulkLoad>();
}

void Repository::end_bulk_load() {
    if (!bulk_) return;
    // Every term of the loaded tickets, from the index's own list: cheaper
    // than collecting them ticket by ticket (see materialise()).
    index_search_batch();
    db_.exec("INSERT OR IGNORE INTO search_terms (term) SELECT term FROM search_vocabulary");
    std::vector<std::string> refolds = std::move(bulk_->refolds);
    bulk_.reset();
    // Building an index sorts runs of keys in memory, each as large as the
    // page cache, then merges them. Runs of 4 MiB fit the processor's
    // caches (measured with 16 KiB pages): the index of 600,000
    // events was built in 0.37 s instead of 0.49 s with 16 MiB runs and 1.1 s
    // with 48 MiB ones, and the import's peak memory went from 82 to 69 MB.
    db_.exec(fmt::format("PRAGMA cache_size = -{}", kIndexBuildCacheKiB));
    create_log_indexes(db_);
    db_.exec(fmt::format("PRAGMA cache_size = -{}", kCacheKiB));
    std::sort(refolds.begin(), refolds.end());
    refolds.erase(std::unique(refolds.begin(), refolds.end()), refolds.end());
    for (const auto& id : refolds) refold(id);
}

void Repository::index_deferred_search() {
    if (!defer_search_) return;
    index_search_batch();
    defer_search_ = false;
}

// Keeps the local clock ahead of every event seen, as Lamport clocks do.
// Stored once per transaction, not per event: an import appends 600,000.
void Repository::store_clock() {
    if (seen_lamport_ == 0) return;
    SQLite::Statement& clock =
        statements_.get("UPDATE meta SET value = max(value, ?) WHERE key = 'lamport'");
    clock.bind(1, seen_lamport_);
    clock.exec();
    clock.reset();
    seen_lamport_ = 0;
}

std::int64_t Repository::next_lamport() {
    if (in_write_transaction_) {
        if (!clock_) clock_ = lamport_clock();
        clock_ = std::max(*clock_, seen_lamport_) + 1;
        seen_lamport_ = *clock_;
        return *clock_;
    }
    SQLite::Statement& st = statements_.get(
        "UPDATE meta SET value = max(value, ?) + 1 WHERE key = 'lamport' RETURNING value");
    st.bind(1, seen_lamport_);
    st.executeStep();
    std::int64_t value = st.getColumn(0).getInt64();
    st.reset();
    return value;
}

std::int64_t Repository::lamport_clock() {
    SQLite::Statement& st = statements_.get("SELECT value FROM meta WHERE key = 'lamport'");
    std::int64_t stored = st.executeStep() ? st.getColumn(0).getInt64() : 0;
    st.reset();
    return std::max(stored, seen_lamport_);
}

bool Repository::append(const Event& e) {
    // A bulk load appends without indexes until an id may repeat; after
    // that, and outside bulk loads, a repeat is looked for among the events
    // of the same ticket (an event's id is the hash of its content, ticket
    // included).
    if (bulk_ && !bulk_->events.insert(e.id)) end_bulk_load();
    std::string ticket = e.ticket_id();
    if (!bulk_ && has_event(ticket, e.id)) return false;
    SQLite::Statement& insert =
        statements_.get("INSERT INTO events (id, ticket, type, author, time, lamport, body) "
                        "VALUES (?, ?, ?, ?, ?, ?, ?)");
    std::string computed; // the body is usually cached by seal() / event_from_json()
    const std::string& body =
        e.canonical.empty() ? (computed = canonical_serialisation(e)) : e.canonical;
    // The strings outlive the statement's execution: SQLite need not copy them.
    insert.bindNoCopy(1, e.id);
    insert.bindNoCopy(2, ticket);
    insert.bindNoCopy(3, e.type);
    insert.bindNoCopy(4, e.author);
    insert.bind(5, static_cast<std::int64_t>(e.time));
    insert.bind(6, e.lamport);
    insert.bindNoCopy(7, body);
    insert.exec();
    insert.reset();
    seen_lamport_ = std::max(seen_lamport_, e.lamport);
    return true;
}

bool Repository::has_event(const std::string& ticket_id, const std::string& event_id) {
    end_bulk_load();
    static const std::string sql =
        fmt::format("SELECT 1 FROM events WHERE {} AND id = ?2", kOfTicket);
    SQLite::Statement& st = statements_.get(sql.c_str());
    st.bind(1, ticket_id);
    st.bind(2, event_id);
    bool found = st.executeStep();
    st.reset();
    return found;
}

std::vector<Event> Repository::events_of(const std::string& ticket_id, EventCheck check) {
    end_bulk_load();
    static const std::string sql = fmt::format("SELECT id, body FROM events WHERE {}", kOfTicket);
    SQLite::Statement& st = statements_.get(sql.c_str());
    st.bind(1, ticket_id);
    std::vector<Event> events;
    while (st.executeStep()) {
        Event e = event_from_stored(st.getColumn(0).getString(), st.getColumn(1).getString());
        if (check == EventCheck::hash && seal(e).id != e.id)
            throw Failure(kDataErr, fmt::format("event {}: id does not match its content",
                                                e.id.substr(0, kShortIdLength)));
        events.push_back(std::move(e));
    }
    return events;
}

void Repository::refold_when_indexed(const std::string& ticket_id) {
    if (bulk_ && has_ticket(ticket_id))
        bulk_->refolds.push_back(ticket_id);
    else
        refold(ticket_id); // ends a bulk load: it reads the ticket's events
}

Ticket Repository::folded(const std::string& ticket_id) {
    return fold(events_of(ticket_id), verdicts_of(ticket_id));
}

Verdicts Repository::verdicts_of(const std::string& ticket_id) {
    Verdicts out;
    SQLite::Statement& st = statements_.get("SELECT event, reason FROM verdicts WHERE ticket = ?");
    st.bind(1, ticket_id);
    while (st.executeStep()) out.emplace(st.getColumn(0).getString(), st.getColumn(1).getString());
    st.reset();
    return out;
}

void Repository::record_verdict(const std::string& event_id, const std::string& ticket_id,
                                const std::string& reason) {
    SQLite::Statement& st =
        statements_.get("INSERT OR IGNORE INTO verdicts (event, ticket, reason) VALUES (?, ?, ?)");
    st.bind(1, event_id);
    st.bind(2, ticket_id);
    st.bind(3, reason);
    st.exec();
    st.reset();
}

Ticket Repository::refold(const std::string& ticket_id) {
    Ticket t = folded(ticket_id);
    if (t.id.empty())
        throw Failure(kDataErr, fmt::format("ticket {}: no create event in the log",
                                            ticket_id.substr(0, kShortIdLength)));
    materialise(t);
    return t;
}

void Repository::drop_events(const std::string& ticket_id,
                             const std::vector<std::string>& event_ids) {
    bool whole = std::find(event_ids.begin(), event_ids.end(), ticket_id) != event_ids.end();
    if (!whole) {
        SQLite::Statement drop(db_,
                               fmt::format("DELETE FROM events WHERE {} AND id = ?2", kOfTicket));
        SQLite::Statement verdict(db_, "DELETE FROM verdicts WHERE event = ?");
        for (const auto& id : event_ids) {
            drop.bind(1, ticket_id);
            drop.bind(2, id);
            drop.exec();
            drop.reset();
            verdict.bind(1, id);
            verdict.exec();
            verdict.reset();
        }
        refold(ticket_id);
        return;
    }
    SQLite::Statement row(db_, "SELECT rowid FROM tickets WHERE id = ?");
    row.bind(1, ticket_id);
    if (row.executeStep()) {
        std::int64_t rowid = row.getColumn(0).getInt64();
        for (const char* table : {"search", "ticket_docs", "ticket_sla", "tickets"}) {
            SQLite::Statement st(db_, fmt::format("DELETE FROM {} WHERE rowid = ?", table));
            st.bind(1, rowid);
            st.exec();
        }
        SQLite::Statement cc(db_, "DELETE FROM ticket_cc WHERE ticket = ?");
        cc.bind(1, rowid);
        cc.exec();
    }
    SQLite::Statement events(db_, fmt::format("DELETE FROM events WHERE {}", kOfTicket));
    events.bind(1, ticket_id);
    events.exec();
    SQLite::Statement verdicts(db_, "DELETE FROM verdicts WHERE ticket = ?");
    verdicts.bind(1, ticket_id);
    verdicts.exec();
}

const WorkCalendar& Repository::work_calendar() const {
    std::call_once(calendar_once_, [this] {
        calendar_ = std::make_unique<WorkCalendar>(configured_work_calendar(Config::load(dir_)));
    });
    return *calendar_;
}

const WorkCalendar* Repository::sla_calendar_for(const Ticket& t) const {
    return t.sla ? &work_calendar() : nullptr;
}

void Repository::write_sla_row(std::int64_t rowid, const std::optional<MaterialisedRow::Sla>& sla,
                               bool fresh) {
    if (!fresh) {
        SQLite::Statement& drop = statements_.get("DELETE FROM ticket_sla WHERE rowid = ?");
        drop.bind(1, rowid);
        drop.exec();
        drop.reset();
    }
    if (!sla) return;
    // The calendar the rows are counted in, named once by the first writer:
    // refresh_sla then finds nothing to do in a store filled by an import.
    // A writer counting in another calendar than the one named (another
    // user's config, a server started before a change) makes the rows
    // mixed: named so, refresh_sla recounts them all.
    if (!sla_calendar_named_) {
        std::string mine = work_calendar().fingerprint();
        SQLite::Statement stored(db_, "SELECT value FROM meta WHERE key = 'sla_calendar'");
        std::optional<std::string> named;
        if (stored.executeStep()) named = stored.getColumn(0).getString();
        stored.reset();
        if (!named || *named != mine) {
            SQLite::Statement name(db_, "INSERT OR REPLACE INTO meta (key, value) VALUES "
                                        "('sla_calendar', ?)");
            name.bind(1, named ? std::string("mixed") : mine);
            name.exec();
        }
        sla_calendar_named_ = true;
    }
    SQLite::Statement& write = statements_.get(
        "INSERT INTO ticket_sla (rowid, policy, due, breached) VALUES (?, ?, ?, ?)");
    write.bind(1, rowid);
    write.bind(2, sla->policy);
    if (sla->due)
        write.bind(3, *sla->due);
    else
        write.bind(3);
    write.bind(4, sla->breached ? 1 : 0);
    write.exec();
    write.reset();
}

void Repository::refresh_sla() {
    if (sqlite3_db_readonly(db_.getHandle(), "main") == 1) return; // counted where it was written
    std::string fingerprint = work_calendar().fingerprint();
    SQLite::Statement stored(db_, "SELECT value FROM meta WHERE key = 'sla_calendar'");
    if (stored.executeStep() && stored.getColumn(0).getString() == fingerprint) return;
    stored.reset();
    std::optional<WriteTransaction> tx;
    if (!in_write_transaction_) tx.emplace(*this);
    std::vector<std::string> ids;
    {
        SQLite::Statement st(db_, "SELECT t.id FROM ticket_sla s JOIN tickets t USING (rowid)");
        while (st.executeStep()) ids.push_back(st.getColumn(0).getString());
    }
    for (const auto& id : ids) refold(id);
    SQLite::Statement write(db_,
                            "INSERT OR REPLACE INTO meta (key, value) VALUES ('sla_calendar', ?)");
    write.bind(1, fingerprint);
    write.exec();
    if (tx) tx->commit();
}

void Repository::materialise(const Ticket& t, bool fresh) {
    materialise(materialised_row(t, sla_calendar_for(t)), fresh);
}

void Repository::materialise(const MaterialisedRow& row, bool fresh) {
    // A fresh ticket gets a plain INSERT: an upsert makes SQLite keep a
    // statement journal of every page it touches, in case it must undo
    // half of it, which cost an import a tenth of its time.
    // The ticket and its row outlive each statement's execution: the text
    // is bound without SQLite copying it first (every statement binds all
    // of its parameters each time, so none is left pointing at old text).
    SQLite::Statement& write =
        statements_.get(fresh ? insert_ticket_sql().c_str() : upsert_ticket_sql().c_str());
    for (size_t i = 0; i < row.columns.size(); ++i) {
        const auto& value = row.columns[i];
        if (std::holds_alternative<std::monostate>(value))
            write.bind(static_cast<int>(i + 1));
        else if (std::holds_alternative<std::int64_t>(value))
            write.bind(static_cast<int>(i + 1), std::get<std::int64_t>(value));
        else
            write.bindNoCopy(static_cast<int>(i + 1), std::get<std::string>(value));
    }
    std::int64_t rowid = 0;
    if (fresh) {
        write.exec();
        rowid = db_.getLastInsertRowid();
    } else {
        write.executeStep();
        rowid = write.getColumn(0).getInt64();
    }
    write.reset();
    SQLite::Statement& write_doc =
        statements_.get(fresh ? "INSERT INTO ticket_docs (rowid, doc) VALUES (?, ?)"
                              : "INSERT OR REPLACE INTO ticket_docs (rowid, doc) VALUES (?, ?)");
    write_doc.bind(1, rowid);
    write_doc.bindNoCopy(2, row.doc);
    write_doc.exec();
    write_doc.reset();
    write_sla_row(rowid, row.sla, fresh);
    if (!fresh) {
        SQLite::Statement& drop_cc = statements_.get("DELETE FROM ticket_cc WHERE ticket = ?");
        drop_cc.bind(1, rowid);
        drop_cc.exec();
        drop_cc.reset();
    }
    for (const auto& address : row.cc) {
        SQLite::Statement& add_cc =
            statements_.get("INSERT OR IGNORE INTO ticket_cc (address, ticket) VALUES (?, ?)");
        add_cc.bind(1, to_lower_ascii(address));
        add_cc.bind(2, rowid);
        add_cc.exec();
        add_cc.reset();
    }

    // A row still waiting for its batch is not in the index: replaced
    // there, not deleted (a delete, like any write to the index, makes
    // every later statement of the transaction flush the index's pending data).
    if (!fresh && !pending_search_.count(rowid)) {
        SQLite::Statement& drop_search = statements_.get("DELETE FROM search WHERE rowid = ?");
        drop_search.bind(1, rowid);
        drop_search.exec();
    }
    // A bulk load takes the terms from the index once, at its end.
    if (!bulk_)
        for (const std::string* text : {&row.search_subject, &row.search_description,
                                        &row.search_comments, &row.search_notes})
            for (auto term : search_terms(*text)) pending_terms_.emplace(term);
    if (defer_search_) {
        // A ticket changed twice before its batch went in: the later text wins.
        pending_search_[rowid] = SearchRow{row.search_subject, row.search_description,
                                           row.search_comments, row.search_notes};
        if (pending_search_.size() >= kSearchBatch) index_search_batch();
        return;
    }
    SQLite::Statement& add_search = statements_.get(
        "INSERT INTO search (rowid, subject, description, comments, notes) VALUES (?, ?, ?, ?, ?)");
    add_search.bind(1, rowid);
    add_search.bindNoCopy(2, row.search_subject);
    add_search.bindNoCopy(3, row.search_description);
    add_search.bindNoCopy(4, row.search_comments);
    add_search.bindNoCopy(5, row.search_notes);
    add_search.exec();
    add_search.reset();
    add_pending_terms();
}

// The terms go in as one JSON array, one statement: search_terms' trigger
// adds each new one to the trigram index, which flushes once.
void Repository::add_pending_terms() {
    if (pending_terms_.empty()) return;
    std::string array = "[";
    for (const auto& term : pending_terms_) {
        if (array.size() > 1) array += ',';
        // A term has no quote, backslash or control character (they fold
        // to blanks), so it needs no escaping.
        array += '"';
        array += term;
        array += '"';
    }
    array += ']';
    pending_terms_.clear();
    SQLite::Statement& add =
        statements_.get("INSERT OR IGNORE INTO search_terms (term) SELECT value FROM json_each(?)");
    add.bindNoCopy(1, array);
    add.exec();
    add.reset();
}

std::string Repository::resolve(std::string_view text) {
    end_bulk_load();
    std::string prefix = normalise_id_prefix(text);
    SQLite::Statement& st =
        statements_.get("SELECT id, subject FROM tickets WHERE id >= ? AND id < ? ORDER BY id "
                        "LIMIT 10");
    st.bind(1, prefix);
    st.bind(2, prefix + "g"); // 'g' sorts after every hex digit
    std::vector<IdCandidate> candidates;
    while (st.executeStep())
        candidates.push_back({st.getColumn(0).getString(), st.getColumn(1).getString()});
    return choose_unique(prefix, candidates);
}

bool Repository::has_ticket(const std::string& id) {
    // A bulk load started on an empty store: a ticket's row follows its
    // create event, whose id is the ticket's.
    if (bulk_ && !bulk_->events.maybe_contains(id)) return false;
    SQLite::Statement& st = statements_.get("SELECT 1 FROM tickets WHERE id = ?");
    st.bind(1, id);
    bool found = st.executeStep();
    st.reset();
    return found;
}

namespace {

Failure ticket_not_found(const std::string& id) {
    return Failure(kNotFound, fmt::format("ticket {}: not found", id.substr(0, kShortIdLength)));
}

} // namespace

Json Repository::ticket_json(const std::string& id) {
    end_bulk_load();
    SQLite::Statement& st = statements_.get(
        "SELECT doc FROM ticket_docs WHERE rowid = (SELECT rowid FROM tickets WHERE id = ?)");
    st.bind(1, id);
    if (!st.executeStep()) throw ticket_not_found(id);
    Json doc = parse_json(st.getColumn(0).getString());
    st.reset();
    return doc;
}

// The correspondence is not materialised (see ticket_docs in schema.cpp):
// the ticket is folded from its events, a few rows found by their ticket.
Json Repository::ticket_json_with_comments(const std::string& id) {
    Ticket t = folded(id);
    if (t.id != id) throw ticket_not_found(id);
    return ticket_to_json(t, true);
}

std::vector<std::string> Repository::all_ticket_ids() {
    end_bulk_load();
    std::vector<std::string> ids;
    SQLite::Statement st(db_, "SELECT DISTINCT ticket FROM events ORDER BY ticket");
    while (st.executeStep()) ids.push_back(st.getColumn(0).getString());
    return ids;
}

std::int64_t Repository::count_events() {
    return db_.execAndGet("SELECT count(*) FROM events").getInt64();
}

} // namespace tickets
