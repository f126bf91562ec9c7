// tickets comment ID… -m TEXT [--internal] [--attach FILE…]
// A requester's reply reopens a solved ticket (the fold does that); a reply
// to a closed ticket opens a follow-up ticket linked to it.
#include "cmd/commands.hpp"
#include "cmd/common.hpp"
#include "cmd/create.hpp"
#include "cmd/follow_up.hpp"
#include "cmd/notify.hpp"
#include "core/error.hpp"
#include "core/fold.hpp"

#include <fmt/format.h>
#include <iostream>

namespace tickets {

namespace {

struct CommentOptions {
    std::vector<std::string> ids;
    std::string message, file;
    std::vector<std::string> attach;
    bool internal = false, json = false;
};

void run(Context& ctx, CommentOptions& o) {
    std::string body = *read_text(ctx, o.message, o.file, "comment", true);
    ctx.me();
    Repository& repo = ctx.repo();
    std::vector<std::string> ids = resolve_ids(repo, o.ids);
    Repository::WriteTransaction tx(repo);
    Json attachments = store_attachments(repo, o.attach);
    Json out = Json::array();
    std::vector<std::string> messages;
    std::optional<std::optional<User>> acting; // looked up once, when needed
    for (const auto& given : ids) {
        Ticket t = follow_merges(repo, repo.folded(given));
        const std::string id = t.id;
        if (id != given)
            messages.push_back(fmt::format("ticket {} was merged into {}: the comment goes there",
                                           abbrev(repo, given), abbrev(repo, id)));
        if (t.status == "closed" && !o.internal) {
            Ticket f = open_follow_up(ctx, repo, t, body, attachments);
            out.push_back({{"ticket", t.id}, {"follow_up", f.id}});
            messages.push_back(fmt::format("ticket {} is closed: opened follow-up {}",
                                           abbrev(repo, t.id), abbrev(repo, f.id)));
            if (!o.json) std::cout << abbrev(repo, f.id) << "\n";
            continue;
        }
        const Ticket before = t;
        Event e =
            make_event(ctx, repo, "comment", id,
                       {{"body", body}, {"internal", o.internal}, {"attachments", attachments}});
        commit_change(ctx, repo, t, e, acting);
        queue_notifications(ctx, repo, before, e, t);
        out.push_back({{"ticket", t.id}, {"comment", e.id}, {"status", t.status}});
        messages.push_back(fmt::format("ticket {}: {} added ({})", abbrev(repo, id),
                                       o.internal ? "internal note" : "comment", t.status));
    }
    tx.commit();
    after_commit(ctx);
    for (const auto& m : messages) ctx.say(m);
    if (o.json) print_json(out);
}

} // namespace

void add_comment(CLI::App& app, Context& ctx) {
    auto o = std::make_shared<CommentOptions>();
    auto* cmd = app.add_subcommand("comment", "Add a comment or internal note to tickets");
    cmd->add_option("id", o->ids, "Ticket ids (- reads stdin)")->required();
    cmd->add_option("-m,--message", o->message, "Comment text")->type_name("TEXT");
    cmd->add_option("-F,--file", o->file, "Read the text from FILE (- for stdin)")
        ->type_name("FILE");
    cmd->add_flag("--internal", o->internal, "Internal note: never shown to customers");
    cmd->add_option("--attach", o->attach, "Attach files (several)")->type_name("FILE");
    add_json_flag(cmd, o->json);
    cmd->callback([&ctx, o] { run(ctx, *o); });
}

} // namespace tickets
