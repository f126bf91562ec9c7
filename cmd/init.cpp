// tickets init [DIR]: create a .tickets/ store in DIR (default: here).
#include "cmd/commands.hpp"
#include "store/discovery.hpp"

#include <filesystem>
#include <fmt/format.h>

namespace tickets {

void add_init(CLI::App& app, Context& ctx) {
    auto* cmd = app.add_subcommand("init", "Create a ticket store (.tickets/) here or in DIR");
    auto dir = std::make_shared<std::string>();
    cmd->add_option("dir", *dir, "Directory to create the store in")->type_name("DIR");
    cmd->callback([&ctx, dir] {
        std::optional<std::filesystem::path> start = ctx.options.repo;
        if (!dir->empty()) start = *dir;
        if (start) std::filesystem::create_directories(*start);
        std::filesystem::path target = init_target(start);
        bool existed = std::filesystem::exists(target / "tickets.db");
        auto repo = Repository::create(target);
        ctx.say(fmt::format("{} ticket store in {}",
                            existed ? "Reinitialised existing" : "Initialised empty",
                            std::filesystem::absolute(target).string()));
    });
}

} // namespace tickets
