// tickets merge TARGET SOURCE…: duplicates folded into one ticket. Each
// source is closed as merged into the target (a close event with "into"),
// the target records it (a link event with "merged") and keeps the
// sources' requesters and CC in its CC; `show` of the target lists the
// sources' correspondence with its own, and a later reply to a source
// lands on the target (follow_merges). One transaction.
#include "cmd/commands.hpp"
#include "cmd/common.hpp"
#include "cmd/notify.hpp"
#include "core/error.hpp"
#include "core/fold.hpp"

#include <algorithm>
#include <fmt/format.h>

namespace tickets {

namespace {

struct MergeOptions {
    std::vector<std::string> ids; // target first
    bool json = false;
};

void run(Context& ctx, const MergeOptions& o) {
    ctx.me();
    Repository& repo = ctx.repo();
    std::vector<std::string> ids = resolve_ids(repo, o.ids);
    if (ids.size() < 2)
        throw Failure(kUsage, "merge: give the target and at least one other ticket");
    Repository::WriteTransaction tx(repo);
    std::optional<std::optional<User>> acting;
    auto change = [&](Ticket& t, const std::string& type, Json payload) {
        Event e = make_event(ctx, repo, type, t.id, std::move(payload));
        const Ticket before = t;
        commit_change(ctx, repo, t, e, acting, "cannot merge: ");
        queue_notifications(ctx, repo, before, e, t);
    };
    Ticket target = repo.folded(ids.front());
    if (!target.merged_into.empty())
        throw Failure(kRefused,
                      fmt::format("ticket {}: cannot merge into it: it was merged into {}",
                                  abbrev(repo, target.id), abbrev(repo, target.merged_into)));
    std::vector<std::string> cc = target.cc;
    auto keep = [&](const std::string& address) {
        if (address.empty() || address == target.requester) return;
        if (std::find(cc.begin(), cc.end(), address) == cc.end()) cc.push_back(address);
    };
    for (size_t i = 1; i < ids.size(); ++i) {
        Ticket source = repo.folded(ids[i]);
        if (!source.merged_into.empty())
            throw Failure(kRefused,
                          fmt::format("ticket {}: already merged into {}", abbrev(repo, source.id),
                                      abbrev(repo, source.merged_into)));
        change(source, "close", {{"reason", "merged"}, {"into", target.id}});
        change(target, "link", {{"merged", source.id}});
        keep(source.requester);
        for (const auto& a : source.cc) keep(a);
        ctx.say(fmt::format("ticket {}: merged into {}", abbrev(repo, source.id),
                            abbrev(repo, target.id)));
    }
    if (cc != target.cc) change(target, "set", {{"cc", cc}});
    tx.commit();
    after_commit(ctx);
    if (o.json) print_json(ticket_to_json(target, false));
}

} // namespace

void add_merge(CLI::App& app, Context& ctx) {
    auto o = std::make_shared<MergeOptions>();
    auto* cmd = app.add_subcommand("merge", "Merge duplicate tickets into one (the first)");
    cmd->add_option("ids", o->ids, "The target, then the tickets merged into it (- reads stdin)")
        ->required()
        ->expected(2, -1);
    add_json_flag(cmd, o->json);
    cmd->callback([&ctx, o] { run(ctx, *o); });
}

} // namespace tickets
