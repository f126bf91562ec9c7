// tickets pull [REMOTE]: fetch what the server has and this store lacks.
#include "cmd/commands.hpp"
#include "cmd/common.hpp"
#include "cmd/connect.hpp"

#include <fmt/format.h>

namespace tickets {

Json run_pull(Context& ctx, const std::string& name) {
    Repository& repo = ctx.repo();
    RemoteInfo info = require_remote(repo, name);
    auto remote = connect(ctx, info);
    PullSummary s = pull(repo, *remote, name, progress_line(ctx));
    end_progress(ctx);
    ctx.say(fmt::format("pull {}: {} event(s) received, {} new, {} ticket(s) changed", name,
                        s.received, s.added, s.tickets));
    return {{"remote", name}, {"received", s.received}, {"new", s.added}, {"tickets", s.tickets}};
}

void add_pull(CLI::App& app, Context& ctx) {
    auto name = std::make_shared<std::string>("origin");
    auto json = std::make_shared<bool>(false);
    auto* cmd = app.add_subcommand("pull", "Fetch new events from a remote");
    cmd->add_option("remote", *name, "Remote name")->capture_default_str();
    add_json_flag(cmd, *json);
    cmd->callback([&ctx, name, json] {
        Json summary = run_pull(ctx, *name);
        if (*json) print_json(summary);
    });
}

} // namespace tickets
