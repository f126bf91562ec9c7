#include "store/config.hpp"

#include "core/error.hpp"

#include <cstdlib>
#include <fmt/format.h>
#include <fstream>
#include <toml++/toml.h>

#include "store/discovery.hpp"

namespace fs = std::filesystem;

namespace tickets {

namespace {

// TOML scalars as the text `config get` prints.
std::string scalar_text(const toml::node& node) {
    if (auto s = node.value<std::string>()) return *s;
    if (node.is_boolean()) return *node.value<bool>() ? "true" : "false";
    if (node.is_integer()) return std::to_string(*node.value<std::int64_t>());
    if (node.is_floating_point()) return fmt::format("{}", *node.value<double>());
    if (auto arr = node.as_array()) {
        std::string out;
        for (const auto& item : *arr) {
            if (!out.empty()) out += ",";
            out += scalar_text(item);
        }
        return out;
    }
    std::ostringstream s;
    if (auto d = node.as_date())
        s << *d;
    else if (auto t = node.as_date_time())
        s << *t;
    return s.str();
}

void flatten(const toml::table& table, const std::string& prefix, const std::string& origin,
             std::map<std::string, std::pair<std::string, std::string>>& out) {
    for (const auto& [key, node] : table) {
        std::string name =
            prefix.empty() ? std::string(key.str()) : prefix + "." + std::string(key.str());
        if (auto sub = node.as_table())
            flatten(*sub, name, origin, out);
        else
            out[name] = {scalar_text(node), origin};
    }
}

toml::table parse_or_fail(const fs::path& file) {
    try {
        return toml::parse_file(file.string());
    } catch (const toml::parse_error& e) {
        const auto& where = e.source().begin;
        throw Failure(kConfig, fmt::format("{}:{}:{}: {}", file.string(), where.line, where.column,
                                           e.description()));
    }
}

} // namespace

std::pair<std::string, std::string> split_config_key(const std::string& key) {
    size_t dot = key.find('.');
    if (dot == std::string::npos || dot == 0 || dot + 1 == key.size())
        throw Failure(kUsage, fmt::format("config key '{}' must look like section.name", key));
    return {key.substr(0, dot), key.substr(dot + 1)};
}

void Config::read_file(const fs::path& file) {
    std::error_code ec;
    if (!fs::is_regular_file(file, ec)) return;
    flatten(parse_or_fail(file), "", file.string(), values_);
}

Config Config::from_file(const fs::path& file) {
    std::error_code ec;
    if (!fs::is_regular_file(file, ec))
        throw Failure(kDataErr, fmt::format("{}: no such file", file.string()));
    Config c;
    c.read_file(file);
    return c;
}

Config Config::load(const std::optional<fs::path>& repo_dir) {
    Config c;
    // Built-in defaults (DOMAIN.md): priority by type.
    for (auto [type, priority] : {std::pair{"question", "low"},
                                  {"incident", "normal"},
                                  {"feature", "normal"},
                                  {"urgent", "high"}})
        c.values_[std::string("priority.") + type] = {priority, "default"};
    c.values_["core.workflow"] = {"support", "default"};
    c.read_file(system_config_file());
    c.read_file(user_config_file());
    if (repo_dir) c.read_file(*repo_dir / "config.toml");
    if (const char* user = std::getenv("TICKETS_USER"); user && *user)
        c.set_override("user.email", user, "TICKETS_USER");
    if (const char* name = std::getenv("TICKETS_NAME"); name && *name)
        c.set_override("user.name", name, "TICKETS_NAME");
    return c;
}

std::optional<std::string> Config::get(const std::string& key) const {
    auto it = values_.find(key);
    if (it == values_.end()) return std::nullopt;
    return it->second.first;
}

std::string Config::get_or(const std::string& key, const std::string& fallback) const {
    return get(key).value_or(fallback);
}

std::map<std::string, std::string> Config::section(const std::string& name) const {
    std::map<std::string, std::string> out;
    std::string prefix = name + ".";
    for (auto it = values_.lower_bound(prefix);
         it != values_.end() && it->first.rfind(prefix, 0) == 0; ++it)
        out[it->first.substr(prefix.size())] = it->second.first;
    return out;
}

void Config::set_override(const std::string& key, const std::string& value,
                          const std::string& origin) {
    values_[key] = {value, origin};
}

void Config::set_in_file(const fs::path& file, const std::string& key, const std::string& value) {
    auto [section, name] = split_config_key(key);
    std::error_code ec;
    toml::table root = fs::exists(file, ec) ? parse_or_fail(file) : toml::table{};
    toml::node* existing = root.get(section);
    if (existing && !existing->is_table())
        throw Failure(kConfig, fmt::format("{}: '{}' is not a table", file.string(), section));
    if (!existing) root.insert(section, toml::table{});
    root.get(section)->as_table()->insert_or_assign(name, value);
    fs::create_directories(file.parent_path());
    fs::path tmp = file;
    tmp += ".tmp";
    {
        std::ofstream out(tmp);
        out << root << "\n";
        if (!out.flush()) throw Failure(kConfig, fmt::format("cannot write {}", tmp.string()));
    }
    fs::rename(tmp, file);
}

bool Config::unset_in_file(const fs::path& file, const std::string& key) {
    auto [section, name] = split_config_key(key);
    std::error_code ec;
    if (!fs::exists(file, ec)) return false;
    toml::table root = parse_or_fail(file);
    auto* table = root.get(section) ? root.get(section)->as_table() : nullptr;
    if (!table || !table->erase(name)) return false;
    std::ofstream out(file);
    out << root << "\n";
    return true;
}

} // namespace tickets
