// tickets status ID… STATUS: the workflow's moves that have no command of
// their own (support: open, pending, hold; property: open, approved,
// in-progress, done).
#include "cmd/commands.hpp"
#include "cmd/common.hpp"
#include "core/error.hpp"
#include "core/names.hpp"
#include "core/text.hpp"
#include "core/workflow.hpp"

#include <fmt/format.h>

namespace tickets {

void add_status(CLI::App& app, Context& ctx) {
    struct Options {
        std::vector<std::string> args;
        bool json = false;
    };
    auto o = std::make_shared<Options>();
    auto* cmd = app.add_subcommand(
        "status",
        "Move tickets: open, pending, hold (support); approved, in-progress, done (property)");
    cmd->add_option("args", o->args, "Ticket ids, then the status")->required()->expected(2, -1);
    add_json_flag(cmd, o->json);
    cmd->callback([&ctx, o] {
        std::vector<std::string> ids = o->args;
        std::string name = ids.back();
        ids.pop_back();
        auto status = canonical_status(name);
        if (!status)
            throw Failure(
                kUsage, fmt::format("unknown status '{}' ({})", name, join(all_statuses(), ", ")));
        if (*status == "new") throw Failure(kRefused, "a ticket cannot go back to new");
        change_tickets(
            ctx, ids, o->json,
            [&](Repository& repo, const Ticket& t) {
                const Workflow& w = workflow_of(t.workflow);
                // A status of another workflow is a mistake in the command line,
                // not a move the workflow refuses.
                if (!w.has_status(*status)) {
                    std::vector<std::string> names;
                    for (const auto& s : w.statuses) names.push_back(s.name);
                    throw Failure(kUsage, fmt::format("ticket {}: {} is not a status of the {} "
                                                      "workflow ({})",
                                                      abbrev(repo, t.id), *status, w.name,
                                                      join(names, ", ")));
                }
                // Solving and closing carry their own commands (a solution text, a close event).
                if (*status == w.resolve_to)
                    throw Failure(kUsage, "use 'tickets resolve ID -m SOLUTION' to solve");
                if (*status == w.close_to) throw Failure(kUsage, "use 'tickets close ID' to close");
                return make_event(ctx, repo, "status", t.id, {{"status", *status}});
            },
            [&](const Ticket& t) -> std::optional<std::string> {
                if (t.status == *status) return t.status;
                return std::nullopt;
            });
    });
}

} // namespace tickets
