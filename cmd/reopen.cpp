// tickets reopen ID… [-m TEXT]: a solved ticket goes back to open.
#include "cmd/commands.hpp"
#include "cmd/common.hpp"

namespace tickets {

void add_reopen(CLI::App& app, Context& ctx) {
    struct Options {
        std::vector<std::string> ids;
        std::string message;
        bool json = false;
    };
    auto o = std::make_shared<Options>();
    auto* cmd = app.add_subcommand("reopen", "Reopen solved tickets");
    cmd->add_option("id", o->ids, "Ticket ids (- reads stdin)")->required();
    cmd->add_option("-m,--message", o->message, "Why (added as a comment)")->type_name("TEXT");
    add_json_flag(cmd, o->json);
    cmd->callback([&ctx, o] {
        require_utf8(o->message, "message");
        change_tickets(ctx, o->ids, o->json, [&](Repository& repo, const Ticket& t) {
            Json payload = Json::object();
            if (!o->message.empty()) payload["message"] = o->message;
            return make_event(ctx, repo, "reopen", t.id, payload);
        });
    });
}

} // namespace tickets
