// tickets delete ID…: close and mark deleted (hidden from list unless --deleted).
#include "cmd/commands.hpp"
#include "cmd/common.hpp"

namespace tickets {

void add_delete(CLI::App& app, Context& ctx) {
    struct Options {
        std::vector<std::string> ids;
        bool json = false;
    };
    auto o = std::make_shared<Options>();
    auto* cmd = app.add_subcommand("delete", "Close tickets and mark them deleted");
    cmd->add_option("id", o->ids, "Ticket ids (- reads stdin)")->required();
    add_json_flag(cmd, o->json);
    cmd->callback([&ctx, o] {
        change_tickets(
            ctx, o->ids, o->json,
            [&](Repository& repo, const Ticket& t) {
                return make_event(ctx, repo, "delete", t.id, Json::object());
            },
            [](const Ticket& t) -> std::optional<std::string> {
                if (t.deleted) return std::string("deleted");
                return std::nullopt;
            });
    });
}

} // namespace tickets
