#include "store/schema.hpp"

#include "core/error.hpp"

#include <fmt/format.h>

namespace tickets {

namespace {

const char* kSchema = R"sql(
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value INTEGER NOT NULL);
INSERT OR IGNORE INTO meta VALUES ('lamport', 0);

-- The append-only log: the truth. body is the canonical serialisation.
CREATE TABLE IF NOT EXISTS events (
  seq     INTEGER PRIMARY KEY,
  id      TEXT NOT NULL UNIQUE,
  ticket  TEXT NOT NULL,
  type    TEXT NOT NULL,
  author  TEXT NOT NULL,
  time    INTEGER NOT NULL,
  lamport INTEGER NOT NULL,
  body    TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS events_by_ticket ON events(ticket);

-- Materialised state: one row per ticket, rebuilt from its events.
CREATE TABLE IF NOT EXISTS tickets (
  rowid         INTEGER PRIMARY KEY,
  id            TEXT NOT NULL UNIQUE,
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
  doc           TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS tickets_by_status ON tickets(status, updated);
CREATE INDEX IF NOT EXISTS tickets_by_updated ON tickets(updated);
CREATE INDEX IF NOT EXISTS tickets_by_created ON tickets(created);
CREATE INDEX IF NOT EXISTS tickets_by_requester ON tickets(requester);
CREATE INDEX IF NOT EXISTS tickets_by_assignee ON tickets(assignee);
CREATE INDEX IF NOT EXISTS tickets_by_org ON tickets(organisation);

CREATE TABLE IF NOT EXISTS comments (
  id          TEXT NOT NULL,
  ticket      TEXT NOT NULL,
  position    INTEGER NOT NULL,
  author      TEXT NOT NULL,
  time        INTEGER NOT NULL,
  kind        TEXT NOT NULL,
  internal    INTEGER NOT NULL,
  body        TEXT NOT NULL,
  attachments TEXT NOT NULL,
  PRIMARY KEY (ticket, position)
) WITHOUT ROWID;

-- Full text over subject, description and comments; rowid = tickets.rowid.
CREATE VIRTUAL TABLE IF NOT EXISTS search USING fts5(
  subject, description, comments, tokenize = 'unicode61 remove_diacritics 2'
);
)sql";

} // namespace

void ensure_schema(SQLite::Database& db) {
    int version = db.execAndGet("PRAGMA user_version").getInt();
    if (version > kSchemaVersion)
        throw Failure(kConfig, fmt::format("store schema version {} is newer than this tickets "
                                           "binary understands ({}); upgrade tickets",
                                           version, kSchemaVersion));
    if (version == kSchemaVersion) return;
    db.exec(kSchema);
    db.exec(fmt::format("PRAGMA user_version = {}", kSchemaVersion));
}

} // namespace tickets
