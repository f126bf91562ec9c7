// tickets rejected [--drop [ID…]] [--json]: the local events a server
// refused on push. The fold already skips them (show says why); --drop
// removes them from this store for good, a refused create with its ticket.
#include "cmd/commands.hpp"
#include "cmd/common.hpp"
#include "core/error.hpp"
#include "sync/sync_client.hpp"

#include <fmt/format.h>
#include <iostream>

namespace tickets {

namespace {

struct RejectedOptions {
    bool drop = false, json = false;
    std::vector<std::string> ids; // event or ticket id prefixes; none: all
};

bool chosen(const Rejection& r, const std::vector<std::string>& ids) {
    if (ids.empty()) return true;
    for (const auto& id : ids)
        if (r.event.rfind(id, 0) == 0 || r.ticket.rfind(id, 0) == 0) return true;
    return false;
}

void run(Context& ctx, const RejectedOptions& o) {
    Repository& repo = ctx.repo();
    if (!o.ids.empty() && !o.drop) throw Failure(kUsage, "rejected: ids go with --drop");
    std::optional<Repository::WriteTransaction> tx;
    if (o.drop) tx.emplace(repo);
    std::vector<Rejection> listed;
    for (auto& r : rejections(repo))
        if (chosen(r, o.ids)) listed.push_back(std::move(r));
    for (const auto& id : o.ids)
        if (std::none_of(listed.begin(), listed.end(), [&](const Rejection& r) {
                return r.event.rfind(id, 0) == 0 || r.ticket.rfind(id, 0) == 0;
            }))
            throw Failure(kNotFound, fmt::format("rejected: no refused event or ticket {}", id));
    Json out = Json::array();
    for (const auto& r : listed) {
        out.push_back({{"remote", r.remote},
                       {"event", r.event},
                       {"ticket", r.ticket},
                       {"type", r.type},
                       {"reason", r.reason}});
        if (!o.json)
            std::cout << fmt::format("{}\t{}\t{}\t{}\t{}\n", r.ticket.substr(0, 7),
                                     r.event.substr(0, 12), r.type, r.remote, r.reason);
    }
    if (o.drop) {
        drop_rejections(repo, listed);
        tx->commit();
        ctx.say(
            fmt::format("rejected: {} refused event(s) dropped from this store", listed.size()));
    }
    if (o.json) print_json(out);
}

} // namespace

void add_rejected(CLI::App& app, Context& ctx) {
    auto o = std::make_shared<RejectedOptions>();
    auto* cmd = app.add_subcommand("rejected", "List the local events a server refused, or drop "
                                               "them");
    cmd->add_flag("--drop", o->drop, "Remove them from this store (a refused create: its ticket)");
    cmd->add_option("id", o->ids, "With --drop: only these events or tickets (id prefixes)");
    add_json_flag(cmd, o->json);
    cmd->callback([&ctx, o] { run(ctx, *o); });
}

} // namespace tickets
