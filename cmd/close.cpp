// tickets close ID…: the final status.
#include "cmd/commands.hpp"
#include "cmd/common.hpp"
#include "core/workflow.hpp"

namespace tickets {

void add_close(CLI::App& app, Context& ctx) {
    struct Options {
        std::vector<std::string> ids;
        bool json = false;
    };
    auto o = std::make_shared<Options>();
    auto* cmd = app.add_subcommand("close", "Close tickets (final)");
    cmd->add_option("id", o->ids, "Ticket ids (- reads stdin)")->required();
    add_json_flag(cmd, o->json);
    cmd->callback([&ctx, o] {
        change_tickets(
            ctx, o->ids, o->json,
            [&](Repository& repo, const Ticket& t) {
                return make_event(ctx, repo, "close", t.id, Json::object());
            },
            [](const Ticket& t) -> std::optional<std::string> {
                const Workflow& w = workflow_of(t.workflow);
                if (!w.close_to.empty() && t.status == w.close_to) return t.status;
                return std::nullopt;
            });
    });
}

} // namespace tickets
