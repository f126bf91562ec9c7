#include "cmd/notify.hpp"

#include "cmd/automation.hpp"

#include "core/error.hpp"
#include "core/notify.hpp"
#include "mail/notify_settings.hpp"
#include "mail/outbox.hpp"
#include "store/accounts.hpp"
#include "sync/sync_client.hpp"

#include <cstdlib>
#include <fmt/format.h>

namespace tickets {

namespace {

struct Queued {
    std::filesystem::path repo_dir;
    std::string name, content;
};

// The messages queued by this process, whose files are not written yet.
std::vector<Queued>& queued() {
    static std::vector<Queued> list;
    return list;
}

} // namespace

void queue_notifications(Context& ctx, Repository& repo, const Ticket& before, const Event& e,
                         const Ticket& after) {
    queue_hook(repo, e, after);
    // One store per process, whose remotes and config a command does not
    // change: read once.
    static std::optional<bool> enabled;
    if (!enabled) enabled = notifications_enabled(ctx.config(), authority(repo).has_value());
    if (!*enabled) return;
    static std::optional<NotifySettings> settings;
    if (!settings) {
        settings = notify_settings(ctx.config());
        settings->staff = Accounts(repo).staff_addresses();
    }
    Accounts accounts(repo);
    learn_identity(*settings, accounts, after);
    for (const auto& m : notifications(before, e, after, *settings)) {
        std::string content = render_message(m);
        queue_message(repo, m.name, content);
        queued().push_back({repo.dir(), m.name, std::move(content)});
    }
}

void after_commit(Context& ctx) {
    for (const auto& m : queued()) {
        try {
            write_message(m.repo_dir, m.name, m.content);
        } catch (const Failure& e) {
            fmt::print(stderr,
                       "tickets: {}; the message stays queued in the store and is "
                       "written by the next 'tickets outbox list'\n",
                       e.what());
        }
    }
    queued().clear();
    run_hooks(ctx);
}

std::optional<SmtpSettings> smtp_settings(Context& ctx) {
    return smtp_settings(ctx.config());
}

std::string flush_outbox_quietly(Context& ctx) {
    Repository& repo = ctx.repo();
    settle_outbox(repo); // also without smtp.url, so that the queue stays short
    auto smtp = smtp_settings(ctx);
    if (!smtp) return "";
    FlushResult r = flush_outbox(repo.dir(), *smtp);
    std::string out = fmt::format("outbox: {} sent", r.sent);
    if (!r.failures.empty())
        out +=
            fmt::format(", {} kept for the next flush ({})", r.failures.size(), r.failures.front());
    return out;
}

} // namespace tickets
