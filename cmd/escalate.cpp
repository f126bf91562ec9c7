// tickets escalate ID… -m REASON: priority up one level, escalated flag and
// count, the reason as a comment. A reason is required.
#include "cmd/commands.hpp"
#include "cmd/common.hpp"

namespace tickets {

void add_escalate(CLI::App& app, Context& ctx) {
    struct Options {
        std::vector<std::string> ids;
        std::string message, file;
        bool json = false;
    };
    auto o = std::make_shared<Options>();
    auto* cmd = app.add_subcommand("escalate", "Escalate tickets, with the reason");
    cmd->add_option("id", o->ids, "Ticket ids (- reads stdin)")->required();
    cmd->add_option("-m,--message", o->message, "Why it is urgent (required)")->type_name("REASON");
    cmd->add_option("-F,--file", o->file, "Read the reason from FILE")->type_name("FILE");
    add_json_flag(cmd, o->json);
    cmd->callback([&ctx, o] {
        std::string reason =
            *read_text(ctx, o->message, o->file, "reason for the escalation", true);
        change_tickets(ctx, o->ids, o->json, [&](Repository& repo, const Ticket& t) {
            return make_event(ctx, repo, "escalate", t.id,
                              with_sla_targets(ctx, t, "escalate", {{"reason", reason}}));
        });
    });
}

} // namespace tickets
