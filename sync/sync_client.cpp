#include "sync/sync_client.hpp"
#include "sync/kb_sync.hpp"

#include "core/error.hpp"
#include "core/event_schema.hpp"
#include "core/ids.hpp"
#include "core/pipeline.hpp"
#include "core/pseudonym.hpp"
#include "core/text.hpp"
#include "store/accounts.hpp"
#include "store/apply_events.hpp"
#include "store/blobs.hpp"

#include <fmt/format.h>
#include <map>
#include <mutex>
#include <optional>
#include <set>

namespace tickets {

namespace {

constexpr int kPullPage = 1500; // three pages in memory at once: see pull()
constexpr int kPushBatch = 1000;
constexpr size_t kPushBatchBytes = 8 * 1024 * 1024; // plus one event of at most kMaxEventBytes

// Records that the remote holds these events, so that push never sends them.
void mark_on_remote(Repository& repo, const std::string& remote,
                    const std::vector<std::string>& ids) {
    SQLite::Statement st(repo.db(),
                         "INSERT OR IGNORE INTO remote_events (remote, id) VALUES (?, ?)");
    st.bind(1, remote);
    for (const auto& id : ids) {
        st.bind(2, id);
        st.exec();
        st.reset();
    }
}

std::int64_t last_seq(Repository& repo) {
    return repo.db().execAndGet("SELECT coalesce(max(seq), 0) FROM events").getInt64();
}

std::int64_t pushed_seq(Repository& repo, const std::string& name) {
    SQLite::Statement st(repo.db(), "SELECT pushed_seq FROM remotes WHERE name = ?");
    st.bind(1, name);
    return st.executeStep() ? st.getColumn(0).getInt64() : 0;
}

void set_pushed_seq(Repository& repo, const std::string& name, std::int64_t seq) {
    SQLite::Statement st(repo.db(), "UPDATE remotes SET pushed_seq = ? WHERE name = ?");
    st.bind(1, seq);
    st.bind(2, name);
    st.exec();
}

} // namespace

std::vector<RemoteInfo> list_remotes(Repository& repo) {
    std::vector<RemoteInfo> out;
    SQLite::Statement& st =
        repo.statement("SELECT name, url, token_env, cursor FROM remotes ORDER BY name");
    while (st.executeStep())
        out.push_back({st.getColumn(0).getString(), st.getColumn(1).getString(),
                       st.getColumn(2).getString(), st.getColumn(3).getInt64()});
    return out;
}

std::optional<RemoteInfo> find_remote(Repository& repo, const std::string& name) {
    for (auto& r : list_remotes(repo))
        if (r.name == name) return r;
    return std::nullopt;
}

void add_remote(Repository& repo, const RemoteInfo& r) {
    if (find_remote(repo, r.name))
        throw Failure(kRefused, fmt::format("remote {} already exists", r.name));
    SQLite::Statement st(repo.db(), "INSERT INTO remotes (name, url, token_env) VALUES (?, ?, ?)");
    st.bind(1, r.name);
    st.bind(2, r.url);
    st.bind(3, r.token_env);
    st.exec();
}

bool remove_remote(Repository& repo, const std::string& name) {
    // The local skips of what this remote refused go with its refusals.
    SQLite::Statement refused(repo.db(),
                              "DELETE FROM verdicts WHERE event IN (SELECT id FROM "
                              "remote_rejections WHERE remote = ?) AND reason LIKE 'refused by %'");
    refused.bind(1, name);
    refused.exec();
    for (const char* table : {"remote_events", "remote_rejections"}) {
        SQLite::Statement st(repo.db(), fmt::format("DELETE FROM {} WHERE remote = ?", table));
        st.bind(1, name);
        st.exec();
    }
    SQLite::Statement st(repo.db(), "DELETE FROM remotes WHERE name = ?");
    st.bind(1, name);
    return st.exec() == 1;
}

std::optional<RemoteInfo> authority(Repository& repo) {
    auto remotes = list_remotes(repo);
    if (remotes.empty()) return std::nullopt;
    for (const auto& r : remotes)
        if (r.name == "origin") return r;
    return remotes.front();
}

void learn_server_settings(Repository& repo, Remote& remote, const std::string& name) {
    Json info;
    try {
        info = remote.info();
    } catch (const Failure& f) {
        if (f.code() != kNotFound) throw;
        return; // a server older than /v1/info: nothing to learn
    }
    if (!info.is_object()) throw Failure(kDataErr, "the server's /v1/info is not a JSON object");
    std::string text = info.dump();
    SQLite::Statement known(repo.db(), "SELECT settings FROM remotes WHERE name = ?");
    known.bind(1, name);
    if (!known.executeStep()) throw Failure(kNotFound, fmt::format("no remote {}", name));
    if (known.getColumn(0).getString() == text) return; // a polling pull writes nothing
    known.reset();
    Repository::WriteTransaction tx(repo);
    SQLite::Statement st(repo.db(), "UPDATE remotes SET settings = ? WHERE name = ?");
    st.bind(1, text);
    st.bind(2, name);
    st.exec();
    tx.commit();
}

void learn_pseudonyms(Repository& repo, Remote& remote) {
    Json answer;
    try {
        answer = remote.pseudonyms();
    } catch (const Failure& f) {
        if (f.code() != kNotFound) throw;
        return; // a server without anonymous tickets
    }
    auto known = answer.find("pseudonyms");
    if (known == answer.end() || !known->is_object())
        throw Failure(kDataErr, "the server's /v1/pseudonyms has no 'pseudonyms' object");
    Accounts accounts(repo);
    std::vector<std::pair<std::string, std::string>> learnt;
    for (const auto& [address, email] : known->items()) {
        if (!is_pseudonym(address) || !email.is_string() ||
            !is_plausible_email(email.get<std::string>()))
            throw Failure(kDataErr,
                          fmt::format("the server's /v1/pseudonyms: '{}' is not a pseudonym "
                                      "with a mail address",
                                      address));
        if (!accounts.pseudonym_owner(address)) learnt.emplace_back(address, email);
    }
    if (learnt.empty()) return; // a polling pull writes nothing
    Repository::WriteTransaction tx(repo);
    for (const auto& [address, email] : learnt) accounts.add_pseudonym(address, email);
    tx.commit();
}

std::optional<std::string> server_setting(Repository& repo, const std::string& key) {
    auto origin = authority(repo);
    if (!origin) return std::nullopt;
    SQLite::Statement& st = repo.statement("SELECT settings FROM remotes WHERE name = ?");
    st.bind(1, origin->name);
    if (!st.executeStep()) return std::nullopt;
    Json settings = Json::parse(st.getColumn(0).getString(), nullptr, false);
    st.reset();
    auto it = settings.is_object() ? settings.find(key) : settings.end();
    if (it == settings.end() || !it->is_string()) return std::nullopt;
    return it->get<std::string>();
}

std::vector<Rejection> rejections(Repository& repo, const std::string& ticket_id) {
    // One pass over the log (event ids have no index), or over one ticket's events.
    std::string sql = "SELECT x.remote, e.id, e.ticket, e.type, x.reason FROM events e "
                      "JOIN remote_rejections x ON x.id = e.id WHERE e.id IN (SELECT id FROM "
                      "remote_rejections)";
    if (!ticket_id.empty())
        sql += " AND substr(e.ticket, 1, 16) = substr(?1, 1, 16) AND +e.ticket = ?1";
    SQLite::Statement st(repo.db(), sql + " ORDER BY e.seq");
    if (!ticket_id.empty()) st.bind(1, ticket_id);
    std::vector<Rejection> out;
    while (st.executeStep())
        out.push_back({st.getColumn(0).getString(), st.getColumn(1).getString(),
                       st.getColumn(2).getString(), st.getColumn(3).getString(),
                       st.getColumn(4).getString()});
    return out;
}

void drop_rejections(Repository& repo, const std::vector<Rejection>& dropped) {
    std::map<std::string, std::vector<std::string>> by_ticket;
    for (const auto& r : dropped) by_ticket[r.ticket].push_back(r.event);
    SQLite::Statement forget(repo.db(), "DELETE FROM remote_rejections WHERE id = ?");
    for (auto& [ticket, events] : by_ticket) {
        // A dropped create takes its ticket's other refusals along.
        if (std::find(events.begin(), events.end(), ticket) != events.end())
            for (const auto& r : rejections(repo, ticket)) events.push_back(r.event);
        for (const auto& id : events) {
            forget.bind(1, id);
            forget.exec();
            forget.reset();
        }
        repo.drop_events(ticket, events);
    }
}

namespace {

// One page of a pull, checked and folded, ready to store.
struct PulledPage {
    std::vector<PreparedTicket> tickets;
    Verdicts verdicts;
    std::size_t received = 0;
    std::int64_t cursor = 0;
    bool more = false;
};

// Takes the events out of `answer`.
std::vector<Event> checked_events(Json& answer) {
    std::vector<Event> events;
    for (auto& j : answer.at("events"))
        events.push_back(event_from_json(std::move(j))); // checked like any others
    return events;
}

// The server's verdicts in `answer` ({"verdicts": {id: why}}), added to `out`.
void take_verdicts(const Json& answer, Verdicts& out) {
    auto v = answer.find("verdicts");
    if (v == answer.end()) return;
    for (auto& [id, why] : verdicts_from_json(*v)) out[id] = why;
}

} // namespace

// The next page is fetched, checked and folded on a second thread while
// this one stores the page before: a clone spends about as long on each.
PullSummary pull(Repository& repo, Remote& remote, const std::string& name,
                 const Progress& progress) {
    auto info = find_remote(repo, name);
    if (!info) throw Failure(kNotFound, fmt::format("no remote {}", name));
    learn_server_settings(repo, remote, name);
    learn_pseudonyms(repo, remote);
    // Checkpoints every 64 MiB of WAL instead of SQLite's 1,000 pages: a
    // long pull commits a page of events at a time, and the default interval
    // copied the same index pages into the database again and again. (None
    // at all was faster still, but let the WAL grow to the size of the
    // store.) The interval is in pages, which are 4, 8 or 16 KiB
    // (depending on the store's age). The destructor truncates what is left.
    std::int64_t page_bytes = repo.db().execAndGet("PRAGMA page_size").getInt64();
    repo.db().exec(fmt::format("PRAGMA wal_autocheckpoint = {}", (64 << 20) / page_bytes));
    // Into an empty store (a clone), the whole pull is one bulk load (see
    // Repository::prepare_bulk_load) and one transaction: cut off, it
    // leaves the store empty and the next pull starts again from the top.
    // Page by page, each page would insert its ids into indexes as large
    // as the store.
    std::optional<Repository::WriteTransaction> whole_pull;
    if (repo.prepare_bulk_load()) {
        whole_pull.emplace(repo);
        repo.defer_search_index();
    }
    std::mutex remote_in_use; // one connection: one request at a time
    std::int64_t next = info->cursor;
    bool done = false;
    auto fetch = [&]() -> std::optional<PulledPage> {
        if (done) return std::nullopt;
        Json answer;
        {
            std::lock_guard<std::mutex> lock(remote_in_use);
            answer = remote.pull_page(next, kPullPage);
        }
        if (!answer.contains("events") || !answer["events"].is_array() ||
            !answer.contains("cursor") || !answer["cursor"].is_number_integer())
            throw Failure(kDataErr, "pull: the server's answer has no events or cursor");
        PulledPage page;
        page.received = answer["events"].size();
        page.cursor = answer["cursor"].get<std::int64_t>();
        page.more = answer.value("more", false);
        // Nothing new: no write transaction (a cron job polling every minute
        // should not write the store each time).
        if (page.received == 0 && page.cursor == next && !page.more) return std::nullopt;
        take_verdicts(answer, page.verdicts);
        page.tickets = prepare_tickets(checked_events(answer), repo);
        next = page.cursor;
        done = !page.more;
        return page;
    };

    PullSummary summary;
    AppliedEvents applied; // over every page
    auto store = [&](PulledPage& page) {
        // A ticket that became visible later (e.g. CC added) arrives without
        // its history: fetch it whole, before taking the write lock.
        for (auto& p : page.tickets) {
            if (p.folded || repo.has_ticket(p.id)) continue;
            Json answer;
            {
                std::lock_guard<std::mutex> lock(remote_in_use);
                answer = remote.ticket_events(p.id);
            }
            take_verdicts(answer, page.verdicts);
            std::vector<Event> events;
            std::set<std::string> ids;
            for (auto& e : checked_events(answer))
                if (e.ticket_id() == p.id && ids.insert(e.id).second)
                    events.push_back(std::move(e));
            for (auto& e : p.events)
                if (ids.insert(e.id).second) events.push_back(std::move(e));
            p = std::move(prepare_tickets(std::move(events), repo).at(0));
        }
        // Attachments before their events: a store never holds an event
        // whose blob it lacks (blobs are files, outside the transaction).
        for (const auto& p : page.tickets)
            for (const auto& e : p.events)
                while (auto sha = missing_blob(repo.dir(), e)) {
                    std::string content;
                    {
                        std::lock_guard<std::mutex> lock(remote_in_use);
                        content = remote.fetch_blob(p.id, *sha);
                    }
                    put_blob_checked(repo.dir(), *sha, content); // or throws: no endless loop
                }
        std::optional<Repository::WriteTransaction> tx;
        if (!whole_pull) {
            tx.emplace(repo);
            repo.defer_search_index();
        }
        // Everything this store holds is on the remote (the push cursor is at
        // the top), and so is what arrives now: moving the cursor says so for
        // the whole page, without recording each event (a clone pulls
        // hundreds of thousands).
        bool all_pushed = pushed_seq(repo, name) >= last_seq(repo);
        std::size_t added_before = applied.added;
        apply_prepared(repo, page.tickets, applied);
        apply_verdicts(repo, page.tickets, page.verdicts);
        if (all_pushed) {
            set_pushed_seq(repo, name, last_seq(repo));
        } else {
            std::vector<std::string> ids;
            for (const auto& p : page.tickets)
                for (const auto& e : p.events) ids.push_back(e.id);
            mark_on_remote(repo, name, ids);
        }
        SQLite::Statement cursor(repo.db(), "UPDATE remotes SET cursor = ? WHERE name = ?");
        cursor.bind(1, page.cursor);
        cursor.bind(2, name);
        if (cursor.exec() != 1) throw Failure(kNotFound, fmt::format("no remote {}", name));
        if (tx) tx->commit();

        summary.received += page.received;
        summary.added += applied.added - added_before;
        if (progress) progress(fmt::format("pull: {} events received", summary.received));
    };
    run_pipeline<PulledPage>(fetch, store, /*depth=*/1);
    if (whole_pull) whole_pull->commit();
    summary.tickets = applied.touched.size();
    KbSyncCounts kb = pull_kb(repo, remote, name);
    summary.received += kb.received;
    summary.added += kb.added;
    return summary;
}

namespace {

// Events this store has that the remote neither holds nor rejected.
constexpr const char* kUnsent =
    "FROM events e WHERE e.seq > ?3 AND NOT EXISTS (SELECT 1 FROM remote_events r "
    "WHERE r.remote = ?1 AND r.id = e.id) AND NOT EXISTS (SELECT 1 FROM "
    "remote_rejections x WHERE x.remote = ?1 AND x.id = e.id)";

// Nothing left to send: move the cursor past the events pulled since, so
// that the next push does not look at them again. Checked again inside the
// write transaction, as a command may have added an event meanwhile.
void settle_cursor(Repository& repo, const std::string& name, std::int64_t pushed) {
    if (last_seq(repo) <= pushed) return;
    Repository::WriteTransaction tx(repo);
    SQLite::Statement unsent(repo.db(), fmt::format("SELECT 1 {} LIMIT 1", kUnsent));
    unsent.bind(1, name);
    unsent.bind(3, pushed);
    if (unsent.executeStep()) return;
    unsent.reset();
    set_pushed_seq(repo, name, last_seq(repo));
    tx.commit();
}

// The attachments of the events about to be pushed: the server refuses an
// event whose blob it does not hold. (One it has is sent again; blobs are
// rare and a push is retried seldom.)
void send_blobs(Repository& repo, Remote& remote, const Json& batch) {
    std::set<std::string> sent;
    for (const auto& j : batch) {
        for (const auto& sha : attachment_hashes(j.at("payload"))) {
            if (!sent.insert(sha).second) continue;
            auto content = read_blob(repo.dir(), sha);
            if (!content)
                throw Failure(kDataErr,
                              fmt::format("push: attachment {} of event {} is missing from this "
                                          "store (see 'tickets fsck')",
                                          sha.substr(0, 12),
                                          j.at("id").get<std::string>().substr(0, 12)));
            remote.send_blob(sha, *content);
        }
    }
}

} // namespace

PushSummary push(Repository& repo, Remote& remote, const std::string& name,
                 const Progress& progress) {
    PushSummary summary;
    // The push cursor: without it, finding the unsent events checked every
    // event of the store against remote_events, once per batch.
    std::int64_t pushed = pushed_seq(repo, name);
    for (;;) {
        SQLite::Statement pending(
            repo.db(),
            fmt::format("SELECT e.seq, e.id, e.body {} ORDER BY e.seq LIMIT ?2", kUnsent));
        pending.bind(1, name);
        pending.bind(2, kPushBatch);
        pending.bind(3, pushed);
        Json batch = Json::array();
        std::map<std::string, Json> by_id;
        std::int64_t last_seq = pushed;
        size_t bytes = 0;
        // At most kPushBatch events and about kPushBatchBytes: a batch of
        // large comments must stay under the server's request limit.
        while (bytes < kPushBatchBytes && pending.executeStep()) {
            last_seq = pending.getColumn(0).getInt64();
            bytes += static_cast<size_t>(pending.getColumn(2).getBytes());
            Json e = Json::parse(pending.getColumn(2).getString());
            e["id"] = pending.getColumn(1).getString();
            by_id[e["id"]] = e;
            batch.push_back(std::move(e));
        }
        if (batch.empty()) {
            settle_cursor(repo, name, pushed);
            break;
        }
        send_blobs(repo, remote, batch);
        Json answer = remote.push(batch);
        if (!answer.contains("results") || !answer["results"].is_array())
            throw Failure(kDataErr, "push: the server's answer has no results");
        Repository::WriteTransaction tx(repo);
        size_t settled = 0;
        std::set<std::string> refold;
        for (const auto& r : answer["results"]) {
            if (!r.contains("id") || !r["id"].is_string() || !by_id.count(r["id"])) continue;
            std::string id = r["id"];
            std::string status = r.value("status", "");
            if (status == "accepted" || status == "duplicate") {
                mark_on_remote(repo, name, {id});
                // The server's verdict: skipped here too, wherever the
                // merged order puts the event.
                if (r.contains("skipped") && r["skipped"].is_string()) {
                    const Json& e = by_id[id];
                    std::string ticket =
                        e.value("type", "") == "create" ? id : e.value("ticket", "");
                    repo.record_verdict(id, ticket, r["skipped"].get<std::string>());
                    refold.insert(ticket);
                }
                ++(status == "accepted" ? summary.accepted : summary.duplicate);
                ++settled;
            } else if (status == "rejected") {
                std::string reason = r.value("reason", "rejected");
                SQLite::Statement st(
                    repo.db(), "INSERT OR REPLACE INTO remote_rejections (remote, id, reason) "
                               "VALUES (?, ?, ?)");
                st.bind(1, name);
                st.bind(2, id);
                st.bind(3, reason);
                st.exec();
                const Json& e = by_id[id];
                // Refused is refused: the local fold skips it from now on
                // (a refused create keeps its ticket, shown as refused, until
                // `tickets rejected --drop`).
                if (e.value("type", "") != "create") {
                    std::string ticket = e.value("ticket", "");
                    repo.record_verdict(id, ticket, fmt::format("refused by {}: {}", name, reason));
                    refold.insert(ticket);
                }
                summary.rejections.push_back(
                    {{"id", id},
                     {"ticket", e.value("ticket", id).substr(0, kShortIdLength)},
                     {"type", e["type"]},
                     {"reason", reason}});
                ++summary.rejected;
                ++settled;
            }
        }
        for (const auto& ticket : refold) repo.refold(ticket);
        // Every event up to the batch's last is now on the remote or
        // rejected: the ones in between were settled before.
        if (settled == batch.size()) {
            set_pushed_seq(repo, name, last_seq);
            pushed = last_seq;
        }
        tx.commit();
        summary.sent += batch.size();
        if (progress) progress(fmt::format("push: {} events sent", summary.sent));
        if (settled == 0)
            throw Failure(kDataErr, "push: the server settled none of the events sent");
    }
    KbSyncCounts kb = push_kb(repo, remote, name);
    summary.sent += kb.sent;
    summary.accepted += kb.accepted;
    summary.rejected += kb.rejected;
    for (const auto& r : kb.rejections) summary.rejections.push_back(r);
    return summary;
}

} // namespace tickets
