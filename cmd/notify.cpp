#include "cmd/notify.hpp"

#include "cmd/automation.hpp"

#include "core/error.hpp"
#include "core/notify.hpp"
#include "store/outbox.hpp"

#include <cstdlib>
#include <fmt/format.h>

namespace tickets {

namespace {

struct Staged {
    std::filesystem::path repo_dir;
    std::string name;
};

// The messages staged by this process and not yet promoted.
std::vector<Staged>& staged() {
    static std::vector<Staged> list;
    return list;
}

NotifySettings notify_settings(Context& ctx) {
    NotifySettings s;
    s.from = ctx.config().get_or("notify.from", s.from);
    s.language = ctx.config().get_or("notify.language", s.language);
    if (s.language != "de" && s.language != "en")
        throw Failure(kConfig,
                      fmt::format("config notify.language = '{}' is not de or en", s.language));
    return s;
}

} // namespace

void queue_notifications(Context& ctx, Repository& repo, const Ticket& before, const Event& e,
                         const Ticket& after) {
    queue_hook(repo, e, after);
    std::string enabled = ctx.config().get_or("notify.enabled", "true");
    if (enabled == "false") return;
    if (enabled != "true")
        throw Failure(kConfig,
                      fmt::format("config notify.enabled = '{}' is not true or false", enabled));
    for (const auto& m : notifications(before, e, after, notify_settings(ctx))) {
        stage_message(repo.dir(), m.name, render_message(m));
        staged().push_back({repo.dir(), m.name});
    }
}

void after_commit(Context& ctx) {
    for (const auto& s : staged()) promote_staged(s.repo_dir, s.name);
    staged().clear();
    run_hooks(ctx);
}

std::optional<SmtpSettings> smtp_settings(Context& ctx) {
    auto url = ctx.config().get("smtp.url");
    if (!url || url->empty()) return std::nullopt;
    if (url->rfind("smtp://", 0) != 0 && url->rfind("smtps://", 0) != 0)
        throw Failure(
            kConfig,
            fmt::format("config smtp.url = '{}' must start with smtp:// or smtps://", *url));
    SmtpSettings smtp;
    smtp.url = *url;
    smtp.from = ctx.config().get_or("notify.from", "tickets@localhost");
    if (const char* u = std::getenv("TICKETS_SMTP_USER")) smtp.user = u;
    if (const char* p = std::getenv("TICKETS_SMTP_PASSWORD")) smtp.password = p;
    return smtp;
}

std::string flush_outbox_quietly(Context& ctx) {
    auto smtp = smtp_settings(ctx);
    if (!smtp) return "";
    Repository& repo = ctx.repo();
    recover_staged(repo, ctx.now());
    FlushResult r = flush_outbox(repo.dir(), *smtp);
    std::string out = fmt::format("outbox: {} sent", r.sent);
    if (!r.failures.empty())
        out +=
            fmt::format(", {} kept for the next flush ({})", r.failures.size(), r.failures.front());
    return out;
}

} // namespace tickets
