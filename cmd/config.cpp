// tickets config get|set|unset|list: like `git config`. Writes go to the
// store's config.toml, or with --global to $XDG_CONFIG_HOME/tickets/config.toml.
#include "cmd/commands.hpp"
#include "cmd/common.hpp"
#include "core/error.hpp"
#include "core/text.hpp"
#include "core/workflow.hpp"
#include "store/discovery.hpp"

#include <fmt/format.h>
#include <iostream>

namespace tickets {

namespace {

std::filesystem::path target_file(Context& ctx, bool global) {
    if (global) return user_config_file();
    return ctx.repo_for_write().dir() / "config.toml";
}

} // namespace

void add_config(CLI::App& app, Context& ctx) {
    auto* cmd = app.add_subcommand("config", "Read and write configuration (like git config)");
    cmd->require_subcommand(1);
    auto key = std::make_shared<std::string>();
    auto value = std::make_shared<std::string>();
    auto global = std::make_shared<bool>(false);
    auto origin = std::make_shared<bool>(false);

    auto* get = cmd->add_subcommand("get", "Print a value (exit 3 when unset)");
    get->add_option("key", *key, "section.name")->required();
    get->callback([&ctx, key] {
        split_config_key(*key);
        auto v = ctx.config().get(*key);
        if (!v) throw Failure(kNotFound, fmt::format("config: {} is not set", *key));
        std::cout << *v << "\n";
    });

    auto* set = cmd->add_subcommand("set", "Set a value");
    set->add_option("key", *key, "section.name")->required();
    set->add_option("value", *value, "Value")->required();
    set->add_flag("--global", *global, "Write the per-user file instead of the store's");
    set->callback([&ctx, key, value, global] {
        require_utf8(*value, "config value");
        if (*key == "user.email" && !is_plausible_email(*value))
            throw Failure(kUsage,
                          fmt::format("config: user.email '{}' is not a mail address", *value));
        if (*key == "core.workflow" && !find_workflow(*value))
            throw Failure(kUsage, fmt::format("config: core.workflow '{}' is not a workflow ({})",
                                              *value, join(workflow_names(), ", ")));
        Config::set_in_file(target_file(ctx, *global), *key, *value);
    });

    auto* unset = cmd->add_subcommand("unset", "Remove a value");
    unset->add_option("key", *key, "section.name")->required();
    unset->add_flag("--global", *global, "Edit the per-user file instead of the store's");
    unset->callback([&ctx, key, global] {
        if (!Config::unset_in_file(target_file(ctx, *global), *key))
            throw Failure(kNotFound, fmt::format("config: {} is not set there", *key));
    });

    auto* list = cmd->add_subcommand("list", "Print every effective setting");
    list->add_flag("--show-origin", *origin, "Show where each value comes from");
    list->callback([&ctx, origin] {
        for (const auto& [k, v] : ctx.config().entries()) {
            if (*origin) std::cout << v.second << "\t";
            std::cout << k << "=" << v.first << "\n";
        }
    });
}

} // namespace tickets
