// tickets resolve ID… -m SOLUTION: the ticket becomes solved.
#include "cmd/commands.hpp"
#include "cmd/common.hpp"
#include "core/workflow.hpp"

namespace tickets {

void add_resolve(CLI::App& app, Context& ctx) {
    struct Options {
        std::vector<std::string> ids;
        std::string message, file;
        bool json = false;
    };
    auto o = std::make_shared<Options>();
    auto* cmd = app.add_subcommand("resolve", "Solve tickets, with the solution");
    cmd->alias("solve");
    cmd->add_option("id", o->ids, "Ticket ids (- reads stdin)")->required();
    cmd->add_option("-m,--message", o->message, "The solution (required)")->type_name("SOLUTION");
    cmd->add_option("-F,--file", o->file, "Read the solution from FILE")->type_name("FILE");
    add_json_flag(cmd, o->json);
    cmd->callback([&ctx, o] {
        std::string solution = *read_text(ctx, o->message, o->file, "solution", true);
        change_tickets(
            ctx, o->ids, o->json,
            [&](Repository& repo, const Ticket& t) {
                return make_event(ctx, repo, "resolve", t.id, {{"solution", solution}});
            },
            [](const Ticket& t) -> std::optional<std::string> {
                const Workflow& w = workflow_of(t.workflow);
                if (!w.resolve_to.empty() && t.status == w.resolve_to) return t.status;
                return std::nullopt;
            });
    });
}

} // namespace tickets
