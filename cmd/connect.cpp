#include "cmd/connect.hpp"

#include "core/error.hpp"

#include <cstdlib>
#include <fmt/format.h>
#include <unistd.h>

namespace tickets {

std::string remote_token(Context& ctx, const RemoteInfo& remote) {
    std::string var = remote.token_env.empty() ? "TICKETS_TOKEN" : remote.token_env;
    if (const char* v = std::getenv(var.c_str()); v && *v) return v;
    if (auto configured = ctx.config().get("remote." + remote.name + ".token")) return *configured;
    throw Failure(
        kNoPerm,
        fmt::format("remote {}: no token: set ${} or 'tickets config set remote.{}.token TOKEN'",
                    remote.name, var, remote.name));
}

std::unique_ptr<Remote> connect(Context& ctx, const RemoteInfo& remote) {
    return open_http_remote(remote.url, remote_token(ctx, remote));
}

RemoteInfo require_remote(Repository& repo, const std::string& name) {
    auto r = find_remote(repo, name);
    if (!r)
        throw Failure(kNotFound, fmt::format("no remote '{}' (see 'tickets remote list')", name));
    return *r;
}

Progress progress_line(Context& ctx) {
    if (ctx.options.quiet || ::isatty(STDERR_FILENO) != 1) return nullptr;
    return [](const std::string& line) { fmt::print(stderr, "\r{}\x1b[K", line); };
}

void end_progress(Context& ctx) {
    if (!ctx.options.quiet && ::isatty(STDERR_FILENO) == 1) fmt::print(stderr, "\r\x1b[K");
}

} // namespace tickets
