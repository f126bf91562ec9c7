// tickets link A B [--relation related|parent|child] [--remove]: relate two
// tickets. Both get an event (B is A's parent when A is B's child), in one
// transaction, so that each shows the link and a replica that holds only
// one of them still sees it.
#include "cmd/commands.hpp"
#include "cmd/common.hpp"
#include "core/error.hpp"
#include "core/fold.hpp"

#include <fmt/format.h>

namespace tickets {

namespace {

struct LinkOptions {
    std::string a, b, relation = "related";
    bool remove = false, json = false;
};

void run(Context& ctx, const LinkOptions& o) {
    if (!is_link_relation(o.relation))
        throw Failure(kUsage, fmt::format("link: unknown relation '{}' (related, parent, child)",
                                          o.relation));
    ctx.me();
    Repository& repo = ctx.repo();
    std::vector<std::string> ids = resolve_ids(repo, {o.a, o.b});
    if (ids.size() != 2) throw Failure(kUsage, "link: a ticket cannot be linked to itself");
    Repository::WriteTransaction tx(repo);
    std::optional<std::optional<User>> acting;
    // A is B's `relation`'s inverse: "link A B --relation child" makes A a
    // child of B, so B records A as its child and A records B as its parent.
    const std::string relations[2] = {inverse_relation(o.relation), o.relation};
    std::vector<Ticket> changed;
    for (int i = 0; i < 2; ++i) {
        Ticket t = repo.folded(ids[i]);
        Json payload = {{"ticket", ids[1 - i]}, {"relation", relations[i]}};
        if (o.remove) payload["remove"] = true;
        commit_change(ctx, repo, t, make_event(ctx, repo, "link", t.id, payload), acting);
        changed.push_back(std::move(t));
    }
    tx.commit();
    if (o.json) {
        print_json(
            Json::array({ticket_to_json(changed[0], false), ticket_to_json(changed[1], false)}));
        return;
    }
    if (o.remove)
        ctx.say(
            fmt::format("ticket {}: unlinked from {}", abbrev(repo, ids[0]), abbrev(repo, ids[1])));
    else
        ctx.say(fmt::format("ticket {}: {} of {}", abbrev(repo, ids[0]), o.relation,
                            abbrev(repo, ids[1])));
}

} // namespace

void add_link(CLI::App& app, Context& ctx) {
    auto o = std::make_shared<LinkOptions>();
    auto* cmd = app.add_subcommand("link", "Relate two tickets: related, parent or child");
    cmd->add_option("ticket", o->a, "The ticket")->required();
    cmd->add_option("other", o->b, "The ticket it is related to")->required();
    cmd->add_option("--relation", o->relation,
                    "What the first ticket is to the other: related, parent or child")
        ->capture_default_str();
    cmd->add_flag("--remove", o->remove, "Remove the link");
    add_json_flag(cmd, o->json);
    cmd->callback([&ctx, o] { run(ctx, *o); });
}

} // namespace tickets
