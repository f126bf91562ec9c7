#pragma once
#include <SQLiteCpp/Database.h>
#include <functional>

namespace tickets {

// 1: events, tickets, comments, search. 2: users, organisations, tokens,
// remotes. 3: covering list indexes, mail_messages. 4: the materialised
// ticket JSON (tickets.doc) carries "workflow". 5: remotes.pushed_seq.
// 6: every index of events, tickets and comments is a named index (see
// create_log_indexes), comments a table in insertion order. 7: no index of
// event ids (events are found through their ticket); the ticket's JSON in
// ticket_docs instead of tickets.doc. 8: the comments as one JSON array in
// ticket_docs.comments instead of a row each in a comments table. 9: the
// outbox table (mail notifications queued in the change's transaction).
// 10: no copy of the comments (show and export fold the ticket's events);
// events_by_ticket holds the first 16 digits of the ticket id.
// 11: verdicts (events a server answered "skipped", skipped for good).
// 12: remotes.settings, mail senders' counts. 13: a customer's reply folds
// as a move to open. 14: the full-text index holds folded text, and
// search_terms its terms (core/search_text.hpp). 15: a ticket's document
// has requester_name (a mail sender's display name). 16: SLA clocks
// (ticket_sla, sla_notices, the document's sla_policy) and the columns of
// reports (answered, escalations, reminders, rating). 17: the web pages'
// sign-in links and sessions, the knowledge base (kb_events,
// kb_articles, kb_search, kb_remotes). 18: ticket_cc, the CC index.
// 19: the full-text index keeps internal notes in a column of their own.
// Every statement is
// CREATE … IF NOT EXISTS, so running the whole schema again upgrades an
// older store (an index of an older shape is dropped first, below).
constexpr int kSchemaVersion = 19;
// Creates the tables on a new database; refuses a newer schema. When an
// existing store is older than a change of the materialised rows (version
// 4), `rebuild_rows(true)` is called to rewrite them from the events; when
// it is older than a change of the fold or of the index's text (versions
// 13 and 14), `rebuild_rows(false)`
// to fold every ticket again in place. Both inside the upgrade's savepoint,
// so the upgrade is all or nothing.
void ensure_schema(SQLite::Database& db,
                   const std::function<void(bool from_scratch)>& rebuild_rows = {});

} // namespace tickets

namespace tickets {

// The indexes of the events and tickets tables, uniqueness of the ids
// included. A bulk load into an empty store drops the large one (of the
// events) and creates it again once its rows are in:
// building an index sorts its keys once, where inserting row by row put
// each random hash id into a random page.
void create_log_indexes(SQLite::Database& db);
void drop_bulk_load_indexes(SQLite::Database& db);

} // namespace tickets
