#include "cmd/automation.hpp"

#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <fmt/format.h>
#include <map>
#include <sys/wait.h>
#include <unistd.h>

namespace tickets {

namespace {

struct PendingHook {
    std::filesystem::path repo_dir;
    std::string hook; // post-create or post-change
    std::string ticket, event, event_type;
    std::string json;
};

std::vector<PendingHook>& pending() {
    static std::vector<PendingHook> list;
    return list;
}

std::string shell_quote(const std::string& s) {
    std::string out = "'";
    for (char c : s) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
    return out + "'";
}

// Exit status of the hook, or -1 when it could not be run.
int run_one(const PendingHook& h, const std::filesystem::path& path) {
    ::setenv("TICKETS_HOOK", h.hook.c_str(), 1);
    ::setenv("TICKETS_TICKET", h.ticket.c_str(), 1);
    ::setenv("TICKETS_EVENT", h.event.c_str(), 1);
    ::setenv("TICKETS_EVENT_TYPE", h.event_type.c_str(), 1);
    // Git-style: run in the directory above the store; the hook's output
    // goes to stderr so that it never mixes with the command's data.
    std::string command =
        fmt::format("cd {} && {} 1>&2", shell_quote(h.repo_dir.parent_path().string()),
                    shell_quote(path.string()));
    std::fflush(stdout);
    auto old = std::signal(SIGPIPE, SIG_IGN); // a hook need not read its stdin
    FILE* pipe = ::popen(command.c_str(), "w");
    if (!pipe) {
        std::signal(SIGPIPE, old);
        return -1;
    }
    std::fwrite(h.json.data(), 1, h.json.size(), pipe);
    int status = ::pclose(pipe);
    std::signal(SIGPIPE, old);
    if (status == -1) return -1;
    if (WIFEXITED(status)) return WEXITSTATUS(status);
    return 128 + (WIFSIGNALED(status) ? WTERMSIG(status) : 0);
}

} // namespace

void queue_hook(const Repository& repo, const Event& e, const Ticket& after) {
    std::string hook = e.type == "create" ? "post-create" : "post-change";
    std::filesystem::path path = repo.dir() / "hooks" / hook;
    // Looked for once per process and hook: a bulk change asks per ticket.
    static std::map<std::filesystem::path, bool> installed;
    auto [known, added] = installed.try_emplace(path, false);
    if (added) known->second = ::access(path.c_str(), X_OK) == 0;
    if (!known->second) return;
    pending().push_back(
        {repo.dir(), hook, after.id, e.id, e.type,
         ticket_to_json(after, true).dump(-1, ' ', false, Json::error_handler_t::replace) + "\n"});
}

void run_hooks(Context& ctx) {
    std::vector<PendingHook> hooks;
    hooks.swap(pending());
    for (const auto& h : hooks) {
        std::filesystem::path path = h.repo_dir / "hooks" / h.hook;
        int rc = run_one(h, path);
        if (rc != 0)
            fmt::print(stderr, "tickets: hook {} failed for ticket {} ({}); the change stays\n",
                       h.hook, h.ticket.substr(0, 7),
                       rc < 0 ? std::string("cannot run it") : fmt::format("exit {}", rc));
    }
    (void)ctx; // kept for a future hooks.* config
}

} // namespace tickets
