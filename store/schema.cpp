#include "store/schema.hpp"

#include "core/error.hpp"
#include "store/materialised_row.hpp"

#include <fmt/format.h>

namespace tickets {

namespace {

const char* kLogTables = R"sql(
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value INTEGER NOT NULL);
INSERT OR IGNORE INTO meta VALUES ('lamport', 0);

-- The append-only log: the truth. body is the canonical serialisation.
CREATE TABLE IF NOT EXISTS events (
  seq     INTEGER PRIMARY KEY,
  id      TEXT NOT NULL,
  ticket  TEXT NOT NULL,
  type    TEXT NOT NULL,
  author  TEXT NOT NULL,
  time    INTEGER NOT NULL,
  lamport INTEGER NOT NULL,
  body    TEXT NOT NULL
);

-- Materialised state: one row per ticket, rebuilt from its events.
CREATE TABLE IF NOT EXISTS tickets (
  rowid         INTEGER PRIMARY KEY,
  id            TEXT NOT NULL,
  subject       TEXT NOT NULL,
  status        TEXT NOT NULL,
  type          TEXT NOT NULL,
  priority      TEXT NOT NULL,
  priority_rank INTEGER NOT NULL,
  requester     TEXT NOT NULL,
  organisation  TEXT NOT NULL,
  assignee      TEXT NOT NULL,
  product       TEXT NOT NULL,
  topic         TEXT NOT NULL,
  category      TEXT NOT NULL,
  property      TEXT NOT NULL,
  cc            TEXT NOT NULL,
  tags          TEXT NOT NULL,
  deleted       INTEGER NOT NULL,
  created       INTEGER NOT NULL,
  updated       INTEGER NOT NULL,
  -- NULL when the ticket has none (version 14)
  due           INTEGER,
  solved        INTEGER,
  closed        INTEGER,
  -- for reports (version 16): the first answer (NULL: none yet), counts of
  -- escalations and reminders, the rating (good, bad or '')
  answered      INTEGER,
  escalations   INTEGER NOT NULL DEFAULT 0,
  reminders     INTEGER NOT NULL DEFAULT 0,
  rating        TEXT NOT NULL DEFAULT ''
);

-- The folded ticket as JSON without its correspondence (list --json);
-- rowid = tickets.rowid. Apart from the row, so that the rows stay narrow:
-- a listing or an index build reads a fifth of the pages it read with the
-- ~1.2 KB document inline. The correspondence is not materialised: every
-- comment is in the log already, and the two commands that show it (show,
-- export) fold the ticket's few events. The copy (schemas 8 and 9) was a
-- seventh of the bytes an import wrote.
CREATE TABLE IF NOT EXISTS ticket_docs (
  rowid INTEGER PRIMARY KEY,
  doc   TEXT NOT NULL
);

-- The SLA clocks of the tickets that have targets (version 16; rowid =
-- tickets.rowid): the earliest deadline of a running clock, and whether a
-- clock that no longer runs went over its target. A ticket's clocks are
-- breached at a time T when breached = 1 or due < T. The deadlines are
-- counted in the working calendar; meta 'sla_calendar' names the one they
-- were counted in (Repository::refresh_sla).
CREATE TABLE IF NOT EXISTS ticket_sla (
  rowid    INTEGER PRIMARY KEY,
  policy   TEXT NOT NULL,
  due      INTEGER,
  breached INTEGER NOT NULL
);
)sql";

