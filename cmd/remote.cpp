// tickets remote add|remove|list: the servers this store syncs with.
#include "cmd/commands.hpp"
#include "cmd/common.hpp"
#include "core/error.hpp"
#include "sync/sync_client.hpp"

#include <fmt/format.h>
#include <iostream>

namespace tickets {

void add_remote_command(CLI::App& app, Context& ctx) {
    auto* cmd = app.add_subcommand("remote", "Manage the servers this store syncs with");
    cmd->require_subcommand(1);
    auto name = std::make_shared<std::string>();
    auto url = std::make_shared<std::string>();
    auto token_env = std::make_shared<std::string>();
    auto json = std::make_shared<bool>(false);

    auto* add = cmd->add_subcommand("add", "Add a remote: NAME URL");
    add->add_option("name", *name, "Remote name (e.g. origin)")->required();
    add->add_option("url", *url, "Server URL (http://host:port)")->required();
    add->add_option("--token-env", *token_env, "Environment variable that holds the token")
        ->type_name("VAR");
    add->callback([&ctx, name, url, token_env] {
        if (url->rfind("http://", 0) != 0 && url->rfind("https://", 0) != 0)
            throw Failure(kUsage,
                          fmt::format("remote URL '{}' must start with http:// or https://", *url));
        Repository& repo = ctx.repo();
        Repository::WriteTransaction tx(repo);
        add_remote(repo, {*name, *url, *token_env, 0});
        tx.commit();
    });

    auto* remove = cmd->add_subcommand("remove", "Remove a remote");
    remove->add_option("name", *name, "Remote name")->required();
    remove->callback([&ctx, name] {
        Repository& repo = ctx.repo();
        Repository::WriteTransaction tx(repo);
        if (!remove_remote(repo, *name))
            throw Failure(kNotFound, fmt::format("no remote '{}'", *name));
        tx.commit();
    });

    auto* list = cmd->add_subcommand("list", "List remotes");
    add_json_flag(list, *json);
    list->callback([&ctx, json] {
        Json out = Json::array();
        for (const auto& r : list_remotes(ctx.repo())) {
            if (*json)
                out.push_back({{"name", r.name},
                               {"url", r.url},
                               {"token_env", r.token_env},
                               {"cursor", r.cursor}});
            else
                std::cout << r.name << "\t" << r.url << "\n";
        }
        if (*json) print_json(out);
    });
}

} // namespace tickets
