// tickets rate ID… good|bad [--reason TEXT]: the satisfaction rating.
#include "cmd/commands.hpp"
#include "cmd/common.hpp"
#include "core/error.hpp"

namespace tickets {

void add_rate(CLI::App& app, Context& ctx) {
    struct Options {
        std::vector<std::string> args;
        std::string reason;
        bool json = false;
    };
    auto o = std::make_shared<Options>();
    auto* cmd = app.add_subcommand("rate", "Rate the solution of tickets: good or bad");
    cmd->add_option("args", o->args, "Ticket ids, then good or bad")->required()->expected(2, -1);
    cmd->add_option("--reason", o->reason, "Why")->type_name("TEXT");
    add_json_flag(cmd, o->json);
    cmd->callback([&ctx, o] {
        std::vector<std::string> ids = o->args;
        std::string rating = ids.back();
        ids.pop_back();
        if (rating == "gut") rating = "good";
        if (rating == "schlecht") rating = "bad";
        if (rating != "good" && rating != "bad")
            throw Failure(kUsage, "rate: the rating must be good or bad, not '" + rating + "'");
        require_utf8(o->reason, "reason");
        change_tickets(ctx, ids, o->json, [&](Repository& repo, const Ticket& t) {
            return make_event(ctx, repo, "rate", t.id, {{"rating", rating}, {"reason", o->reason}});
        });
    });
}

} // namespace tickets
