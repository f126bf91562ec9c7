#pragma once
// The local repository: a `.tickets/` directory holding tickets.db (SQLite,
// WAL), config.toml, objects/ (attachment blobs) and hooks/.
//
// The events table is the truth; the tickets, their documents (with the
// comments) and the FTS5 index are materialised from it in the same
// transaction that appends the events.
#include "core/event.hpp"
#include "core/filter.hpp"
#include "core/fold.hpp"
#include "core/id_filter.hpp"
#include "core/ticket.hpp"
#include "store/materialised_row.hpp"
#include "store/search_rows.hpp"
#include "store/statement_cache.hpp"

#include <SQLiteCpp/SQLiteCpp.h>
#include <filesystem>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_set>
#include <vector>

namespace tickets {

// Tickets that may concern one person (the web pages' lists): requested by,
// CC'd to or assigned to one of `addresses`, requested from one of
// `domains`, or public tickets of a property when `public_properties`. A
// superset of what they may see, which the caller narrows ticket by ticket
// (sync/visibility.hpp); lists of several of them are joined by OR.
struct ListScope {
    std::vector<std::string> requesters, cc, assignees, domains;
    bool public_properties = false;
};

struct ListOptions {
    std::string sort = "updated"; // created, updated, priority, status, subject, id
    bool reverse = false;         // flips the sort's natural direction
    long limit = -1;              // -1: no limit
    bool include_deleted = false;
    std::optional<ListScope> scope = std::nullopt;
    // Words are not looked for in internal notes (the index's column
    // `notes`), by which no customer's search may find a ticket.
    bool public_text = false;
};

class Repository {
  public:
    // Opens an existing store; throws Failure(kNotFound) when `dir` holds none.
    static std::unique_ptr<Repository> open(const std::filesystem::path& dir);
    // Creates the directory layout and the schema (idempotent).
    static std::unique_ptr<Repository> create(const std::filesystem::path& dir);
    ~Repository();
    Repository(const Repository&) = delete;
    Repository& operator=(const Repository&) = delete;

    const std::filesystem::path& dir() const { return dir_; }
    SQLite::Database& db() { return db_; }

    // One write transaction per command: BEGIN IMMEDIATE takes the write lock
    // up front, so two writers queue on the busy timeout instead of failing
    // halfway through.
    class WriteTransaction {
      public:
        explicit WriteTransaction(Repository& repo);
        ~WriteTransaction(); // rolls back unless committed
        void commit();

      private:
        Repository& repo_;
        SQLite::Transaction tx_;
    };

    // The next Lamport clock value for a locally created event (inside a
    // write transaction). Advances the stored clock.
    std::int64_t next_lamport();
    // The highest Lamport clock value this store has seen or given out.
    std::int64_t lamport_clock();
    // An event kept elsewhere than the log (a knowledge-base version) moves
    // the clock too; stored at the commit.
    void observe_lamport(std::int64_t lamport) { seen_lamport_ = std::max(seen_lamport_, lamport); }
    // Appends an event; false when the log already holds it (idempotent).
    bool append(const Event& e);
    // Whether the log holds this event of this ticket. Events are found
    // through their ticket: an id is unique within it (see schema.cpp).
    bool has_event(const std::string& ticket_id, const std::string& event_id);
    // A ticket's events as stored. Their hashes were checked on the way in;
    // EventCheck::hash checks them again (fsck).
    enum class EventCheck { none, hash };
    std::vector<Event> events_of(const std::string& ticket_id, EventCheck check = EventCheck::none);
    // The ticket folded from its events and verdicts (empty id when it has
    // no create event).
    Ticket folded(const std::string& ticket_id);
    // The verdicts of one ticket's events (core/fold.hpp), and a new one.
    Verdicts verdicts_of(const std::string& ticket_id);
    void record_verdict(const std::string& event_id, const std::string& ticket_id,
                        const std::string& reason);
    // Re-folds a ticket from its events and rewrites its materialised rows.
    Ticket refold(const std::string& ticket_id);
    // Removes events that never became anyone else's (a server refused
    // them) from the log, and refolds their ticket; dropping a ticket's
    // create removes the ticket with all its events and rows. Inside a
    // write transaction. The one exception to an append-only log.
    void drop_events(const std::string& ticket_id, const std::vector<std::string>& event_ids);
    // The same, left to the end of a bulk load when one is under way and
    // the ticket was written during it (its events may arrive in pieces).
    void refold_when_indexed(const std::string& ticket_id);
    // Writes the materialised rows of a folded ticket. `fresh`: the ticket
    // has no rows yet (import), so there is nothing to delete first.
    void materialise(const Ticket& t, bool fresh = false);
    // The same with the row already computed (materialised_row(t)).
    void materialise(const MaterialisedRow& row, bool fresh);
    // The working calendar of the SLA rows (the store's config, read on
    // first use by any thread), for a ticket with SLA targets; nullptr for
    // one without. Throws Failure(kConfig) on a bad [calendar].
    const WorkCalendar* sla_calendar_for(const Ticket& t) const;
    const WorkCalendar& work_calendar() const;
    // Counts the SLA rows again when the working calendar they were counted
    // in (meta 'sla_calendar') is not the config's any more: after a change
    // of business hours, holidays or time zone. Commands that read the rows
    // call it first; it writes only then (in its own write transaction
    // unless one is open).
    void refresh_sla();
    // For bulk changes (import, pull): materialise() leaves the full-text
    // index to statements that each fill it for a batch of tickets, the
    // last at the commit of the current WriteTransaction.
    void defer_search_index();
    // A prepared statement kept for the connection's life (see
    // StatementCache::get; `sql` must be a string literal). For the
    // queries a bulk change asks once per ticket.
    SQLite::Statement& statement(const char* sql) { return statements_.get(sql); }
    // Writes the deferred rows now, and stops deferring (a commit does too).
    void index_deferred_search();
    // Bulk loading (import into an empty store). Call it before opening the
    // WriteTransaction; when the store holds no events, that transaction
    // drops the index of the events by ticket (see schema.cpp) and builds
    // it at its commit in one sort instead of a random insert per row.
    // Meanwhile an in-memory filter of the appended event ids stands in for
    // the look for repeats: an id it may have seen, or any lookup that needs
    // that index, builds it there and then, and the load goes on as usual.
    // Tickets whose events come in several pieces are folded again at the end.
    // If no other process has the store open, the transaction also writes
    // through a rollback journal instead of the WAL: the new pages go into
    // the database once, where the WAL took them and copied them again at
    // the checkpoint. Returns whether the store was empty.
    bool prepare_bulk_load();
    // During a bulk load: loads what append(e) and has_ticket(id) will look
    // at into the cache ahead of the call (see IdFilter::prefetch).
    void prefetch_bulk_id(const std::string& id) const {
        if (bulk_) bulk_->events.prefetch(id);
    }
    // Builds the indexes (nothing when no bulk load is under way).
    void end_bulk_load();

