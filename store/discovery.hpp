#pragma once
// Where the store is, in DESIGN.md's order: --repo/-C DIR, then
// $TICKETS_DIR, then the nearest .tickets/ walking up from the working
// directory, then the per-user default store ($XDG_DATA_HOME/tickets).
#include <filesystem>
#include <optional>

namespace tickets {

struct RepoLocation {
    std::filesystem::path dir; // the store directory itself (holds tickets.db)
    bool exists = false;       // false: the per-user default, not created yet
};

// `start` is the -C/--repo directory when given. Throws Failure(kNotFound)
// when an explicitly named place holds no store.
RepoLocation locate_repo(const std::optional<std::filesystem::path>& start);

// Where `tickets init` creates a store: DIR/.tickets (DIR defaults to -C or
// the working directory), or $TICKETS_DIR when that is set.
std::filesystem::path init_target(const std::optional<std::filesystem::path>& start);

std::filesystem::path user_config_file();   // $XDG_CONFIG_HOME/tickets/config.toml
std::filesystem::path system_config_file(); // /etc/tickets/config.toml

} // namespace tickets
