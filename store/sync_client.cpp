#include "store/sync_client.hpp"

#include "core/error.hpp"
#include "core/ids.hpp"
#include "store/apply_events.hpp"

#include <fmt/format.h>
#include <map>
#include <set>

namespace tickets {

namespace {

constexpr int kPullPage = 5000;
constexpr int kPushBatch = 1000;

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
    SQLite::Statement st(repo.db(),
                         "SELECT name, url, token_env, cursor FROM remotes ORDER BY name");
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
    for (const char* table : {"remote_events", "remote_rejections"}) {
        SQLite::Statement st(repo.db(), fmt::format("DELETE FROM {} WHERE remote = ?", table));
        st.bind(1, name);
        st.exec();
    }
    SQLite::Statement st(repo.db(), "DELETE FROM remotes WHERE name = ?");
    st.bind(1, name);
    return st.exec() == 1;
}

PullSummary pull(Repository& repo, Remote& remote, const std::string& name,
                 const Progress& progress) {
    PullSummary summary;
    std::set<std::string> changed;
    for (;;) {
        auto info = find_remote(repo, name);
        if (!info) throw Failure(kNotFound, fmt::format("no remote {}", name));
        Json page = remote.pull_page(info->cursor, kPullPage);
        if (!page.contains("events") || !page["events"].is_array() || !page.contains("cursor"))
            throw Failure(kDataErr, "pull: the server's answer has no events or cursor");
        // Nothing new: no write transaction (a cron job polling every minute
        // should not write the store each time).
        if (page["events"].empty() && page["cursor"] == Json(info->cursor) &&
            !page.value("more", false))
            break;
        std::vector<Event> events;
        std::set<std::string> creates;
        for (const auto& j : page["events"]) {
            events.push_back(event_from_json(j)); // the server's events are checked like any others
            if (events.back().type == "create") creates.insert(events.back().id);
        }
        // A ticket that became visible later (e.g. CC added) arrives without
        // its history: fetch it whole, before taking the write lock.
        std::set<std::string> fetched;
        std::vector<Event> history;
        for (const auto& e : events) {
            std::string t = e.ticket_id();
            if (creates.count(t) || fetched.count(t) || repo.has_ticket(t)) continue;
            fetched.insert(t);
            Json answer = remote.ticket_events(t); // named: the loop below must not outlive it
            for (const auto& j : answer.at("events")) history.push_back(event_from_json(j));
        }
        events.insert(events.end(), history.begin(), history.end());

        std::vector<std::string> ids;
        for (const auto& e : events) ids.push_back(e.id);

        Repository::WriteTransaction tx(repo);
        repo.defer_search_index();
        // Everything this store holds is on the remote (the push cursor is at
        // the top), and so is what arrives now: moving the cursor says so for
        // the whole page, without recording each event (a clone pulls
        // hundreds of thousands).
        bool all_pushed = pushed_seq(repo, name) >= last_seq(repo);
        AppliedEvents applied;
        apply_events(repo, std::move(events), applied);
        if (all_pushed)
            set_pushed_seq(repo, name, last_seq(repo));
        else
            mark_on_remote(repo, name, ids);
        SQLite::Statement cursor(repo.db(), "UPDATE remotes SET cursor = ? WHERE name = ?");
        cursor.bind(1, page["cursor"].get<std::int64_t>());
        cursor.bind(2, name);
        cursor.exec();
        tx.commit();

        summary.added += applied.added;
        changed.insert(applied.touched.begin(), applied.touched.end());
        summary.received += page["events"].size();
        if (progress) progress(fmt::format("pull: {} events received", summary.received));
        if (!page.value("more", false)) break;
    }
    summary.tickets = changed.size();
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
        while (pending.executeStep()) {
            last_seq = pending.getColumn(0).getInt64();
            Json e = Json::parse(pending.getColumn(2).getString());
            e["id"] = pending.getColumn(1).getString();
            by_id[e["id"]] = e;
            batch.push_back(std::move(e));
        }
        if (batch.empty()) {
            settle_cursor(repo, name, pushed);
            break;
        }
        Json answer = remote.push(batch);
        if (!answer.contains("results") || !answer["results"].is_array())
            throw Failure(kDataErr, "push: the server's answer has no results");
        Repository::WriteTransaction tx(repo);
        size_t settled = 0;
        for (const auto& r : answer["results"]) {
            if (!r.contains("id") || !r["id"].is_string() || !by_id.count(r["id"])) continue;
            std::string id = r["id"];
            std::string status = r.value("status", "");
            if (status == "accepted" || status == "duplicate") {
                mark_on_remote(repo, name, {id});
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
                summary.rejections.push_back(
                    {{"id", id},
                     {"ticket", e.value("ticket", id).substr(0, kShortIdLength)},
                     {"type", e["type"]},
                     {"reason", reason}});
                ++summary.rejected;
                ++settled;
            }
        }
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
    return summary;
}

} // namespace tickets