// Every index of the log and the materialised tables, uniqueness included,
// is declared here and not in the tables, so that a bulk load into an
// empty store can drop them and build each once at the end (sorting its
// keys) instead of inserting into it row by row: the events' index holds
// random hash ids, and the tickets' indexes cost the loading thread, the
// busier of an import's two, an eighth of its time (import 0.96 of the
// time side by side). The unique index of the ticket ids stays: a bulk
// load looks tickets up by id.
// Events have no index of their ids (one was a sixth of an import's time):
// Repository::append looks for a repeat among the events of its ticket,
// which an event's id, the hash of its content, includes.
struct Index {
    const char* name;
    const char* on;
    bool unique;
    bool built_after_bulk_load;
};
const Index kIndexes[] = {
    // On the first 16 hex digits of the ticket id (64 bits), not all 64: a
    // third of the size, and built at the end of a bulk load in 0.7 of the
    // time. Queries name the expression: see kOfTicket in repository.cpp.
    {"events_by_ticket", "events(substr(ticket, 1, 16))", false, true},
    {"tickets_by_id", "tickets(id)", true, false},
    // Covering the default listing order, so that a LIMIT stops early
    // instead of reading and sorting every match.
    {"tickets_by_status", "tickets(status, deleted, updated, id)", false, true},
    {"tickets_by_updated", "tickets(deleted, updated, id)", false, true},
    {"tickets_by_created", "tickets(created)", false, true},
    {"tickets_by_requester", "tickets(requester)", false, true},
    {"tickets_by_assignee", "tickets(assignee)", false, true},
    {"tickets_by_org", "tickets(organisation)", false, true},
    {"sla_by_due", "ticket_sla(due)", false, true},
};

