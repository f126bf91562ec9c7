#include "store/discovery.hpp"

#include "core/error.hpp"

#include <cstdlib>
#include <fmt/format.h>

namespace fs = std::filesystem;

namespace tickets {

namespace {

bool is_store(const fs::path& dir) {
    std::error_code ec;
    return fs::is_regular_file(dir / "tickets.db", ec);
}

std::optional<fs::path> env_path(const char* name) {
    const char* v = std::getenv(name);
    if (v == nullptr || *v == '\0') return std::nullopt;
    return fs::path(v);
}

fs::path home() {
    return env_path("HOME").value_or("/");
}

std::optional<fs::path> walk_up(fs::path dir) {
    std::error_code ec;
    dir = fs::absolute(dir, ec);
    for (;;) {
        if (is_store(dir / ".tickets")) return dir / ".tickets";
        if (!dir.has_parent_path() || dir.parent_path() == dir) return std::nullopt;
        dir = dir.parent_path();
    }
}

} // namespace

RepoLocation locate_repo(const std::optional<fs::path>& start) {
    if (start) {
        std::error_code ec;
        if (!fs::is_directory(*start, ec))
            throw Failure(kNotFound,
                          fmt::format("cannot use {}: no such directory", start->string()));
        if (is_store(*start)) return {*start, true};
        if (auto found = walk_up(*start)) return {*found, true};
        throw Failure(kNotFound, fmt::format("no ticket store in {} or its parents (run 'tickets "
                                             "init')",
                                             start->string()));
    }
    if (auto dir = env_path("TICKETS_DIR")) {
        if (!is_store(*dir))
            throw Failure(kNotFound, fmt::format("TICKETS_DIR={}: no ticket store there (run "
                                                 "'tickets init')",
                                                 dir->string()));
        return {*dir, true};
    }
    if (auto found = walk_up(fs::current_path())) return {*found, true};
    fs::path data = env_path("XDG_DATA_HOME").value_or(home() / ".local" / "share");
    fs::path fallback = data / "tickets";
    return {fallback, is_store(fallback)};
}

fs::path init_target(const std::optional<fs::path>& start) {
    if (start) return *start / ".tickets";
    if (auto dir = env_path("TICKETS_DIR")) return *dir;
    return fs::current_path() / ".tickets";
}

fs::path user_config_file() {
    return env_path("XDG_CONFIG_HOME").value_or(home() / ".config") / "tickets" / "config.toml";
}

fs::path system_config_file() {
    return "/etc/tickets/config.toml";
}

} // namespace tickets
