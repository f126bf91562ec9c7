// tickets clone URL [DIR]: a new store in DIR/.tickets with remote "origin",
// filled by a pull.
#include "cmd/commands.hpp"
#include "cmd/common.hpp"
#include "cmd/connect.hpp"
#include "core/error.hpp"

#include <filesystem>
#include <fmt/format.h>

namespace tickets {

void add_clone(CLI::App& app, Context& ctx) {
    struct Options {
        std::string url, dir = "tickets", token_env;
        bool json = false;
    };
    auto o = std::make_shared<Options>();
    auto* cmd = app.add_subcommand("clone", "Copy a server's tickets into a new store");
    cmd->add_option("url", o->url, "Server URL")->required();
    cmd->add_option("dir", o->dir, "Directory to create (the store goes into DIR/.tickets)")
        ->capture_default_str();
    cmd->add_option("--token-env", o->token_env,
                    "Environment variable that holds the token (default TICKETS_TOKEN)")
        ->type_name("VAR");
    add_json_flag(cmd, o->json);
    cmd->callback([&ctx, o] {
        namespace fs = std::filesystem;
        fs::path store = fs::path(o->dir) / ".tickets";
        if (fs::exists(store / "tickets.db"))
            throw Failure(kRefused, fmt::format("clone: {} already holds a ticket store", o->dir));
        RemoteInfo origin{"origin", o->url, o->token_env, 0};
        remote_token(ctx, origin); // no store is created without a token
        open_http_remote(o->url,
                         ""); // refuses a URL that is not http(s) before anything is created
        fs::create_directories(o->dir);
        {
            auto repo = Repository::create(store);
            Repository::WriteTransaction tx(*repo);
            add_remote(*repo, origin);
            tx.commit();
        }
        ctx.options.repo = fs::path(o->dir);
        try {
            Json summary = run_pull(ctx, "origin");
            if (o->json) print_json(summary);
        } catch (const Failure& f) {
            // A clone cut off midway is resumed with `tickets pull` inside it.
            throw Failure(
                f.code(),
                fmt::format("{} (the clone in {} is incomplete: run 'tickets pull' there)",
                            f.what(), o->dir));
        }
    });
}

} // namespace tickets
