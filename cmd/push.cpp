// tickets push [REMOTE]: send the events the server lacks. Events the server
// rejects (role, author) are reported and not sent again.
#include "cmd/commands.hpp"
#include "cmd/common.hpp"
#include "cmd/connect.hpp"
#include "core/error.hpp"

#include <fmt/format.h>

namespace tickets {

Json run_push(Context& ctx, const std::string& name) {
    Repository& repo = ctx.repo();
    RemoteInfo info = require_remote(repo, name);
    auto remote = connect(ctx, info);
    PushSummary s = push(repo, *remote, name, progress_line(ctx));
    end_progress(ctx);
    for (const auto& r : s.rejections)
        ctx.say(fmt::format("push {}: {} {}: {} rejected: {}", name,
                            r.value("type", "") == "article" ? "article" : "ticket",
                            r["ticket"].get<std::string>(), r["type"].get<std::string>(),
                            r["reason"].get<std::string>()));
    ctx.say(fmt::format("push {}: {} event(s) sent, {} accepted, {} already there, {} rejected",
                        name, s.sent, s.accepted, s.duplicate, s.rejected));
    return {{"remote", name},           {"sent", s.sent},         {"accepted", s.accepted},
            {"duplicate", s.duplicate}, {"rejected", s.rejected}, {"rejections", s.rejections}};
}

void add_push(CLI::App& app, Context& ctx) {
    auto name = std::make_shared<std::string>("origin");
    auto json = std::make_shared<bool>(false);
    auto* cmd = app.add_subcommand("push", "Send local events to a remote");
    cmd->add_option("remote", *name, "Remote name")->capture_default_str();
    add_json_flag(cmd, *json);
    cmd->callback([&ctx, name, json] {
        Json summary = run_push(ctx, *name);
        if (*json) print_json(summary);
        if (summary["rejected"].get<int>() > 0)
            throw Failure(kRefused, fmt::format("push {}: {} event(s) rejected", *name,
                                                summary["rejected"].get<int>()));
    });
}

void add_sync(CLI::App& app, Context& ctx) {
    auto name = std::make_shared<std::string>("origin");
    auto json = std::make_shared<bool>(false);
    auto* cmd = app.add_subcommand("sync", "Pull, then push");
    cmd->add_option("remote", *name, "Remote name")->capture_default_str();
    add_json_flag(cmd, *json);
    cmd->callback([&ctx, name, json] {
        Json pulled = run_pull(ctx, *name);
        Json pushed = run_push(ctx, *name);
        if (*json) print_json({{"pull", pulled}, {"push", pushed}});
        if (pushed["rejected"].get<int>() > 0)
            throw Failure(kRefused, fmt::format("sync {}: {} event(s) rejected", *name,
                                                pushed["rejected"].get<int>()));
    });
}

} // namespace tickets
