// tickets fsck: re-fold every ticket from its events and compare with the
// materialised tables. Exit 0 only when nothing differs.
#include "store/fsck.hpp"
#include "cmd/commands.hpp"
#include "cmd/common.hpp"
#include "core/error.hpp"
#include "core/fold.hpp"

#include <fmt/format.h>
#include <iostream>

namespace tickets {

void add_fsck(CLI::App& app, Context& ctx) {
    auto json = std::make_shared<bool>(false);
    auto* cmd = app.add_subcommand("fsck", "Check the store: events against materialised tables");
    add_json_flag(cmd, *json);
    cmd->callback([&ctx, json] {
        Repository& repo = ctx.repo();
        // SLA deadlines of an earlier working calendar are out of date, not wrong.
        repo.refresh_sla();
        FsckReport report = check_store(repo);
        if (*json) {
            print_json({{"tickets", report.tickets},
                        {"events", report.events},
                        {"problems", report.problems}});
        } else {
            for (const auto& p : report.problems) std::cout << p << "\n";
        }
        if (!report.problems.empty())
            throw Failure(kDataErr,
                          fmt::format("fsck: {} problem(s) in {} ticket(s); 'tickets reindex' "
                                      "rebuilds the tables from the events",
                                      report.problems.size(), report.tickets));
        ctx.say(fmt::format("fsck: {} ticket(s), {} event(s), no problems", report.tickets,
                            report.events));
    });
}

void add_reindex(CLI::App& app, Context& ctx) {
    auto* cmd = app.add_subcommand("reindex", "Rebuild the materialised tables from the events");
    cmd->callback([&ctx] {
        Repository& repo = ctx.repo();
        Repository::WriteTransaction tx(repo);
        size_t n = rebuild_store(repo);
        tx.commit();
        ctx.say(fmt::format("reindex: rebuilt {} ticket(s)", n));
    });
}

} // namespace tickets
