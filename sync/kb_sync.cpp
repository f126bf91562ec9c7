#include "sync/kb_sync.hpp"

#include "core/error.hpp"
#include "core/ids.hpp"
#include "core/kb.hpp"
#include "store/kb_store.hpp"

#include <fmt/format.h>

namespace tickets {

namespace {

constexpr int kKbPage = 500;
// A push's batch, as the tickets' (sync/sync_client.cpp): under the server's
// body limit whatever the articles' length.
constexpr std::size_t kKbPushBytes = 8 * 1024 * 1024;

} // namespace

KbSyncCounts pull_kb(Repository& repo, Remote& remote, const std::string& name) {
    KbSyncCounts counts;
    KbStore kb(repo);
    for (;;) {
        Json page;
        try {
            page = remote.kb_page(kb.pull_cursor(name), kKbPage);
        } catch (const Failure& f) {
            if (f.code() == kNotFound) return counts; // a server without a knowledge base
            throw;
        }
        if (!page.contains("events") || !page["events"].is_array() || !page.contains("cursor") ||
            !page["cursor"].is_number_integer())
            throw Failure(kDataErr, "pull: the server's /v1/kb answer has no events and cursor");
        Repository::WriteTransaction tx(repo);
        // Versions this store made and has pushed, or pulled, are on the
        // server: pulled ones need no push back.
        bool all_pushed = kb.pushed_seq(name) >= kb.last_seq();
        for (auto& j : page["events"]) {
            Event e = event_from_json(std::move(j)); // the hash checked
            ++counts.received;
            // One this version cannot read (a newer server's) is left out,
            // not the pull: the tickets' part has committed already.
            if (auto why = kb_version_problem(e)) {
                fmt::print(stderr, "tickets: pull: article version {} left out: {}\n",
                           e.id.substr(0, kShortIdLength), *why);
                continue;
            }
            if (kb.append(e)) ++counts.added;
        }
        kb.set_cursors(name, page["cursor"].get<std::int64_t>(),
                       all_pushed ? kb.last_seq() : kb.pushed_seq(name));
        tx.commit();
        if (!page.value("more", false)) return counts;
    }
}

KbSyncCounts push_kb(Repository& repo, Remote& remote, const std::string& name) {
    KbSyncCounts counts;
    KbStore kb(repo);
    std::int64_t pushed = kb.pushed_seq(name);
    KbStore::Page pending = kb.page_after(pushed, kKbPage, kKbPushBytes);
    while (!pending.events.empty()) {
        Json answer;
        try {
            answer = remote.kb_push(pending.events);
        } catch (const Failure& f) {
            if (f.code() == kNotFound)
                throw Failure(kUnavailable, "push: the server has no knowledge base (it is older "
                                            "than this tickets); articles stay here");
            throw;
        }
        if (!answer.contains("results") || !answer["results"].is_array())
            throw Failure(kDataErr, "push: the server's /v1/kb answer has no results");
        for (const auto& r : answer["results"]) {
            std::string status = r.value("status", "");
            if (status == "accepted") ++counts.accepted;
            if (status == "rejected") {
                ++counts.rejected;
                std::string id = r.value("id", "");
                // Named by its article, as a ticket's events are by the ticket.
                std::string article = id;
                for (const auto& e : pending.events)
                    if (e.value("id", "") == id && !e.value("ticket", "").empty())
                        article = e["ticket"];
                counts.rejections.push_back({{"id", id},
                                             {"ticket", article.substr(0, kShortIdLength)},
                                             {"type", "article"},
                                             {"reason", r.value("reason", "rejected")}});
            }
        }
        counts.sent += pending.events.size();
        // Settled, accepted or not: a refused version is not sent again.
        Repository::WriteTransaction tx(repo);
        kb.set_cursors(name, kb.pull_cursor(name), pending.cursor);
        tx.commit();
        if (!pending.more) break;
        pending = kb.page_after(pending.cursor, kKbPage, kKbPushBytes);
    }
    return counts;
}

} // namespace tickets
