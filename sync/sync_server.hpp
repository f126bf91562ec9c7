#pragma once
// The server side of sync, without HTTP: what a pull returns to a user and
// what a push does with each event. sync/http_server.cpp maps it onto
// /v1/ endpoints (docs/PROTOCOL.md).
#include "core/access.hpp"
#include "store/accounts.hpp"
#include "store/repository.hpp"
#include "sync/server_automation.hpp"

#include <cstdint>

namespace tickets {

constexpr int kDefaultPageSize = 2000;
constexpr int kMaxPageSize = 10000;
constexpr size_t kMaxPushEvents = 5000;
// How far ahead of the server's Lamport clock a pushed event may be: a
// client's clock is one past the highest it has seen, plus its own events
// since, so a million is generous; a pushed 2^53 would pin every replica's
// clock near the limit.
constexpr std::int64_t kMaxLamportLead = 1000000;

// Events after `after` (server sequence numbers) that the user may see, at
// most `limit`: {"events": [...], "verdicts": {event id: why}, "cursor": N,
// "more": bool}, the verdicts those of the page's events that have one. The cursor is
// the last sequence number looked at, so events the user may not see are
// not scanned again. Returned as JSON text.
std::string pull_page(Repository& repo, Accounts& accounts, const User& user, std::int64_t after,
                      int limit);

// Every event of one ticket that the user may see, with their verdicts
// ({"events": [...], "verdicts": {...}}); Failure(kNotFound) when
// the user may not see the ticket (the same answer as for a missing one).
Json ticket_events(Repository& repo, Accounts& accounts, const User& user, const std::string& id);

// Applies pushed events in one transaction and answers per event (an
// event naming an attachment the server does not hold is rejected: the
// client sends blobs first, see receive_blob):
// {"results": [{"id", "status": accepted|duplicate|rejected, "reason"?}]}.
// Events the workflow refuses in the merged order are accepted and skipped
// by the fold (reported as "skipped"); events the user's role does not
// allow, forged authors and bad hashes are rejected. The events accepted
// and not skipped get the server's automation (sync/server_automation.hpp):
// notifications, rules, follow-ups; their messages' files are written after
// the commit.
Json push_events(Repository& repo, Accounts& accounts, const User& user, const Json& events,
                 const ServerPolicy& policy, Instant now);

// Who stands behind which pseudonym, as far as the user may know: staff
// all, everyone else their own ({"pseudonyms": {address: email}}).
Json known_pseudonyms(Accounts& accounts, const User& user);

// Stores an attachment's content sent before the event that names it;
// Failure(kDataErr) when it does not hash to `sha256`.
void receive_blob(Repository& repo, const std::string& sha256, const std::string& content);

// The content of an attachment that an event of the ticket visible to the
// user names; Failure(kNotFound) otherwise (the same answer for a blob
// that is not there, so that hashes of internal attachments do not leak).
std::string send_blob(Repository& repo, Accounts& accounts, const User& user,
                      const std::string& ticket_id, const std::string& sha256);

// The knowledge base's versions after `after` (store/kb_store.hpp), for
// everyone signed in: {"events": [...], "cursor": N, "more": bool}.
Json kb_page(Repository& repo, std::int64_t after, int limit);
// Stores pushed article versions, staff's only: {"results": [{"id",
// "status": accepted|duplicate|rejected, "reason"?}]}.
Json push_kb_versions(Repository& repo, const User& user, const Json& events);

} // namespace tickets
