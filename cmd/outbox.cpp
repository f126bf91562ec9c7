// tickets outbox list [--sent] [--json] | tickets outbox flush [--json]:
// the mail notifications waiting in .tickets/outbox/, and sending them
// through the SMTP server of smtp.url.
#include "cmd/commands.hpp"
#include "cmd/common.hpp"
#include "cmd/notify.hpp"
#include "core/error.hpp"

#include <fmt/format.h>
#include <iostream>

namespace tickets {

namespace {

Json message_json(const OutboxMessage& m) {
    return {{"name", m.name},     {"date", m.date},   {"from", m.from},
            {"to", m.to},         {"cc", m.cc},       {"subject", m.subject},
            {"ticket", m.ticket}, {"event", m.event}, {"path", m.path.string()}};
}

void list(Context& ctx, bool sent, bool json) {
    Repository& repo = ctx.repo();
    settle_outbox(repo);
    auto messages = outbox_messages(repo.dir(), sent);
    if (json) {
        Json out = Json::array();
        for (const auto& m : messages) out.push_back(message_json(m));
        print_json(out);
        return;
    }
    for (const auto& m : messages)
        std::cout << fmt::format("{}\t{}\t{}\t{}\n", m.name.substr(0, 12), m.date, m.to, m.subject);
    if (!sent)
        ctx.say(fmt::format("outbox: {} message{} waiting", messages.size(),
                            messages.size() == 1 ? "" : "s"));
}

void flush(Context& ctx, bool json) {
    Repository& repo = ctx.repo();
    auto smtp = smtp_settings(ctx);
    settle_outbox(repo);
    if (!smtp) {
        auto waiting = outbox_messages(repo.dir()).size();
        throw Failure(kConfig, fmt::format("outbox flush: no smtp.url configured ({} message{} "
                                           "stay in the outbox)",
                                           waiting, waiting == 1 ? "" : "s"));
    }
    FlushResult r = flush_outbox(repo.dir(), *smtp);
    if (json) print_json({{"sent", r.sent}, {"failed", r.failures}});
    if (r.failures.empty()) ctx.say(fmt::format("outbox: {} sent", r.sent));
    if (!r.failures.empty())
        throw Failure(kUnavailable,
                      fmt::format("outbox flush: {} sent, {} not sent and kept for the next flush "
                                  "({})",
                                  r.sent, r.failures.size(), r.failures.front()));
}

} // namespace

void add_outbox(CLI::App& app, Context& ctx) {
    struct Options {
        bool sent = false, json = false;
    };
    auto o = std::make_shared<Options>();
    auto* cmd = app.add_subcommand("outbox", "Mail notifications waiting to be sent");
    cmd->require_subcommand(1);
    auto* ls = cmd->add_subcommand("list", "List the messages in the outbox");
    ls->add_flag("--sent", o->sent, "List the messages already sent");
    add_json_flag(ls, o->json);
    ls->callback([&ctx, o] { list(ctx, o->sent, o->json); });
    auto* fl = cmd->add_subcommand("flush", "Send the outbox through smtp.url");
    add_json_flag(fl, o->json);
    fl->callback([&ctx, o] { flush(ctx, o->json); });
}

} // namespace tickets