    // Unique-prefix resolution (see core/ids.hpp for the errors).
    std::string resolve(std::string_view prefix);
    bool has_ticket(const std::string& id);

    std::vector<std::string> list_ids(const Filter& f, const ListOptions& opts);
    // The same selection as materialised JSON (without comments), in one
    // query, handed over one ticket at a time: memory stays flat however
    // many match. `keys`: only these keys of each document (all when empty).
    void each_ticket(const Filter& f, const ListOptions& opts, const std::vector<std::string>& keys,
                     const std::function<void(const Json&)>& ticket);
    // The materialised JSON of a ticket, without comments.
    Json ticket_json(const std::string& id);
    // ticket_json with "comments" and "skipped_events", as `show --json` prints.
    Json ticket_json_with_comments(const std::string& id);

    std::vector<std::string> all_ticket_ids();
    std::int64_t count_events();

  private:
    // `file`: what SQLite opens, the database's path unless a URI is needed.
    Repository(std::filesystem::path dir, int flags, const std::string& file = "");
    // Runs the filter's query selecting `select`, calling `row` per ticket.
    void list_rows(const Filter& f, const ListOptions& opts, const std::string& select,
                   const std::function<void(SQLite::Statement&)>& row);
    void configure_connection();
    void write_sla_row(std::int64_t rowid, const std::optional<MaterialisedRow::Sla>& sla,
                       bool fresh);
    bool walk_in_list_order(const std::string& match, std::int64_t limit);
    void store_clock();
    void index_search_batch();
    void add_pending_terms();
    void start_bulk_load();
    // Back to the WAL after a bulk load, or after one that was cut off.
    void return_to_wal();

    std::filesystem::path dir_;
    SQLite::Database db_;
    StatementCache statements_{db_}; // declared after db_: destroyed before it
    std::int64_t seen_lamport_ = 0;  // highest clock appended since the last store_clock()
    // Inside a WriteTransaction the clock is read once and counted here
    // (no other writer can move it); store_clock() writes it at the commit.
    bool in_write_transaction_ = false;
    std::optional<std::int64_t> clock_;
    bool defer_search_ = false;           // see defer_search_index()
    SearchRows pending_search_;           // the next batch for the full-text index
    bool search_rows_registered_ = false; // search_rows() known to the connection
    // Terms of the tickets written, for search_terms (see add_pending_terms()).
    std::unordered_set<std::string> pending_terms_;
    bool bulk_requested_ = false; // prepare_bulk_load() found the store empty
    // What a bulk load keeps in memory in place of the indexes it dropped.
    struct BulkLoad {
        IdFilter events; // every event appended
        // tickets written and then given more events: folded again once indexed
        std::vector<std::string> refolds;
    };
    std::unique_ptr<BulkLoad> bulk_;
    mutable std::once_flag calendar_once_;
    mutable std::unique_ptr<WorkCalendar> calendar_;
    bool sla_calendar_named_ = false; // meta 'sla_calendar' written (see write_sla_row)
};

} // namespace tickets