const char* kOtherTables = R"sql(
-- The SLA messages the sweep sent (core/sla_notify.hpp): one per ticket,
-- clock, next-reply cycle and stage, so that each goes once.
CREATE TABLE IF NOT EXISTS sla_notices (
  ticket TEXT NOT NULL,
  clock  TEXT NOT NULL,
  cycle  INTEGER NOT NULL,
  stage  TEXT NOT NULL,
  sent   INTEGER NOT NULL,
  PRIMARY KEY (ticket, clock, cycle, stage)
) WITHOUT ROWID;
-- Server side: people, organisations and access tokens (stored hashed).
CREATE TABLE IF NOT EXISTS users (
  email        TEXT PRIMARY KEY,
  role         TEXT NOT NULL,
  organisation TEXT NOT NULL,
  restricted   INTEGER NOT NULL DEFAULT 0
);
-- The properties a resident (tenant, owner, board) lives in, by name as
-- given; matched with core/names.hpp property_key().
CREATE TABLE IF NOT EXISTS user_properties (
  email    TEXT NOT NULL,
  property TEXT NOT NULL,
  PRIMARY KEY (email, property)
) WITHOUT ROWID;
-- Who stands behind the pseudonym of an anonymous ticket (core/pseudonym.hpp):
-- kept apart from the events, which only name the pseudonym.
CREATE TABLE IF NOT EXISTS pseudonyms (
  address TEXT PRIMARY KEY,
  email   TEXT NOT NULL
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS pseudonyms_by_email ON pseudonyms (email);
CREATE TABLE IF NOT EXISTS organisations (
  name   TEXT PRIMARY KEY,
  shared INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE IF NOT EXISTS organisation_domains (
  domain       TEXT PRIMARY KEY,
  organisation TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS tokens (
  hash    TEXT PRIMARY KEY,
  email   TEXT NOT NULL,
  created INTEGER NOT NULL,
  revoked INTEGER
);

-- Who is in CC of which ticket (version 18; ticket = tickets.rowid): the
-- web pages list a person's CC'd tickets by this index, where a scan of
-- the tickets' cc lists cost most of a list page.
CREATE TABLE IF NOT EXISTS ticket_cc (
  address TEXT NOT NULL,
  ticket  INTEGER NOT NULL,
  PRIMARY KEY (address, ticket)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS ticket_cc_by_ticket ON ticket_cc (ticket);

-- The web pages' sign-in (version 17, store/web_sessions.hpp): one-time
-- links mailed to a user, the requests for them (rate limits), and the
-- sessions they opened. Only SHA-256 hashes of links and sessions are kept.
CREATE TABLE IF NOT EXISTS web_links (
  hash    TEXT PRIMARY KEY,
  email   TEXT NOT NULL,
  created INTEGER NOT NULL,
  used    INTEGER
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS web_link_requests (
  at      INTEGER NOT NULL,
  client  TEXT NOT NULL,
  address TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS web_link_requests_by_at ON web_link_requests (at);
CREATE TABLE IF NOT EXISTS web_sessions (
  hash    TEXT PRIMARY KEY,
  email   TEXT NOT NULL,
  csrf    TEXT NOT NULL,
  created INTEGER NOT NULL,
  expires INTEGER NOT NULL
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS web_sessions_by_email ON web_sessions (email);

-- Knowledge-base articles (version 17, store/kb_store.hpp): their versions
-- as events (seq: the order of arrival, the server's cursor for pulls), the
-- newest of each article, its full text folded (rowid = kb_articles.rowid),
-- and per remote how far its versions were pulled and pushed.
CREATE TABLE IF NOT EXISTS kb_events (
  seq     INTEGER PRIMARY KEY,
  id      TEXT NOT NULL UNIQUE,
  article TEXT NOT NULL,
  body    TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS kb_events_by_article ON kb_events (article);
CREATE TABLE IF NOT EXISTS kb_articles (
  id       TEXT NOT NULL UNIQUE,
  title    TEXT NOT NULL,
  section  TEXT NOT NULL,
  product  TEXT NOT NULL,
  language TEXT NOT NULL,
  tags     TEXT NOT NULL,
  body     TEXT NOT NULL,
  author   TEXT NOT NULL,
  created  INTEGER NOT NULL,
  updated  INTEGER NOT NULL,
  removed  INTEGER NOT NULL,
  version  TEXT NOT NULL
);
CREATE VIRTUAL TABLE IF NOT EXISTS kb_search USING fts5(title, body, tokenize = 'ascii');
CREATE TABLE IF NOT EXISTS kb_remotes (
  remote     TEXT PRIMARY KEY,
  cursor     INTEGER NOT NULL DEFAULT 0,
  pushed_seq INTEGER NOT NULL DEFAULT 0
) WITHOUT ROWID;

-- Client side: remotes, the pull cursor (moved in the same transaction as
-- the events it covers), the events each remote is known to hold, and the
-- events a remote refused.
CREATE TABLE IF NOT EXISTS remotes (
  name      TEXT PRIMARY KEY,
  url       TEXT NOT NULL,
  token_env TEXT NOT NULL DEFAULT '',
  cursor    INTEGER NOT NULL DEFAULT 0,
  -- every event up to this seq is on the remote or was rejected by it
  pushed_seq INTEGER NOT NULL DEFAULT 0,
  -- what the server said about itself (GET /v1/info): its workflow, identity
  settings  TEXT NOT NULL DEFAULT '{}'
);
CREATE TABLE IF NOT EXISTS remote_events (
  remote TEXT NOT NULL,
  id     TEXT NOT NULL,
  PRIMARY KEY (remote, id)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS remote_rejections (
  remote TEXT NOT NULL,
  id     TEXT NOT NULL,
  reason TEXT NOT NULL,
  PRIMARY KEY (remote, id)
) WITHOUT ROWID;

-- Events the server skipped when they arrived (the workflow refused them
-- then, e.g. an escalation of a closed ticket): the fold skips them on every
-- replica and after every refold, whatever their place in the merged order.
-- Set by the server on push, learnt by clients with the events.
CREATE TABLE IF NOT EXISTS verdicts (
  event  TEXT PRIMARY KEY,
  ticket TEXT NOT NULL,
  reason TEXT NOT NULL
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS verdicts_by_ticket ON verdicts (ticket);

-- Mail intake: the Message-Ids already processed, and the create or
-- comment event each became (so a message delivered twice counts once).
CREATE TABLE IF NOT EXISTS mail_messages (
  message_id TEXT PRIMARY KEY,
  event      TEXT NOT NULL,
  ticket     TEXT NOT NULL,
  -- for the per-sender limit of mail intake
  sender     TEXT NOT NULL DEFAULT '',
  received   INTEGER NOT NULL DEFAULT 0
);

-- Mail notifications queued by a change, in its transaction; each row
-- stays until its file in .tickets/outbox/ is synced (store/outbox.hpp).
CREATE TABLE IF NOT EXISTS outbox (
  name    TEXT PRIMARY KEY,
  message TEXT NOT NULL
) WITHOUT ROWID;

-- Full text over subject, description, public comments and internal
-- notes (version 19: apart, so that searches of the web pages leave notes
-- out), folded (core/search_text.hpp); rowid = tickets.rowid. The folded
-- text has only blanks between its terms, which the "ascii" tokenizer
-- splits at.
CREATE VIRTUAL TABLE IF NOT EXISTS search USING fts5(
  subject, description, comments, notes, tokenize = 'ascii'
);
-- Every term the index has held, with a trigram index of them: a search
-- word is looked up there as a substring ("abrechnung" finds the term
-- "nebenkostenabrechnung"), then the full-text index for the terms found.
-- Terms only come (a term no longer in any ticket finds nothing).
CREATE TABLE IF NOT EXISTS search_terms (term TEXT PRIMARY KEY);
CREATE VIRTUAL TABLE IF NOT EXISTS search_term_trigrams USING fts5(
  term, content = 'search_terms', tokenize = 'trigram'
);
CREATE TRIGGER IF NOT EXISTS search_terms_indexed AFTER INSERT ON search_terms BEGIN
  INSERT INTO search_term_trigrams (rowid, term) VALUES (new.rowid, new.term);
END;
-- The full-text index's own list of its terms, read after a bulk load.
CREATE VIRTUAL TABLE IF NOT EXISTS search_vocabulary USING fts5vocab(search, 'row');
)sql";

bool has_column(SQLite::Database& db, const char* table, const char* column) {
    SQLite::Statement st(db, "SELECT 1 FROM pragma_table_info(?) WHERE name = ?");
    st.bind(1, table);
    st.bind(2, column);
    return st.executeStep();
}

// Version 14: the dates a filter and a sort may ask for, NULL where a ticket
// has none (filled by the refold that follows).
void add_date_columns(SQLite::Database& db, const char* table) {
    for (const char* column : {"due", "solved", "closed"})
        if (!has_column(db, table, column))
            db.exec(fmt::format("ALTER TABLE {} ADD COLUMN {} INTEGER", table, column));
}

// Version 16: what reports count; the refold fills them.
void add_report_columns(SQLite::Database& db, const char* table) {
    const std::pair<const char*, const char*> columns[] = {
        {"answered", "INTEGER"},
        {"escalations", "INTEGER NOT NULL DEFAULT 0"},
        {"reminders", "INTEGER NOT NULL DEFAULT 0"},
        {"rating", "TEXT NOT NULL DEFAULT ''"}};
    for (const auto& [column, type] : columns)
        if (!has_column(db, table, column))
            db.exec(fmt::format("ALTER TABLE {} ADD COLUMN {} {}", table, column, type));
}

// Before version 6 the ids' uniqueness was part of the events and tickets
// tables: both are rebuilt in the new shape with their rows (same rowids,
// so the full-text index still matches). The comments table of that time
// is left for drop_materialised_comments.
void rebuild_tables_for_named_indexes(SQLite::Database& db) {
    db.exec("ALTER TABLE events RENAME TO events_v5; ALTER TABLE tickets RENAME TO tickets_v5;");
    add_date_columns(db, "tickets_v5"); // kRowColumns has them; the refold fills them
    add_report_columns(db, "tickets_v5");
    db.exec(kLogTables);
    db.exec(fmt::format("INSERT INTO events SELECT * FROM events_v5 ORDER BY seq; "
                        "INSERT INTO tickets (rowid, {0}) SELECT rowid, {0} FROM tickets_v5 "
                        "ORDER BY rowid; "
                        "INSERT INTO ticket_docs (rowid, doc) SELECT rowid, doc FROM tickets_v5 "
                        "ORDER BY rowid; "
                        "DROP TABLE events_v5; DROP TABLE tickets_v5;",
                        kRowColumns));
}

// Before version 7 the document was the last column of the tickets table.
void move_documents_out_of_tickets(SQLite::Database& db) {
    db.exec(kLogTables);
    db.exec("INSERT INTO ticket_docs (rowid, doc) SELECT rowid, doc FROM tickets ORDER BY rowid; "
            "ALTER TABLE tickets DROP COLUMN doc;");
}

// Before version 8 the comments were a table, a row each; versions 8 and 9
// kept them as one JSON array in ticket_docs.comments. Both were copies of
// the log's comment events, which show and export now fold.
void drop_materialised_comments(SQLite::Database& db) {
    db.exec("DROP TABLE IF EXISTS comments");
    if (has_column(db, "ticket_docs", "comments"))
        db.exec("ALTER TABLE ticket_docs DROP COLUMN comments");
}

} // namespace

void create_log_indexes(SQLite::Database& db) {
    for (const auto& index : kIndexes)
        db.exec(fmt::format("CREATE {}INDEX IF NOT EXISTS {} ON {}", index.unique ? "UNIQUE " : "",
                            index.name, index.on));
}

void drop_bulk_load_indexes(SQLite::Database& db) {
    for (const auto& index : kIndexes)
        if (index.built_after_bulk_load)
            db.exec(fmt::format("DROP INDEX IF EXISTS {}", index.name));
}

void ensure_schema(SQLite::Database& db, const std::function<void(bool)>& rebuild_rows) {
    int version = db.execAndGet("PRAGMA user_version").getInt();
    if (version > kSchemaVersion)
        throw Failure(kConfig, fmt::format("store schema version {} is newer than this tickets "
                                           "binary understands ({}); upgrade tickets",
                                           version, kSchemaVersion));
    if (version == kSchemaVersion) return;
    // A savepoint nests inside a caller's transaction and makes the upgrade
    // all or nothing on its own.
    db.exec("SAVEPOINT schema_upgrade");
    if (version > 0 && version < 3)
        db.exec("DROP INDEX IF EXISTS tickets_by_status; DROP INDEX IF EXISTS tickets_by_updated;");
    if (version > 0 && version < 6) rebuild_tables_for_named_indexes(db);
    if (version == 6) move_documents_out_of_tickets(db);
    if (version > 0 && version < 7) db.exec("DROP INDEX IF EXISTS events_by_id");
    db.exec(kLogTables);
    if (version > 0 && version < 10) drop_materialised_comments(db);
    // Before version 10 the events' index held the whole ticket id.
    if (version > 0 && version < 10) db.exec("DROP INDEX IF EXISTS events_by_ticket");
    create_log_indexes(db);
    // Version 14 indexes folded text and its terms (core/search_text.hpp).
    // Version 19 keeps internal notes in a column of their own.
    if (version > 0 && version < 19) db.exec("DROP TABLE IF EXISTS search");
    if (version > 0 && version < 14) add_date_columns(db, "tickets");
    if (version > 0 && version < 16) add_report_columns(db, "tickets");
    db.exec(kOtherTables);
    if (version > 0 && version < 4 && rebuild_rows) rebuild_rows(true);
    // Version 13 folds a customer's reply on a pending ticket (and a CC's
    // on a solved one) as a move to open, version 14 the index's text,
    // version 15 the documents' requester_name, version 16 the SLA rows and
    // the documents' sla_policy, version 19 the index's notes column: every
    // ticket is folded again.
    else if (version > 0 && version < 19 && rebuild_rows)
        rebuild_rows(false);
    // Version 18: the CC index, from the rows as they are.
    if (version > 0 && version < 18)
        db.exec("INSERT OR IGNORE INTO ticket_cc (address, ticket) SELECT lower(c.value), t.rowid "
                "FROM tickets t, json_each(t.cc) c");
    // The remotes table (version 2) predates the push cursor.
    if (version >= 2 && version < 5 && !has_column(db, "remotes", "pushed_seq"))
        db.exec("ALTER TABLE remotes ADD COLUMN pushed_seq INTEGER NOT NULL DEFAULT 0");
    // Version 12: what a server says about itself, and mail senders' counts.
    if (version > 0 && version < 12) {
        if (!has_column(db, "remotes", "settings"))
            db.exec("ALTER TABLE remotes ADD COLUMN settings TEXT NOT NULL DEFAULT '{}'");
        if (!has_column(db, "mail_messages", "sender"))
            db.exec("ALTER TABLE mail_messages ADD COLUMN sender TEXT NOT NULL DEFAULT ''; "
                    "ALTER TABLE mail_messages ADD COLUMN received INTEGER NOT NULL DEFAULT 0");
    }
    db.exec("CREATE INDEX IF NOT EXISTS mail_by_sender ON mail_messages (sender, received)");
    db.exec(fmt::format("PRAGMA user_version = {}", kSchemaVersion));
    db.exec("RELEASE schema_upgrade");
}

} // namespace tickets
