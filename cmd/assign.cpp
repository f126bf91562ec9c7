// tickets assign ID… EMAIL (or --to EMAIL, or --none): a new ticket becomes open.
#include "cmd/commands.hpp"
#include "cmd/common.hpp"
#include "core/error.hpp"
#include "core/text.hpp"

namespace tickets {

void add_assign(CLI::App& app, Context& ctx) {
    struct Options {
        std::vector<std::string> args;
        std::string to;
        bool none = false, json = false;
    };
    auto o = std::make_shared<Options>();
    auto* cmd = app.add_subcommand("assign", "Assign tickets to an agent or service provider");
    cmd->add_option("args", o->args, "Ticket ids, then the assignee's address")->required();
    cmd->add_option("--to", o->to, "Assignee (me: yourself)")->type_name("EMAIL");
    cmd->add_flag("--none", o->none, "Remove the assignee");
    add_json_flag(cmd, o->json);
    cmd->callback([&ctx, o] {
        std::vector<std::string> ids = o->args;
        std::string to = o->to;
        // The assignee last: an address, or "me" as in filters.
        if (to.empty() && !o->none && ids.size() > 1 &&
            (ids.back().find('@') != std::string::npos || ids.back() == "me")) {
            to = ids.back();
            ids.pop_back();
        }
        if (to.empty() && !o->none)
            throw Failure(kUsage, "assign: give the assignee (EMAIL, --to EMAIL or --none)");
        if (to == "me") to = ctx.me();
        to = to_lower_ascii(trim(to));
        if (!o->none && !is_plausible_email(to))
            throw Failure(kUsage, "assign: '" + to + "' is not a mail address");
        change_tickets(
            ctx, ids, o->json,
            [&](Repository& repo, const Ticket& t) {
                return make_event(ctx, repo, "assign", t.id, {{"assignee", o->none ? "" : to}});
            },
            [&](const Ticket& t) -> std::optional<std::string> {
                if (t.assignee != (o->none ? "" : to)) return std::nullopt;
                return o->none ? std::string("unassigned") : "assigned to " + to;
            });
    });
}

} // namespace tickets
