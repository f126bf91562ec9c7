// tickets status ID… STATUS: the workflow's other moves (pending, hold, open).
#include "cmd/commands.hpp"
#include "cmd/common.hpp"
#include "core/error.hpp"
#include "core/names.hpp"

#include <fmt/format.h>

namespace tickets {

void add_status(CLI::App& app, Context& ctx) {
    struct Options {
        std::vector<std::string> args;
        bool json = false;
    };
    auto o = std::make_shared<Options>();
    auto* cmd = app.add_subcommand("status", "Set tickets to pending, hold or open");
    cmd->add_option("args", o->args, "Ticket ids, then the status")->required()->expected(2, -1);
    add_json_flag(cmd, o->json);
    cmd->callback([&ctx, o] {
        std::vector<std::string> ids = o->args;
        std::string name = ids.back();
        ids.pop_back();
        auto status = canonical_status(name);
        if (!status)
            throw Failure(kUsage, fmt::format("unknown status '{}' (new, open, pending, hold, solved, closed)", name));
        // Solving and closing carry their own commands (a solution text, a close event).
        if (*status == "solved") throw Failure(kUsage, "use 'tickets resolve ID -m SOLUTION' to solve");
        if (*status == "closed") throw Failure(kUsage, "use 'tickets close ID' to close");
        if (*status == "new") throw Failure(kRefused, "a ticket cannot go back to new");
        change_tickets(ctx, ids, o->json, [&](Repository& repo, const Ticket& t) {
            return make_event(ctx, repo, "status", t.id, {{"status", *status}});
        });
    });
}

} // namespace tickets
