// tickets config get|set|unset|list: like `git config`. Writes go to the
// store's config.toml, or with --global to $XDG_CONFIG_HOME/tickets/config.toml.
#include "cmd/commands.hpp"
#include "cmd/common.hpp"
#include "core/attachment_policy.hpp"
#include "core/error.hpp"
#include "core/names.hpp"
#include "core/sweep.hpp"
#include "core/text.hpp"
#include "core/workflow.hpp"
#include "store/discovery.hpp"
#include "store/sla_config.hpp"
#include "store/time_zone.hpp"

#include <algorithm>
#include <fmt/format.h>
#include <iostream>

namespace tickets {

namespace {

std::filesystem::path target_file(Context& ctx, bool global) {
    if (global) return user_config_file();
    return ctx.repo_for_write().dir() / "config.toml";
}

bool is_count(const std::string& v) {
    return !v.empty() && v.size() <= 12 &&
           std::all_of(v.begin(), v.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// A value checked when it is set, by the code that will read it where
// there is such code (the sweep's days, the calendar): a bad one is refused
// now rather than at the next cron run. Keys of one's own (domains.*,
// rules.*, macros.*) are not checked here. `current`: the effective config,
// for settings read together (an SLA policy with the working hours).
void check_value(const std::string& key, const std::string& value,
                 std::map<std::string, std::string> current) {
    auto refuse = [&](const std::string& what) {
        throw Failure(kUsage, fmt::format("config: {} '{}' is not {}", key, value, what));
    };
    if (key == "user.email" || key == "notify.from") {
        if (!is_plausible_email(value)) refuse("a mail address");
    } else if (key == "core.workflow") {
        if (!find_workflow(value))
            refuse(fmt::format("a workflow ({})", join(workflow_names(), ", ")));
    } else if (key == "core.open" || key == "notify.enabled") {
        if (value != "true" && value != "false") refuse("true or false");
    } else if (key == "mail.max_bytes" || key == "mail.max_per_hour") {
        if (!is_count(value)) refuse("a whole number");
    } else if (key == "notify.language") {
        if (value != "de" && value != "en") refuse("de or en");
    } else if (key.rfind("priority.", 0) == 0) {
        if (!canonical_type(key.substr(9)))
            throw Failure(kUsage, fmt::format("config: {}: '{}' is not a type ({})", key,
                                              key.substr(9), join(all_types(), ", ")));
        if (!canonical_priority(value))
            refuse(fmt::format("a priority ({})", join(all_priorities(), ", ")));
    } else if (key.rfind("calendar.hours.", 0) == 0 || key.rfind("sla.", 0) == 0) {
        current[key] = value;
        try {
            sla_settings(current, working_day_seconds(working_hours(current)));
        } catch (const Failure& f) {
            // A policy is checked whole: its first key may be a condition.
            bool incomplete = std::string(f.what()).find(": no target") != std::string::npos;
            if (!incomplete) throw Failure(kUsage, f.what());
        }
    } else if (key == "serve.url") {
        if (value.rfind("http://", 0) != 0 && value.rfind("https://", 0) != 0)
            refuse("a URL starting with http:// or https://");
    } else if (key.rfind("portal.attachments.", 0) == 0) {
        try {
            attachment_policy({{key.substr(19), value}});
        } catch (const Failure& f) {
            throw Failure(kUsage, f.what());
        }
    } else if (key == "portal.workflows" || key == "portal.types" ||
               key.rfind("portal.required.", 0) == 0) {
        if (key.rfind("portal.required.", 0) == 0 && !canonical_type(key.substr(16)))
            throw Failure(kUsage, fmt::format("config: {}: '{}' is not a type ({})", key,
                                              key.substr(16), join(all_types(), ", ")));
        const std::vector<std::string> fields = {"product", "topic", "category", "property", "cc"};
        for (const auto& part : split(value, ',')) {
            std::string item = trim(part);
            bool known = key == "portal.workflows" ? find_workflow(item) != nullptr
                         : key == "portal.types"
                             ? canonical_type(item).has_value()
                             : std::find(fields.begin(), fields.end(), item) != fields.end();
            if (!known)
                refuse(key == "portal.workflows"
                           ? "a list of workflows (" + join(workflow_names(), ", ") + ")"
                       : key == "portal.types" ? "a list of types (" + join(all_types(), ", ") + ")"
                                               : "a list of fields (" + join(fields, ", ") + ")");
        }
    } else if (key.rfind("sweep.", 0) == 0 || key.rfind("calendar.", 0) == 0) {
        try {
            TimeZone zone = key == "calendar.timezone" ? configured_time_zone(value) : TimeZone{};
            sweep_settings({{key, value}}, zone);
        } catch (const Failure& f) {
            throw Failure(kUsage, f.what());
        }
    }
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
        check_value(*key, *value, flat_config(ctx.config()));
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
