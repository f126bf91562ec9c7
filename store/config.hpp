#pragma once
// Layered configuration, lowest first: built-in defaults,
// /etc/tickets/config.toml, $XDG_CONFIG_HOME/tickets/config.toml,
// .tickets/config.toml, TICKETS_* environment, command-line flags.
// Keys are "section.name" ("user.email", "domains.muster-hv.de").
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace tickets {

class Config {
  public:
    // Reads every layer; `repo_dir` is the store (may not exist yet).
    // Throws Failure(kConfig) with file, line and column on a malformed file.
    static Config load(const std::optional<std::filesystem::path>& repo_dir);
    // One file alone, without defaults (report --policy FILE); Failure(kDataErr)
    // when it is not there, Failure(kConfig) as above when it is malformed.
    static Config from_file(const std::filesystem::path& file);

    std::optional<std::string> get(const std::string& key) const;
    std::string get_or(const std::string& key, const std::string& fallback) const;
    // Every key of a section: "domains" -> {"muster-hv.de": "Hausverwaltung…"}.
    std::map<std::string, std::string> section(const std::string& name) const;
    // Effective key -> (value, origin) for `config list`.
    const std::map<std::string, std::pair<std::string, std::string>>& entries() const {
        return values_;
    }
    void set_override(const std::string& key, const std::string& value, const std::string& origin);

    // Edits one file; the rest of the file is kept.
    static void set_in_file(const std::filesystem::path& file, const std::string& key,
                            const std::string& value);
    // False when the key was not in the file.
    static bool unset_in_file(const std::filesystem::path& file, const std::string& key);

  private:
    void read_file(const std::filesystem::path& file);
    std::map<std::string, std::pair<std::string, std::string>> values_;
};

// Splits "section.name" at the first dot; throws Failure(kUsage) on a key
// without one.
std::pair<std::string, std::string> split_config_key(const std::string& key);

} // namespace tickets
