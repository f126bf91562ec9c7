// tickets sweep [--dry-run] [--json]: the time-driven rules, run from cron.
// Reminds the customers of pending tickets and closes pending and solved
// tickets whose time is up (core/sweep.hpp has the rules), and tells the
// assignees of SLA clocks about to run out or run over (core/sla_notify.hpp).
// The whole sweep
// is one write transaction that decides from the state it reads inside it,
// so two sweeps started at once act once, and a second sweep at the same
// time does nothing.
#include "core/sweep.hpp"
#include "cmd/commands.hpp"
#include "cmd/common.hpp"
#include "cmd/notify.hpp"
#include "core/error.hpp"
#include "core/fold.hpp"
#include "core/sla_notify.hpp"
#include "mail/notify_settings.hpp"
#include "store/sla_config.hpp"
#include "sync/sync_client.hpp"

#include <fmt/format.h>

namespace tickets {

namespace {

struct SweepOptions {
    bool dry_run = false, json = false, local = false;
};

// Who the sweep's events are by: the configured user, else the sender
// address of the notifications (a cron job often has no user.email).
std::string sweep_author(Context& ctx) {
    std::string me = ctx.me_if_known();
    return me.empty() ? ctx.config().get_or("notify.from", "tickets@localhost") : me;
}

// The SLA messages due now, each once: the clocks whose deadline is near
// or past, and those that went over while paused, of active tickets.
struct SlaCounts {
    int warnings = 0, breaches = 0;
};
SlaCounts notify_sla(Context& ctx, Repository& repo, Instant now, bool dry_run, Json& actions) {
    SlaCounts counts;
    const SlaSettings& settings = ctx.sla_settings();
    repo.refresh_sla();
    std::vector<std::string> ids;
    {
        SQLite::Statement st(repo.db(),
                             "SELECT t.id FROM ticket_sla s JOIN tickets t USING (rowid) "
                             "WHERE t.deleted = 0 AND t.status NOT IN ('solved', 'closed', "
                             "'done') AND (s.due <= ? OR s.breached = 1) "
                             "ORDER BY t.id");
        st.bind(1, now + settings.warn_before);
        while (st.executeStep()) ids.push_back(st.getColumn(0).getString());
    }
    NotifySettings mail = notify_settings(ctx.config());
    bool notify = notifications_enabled(ctx.config(), authority(repo).has_value());
    SQLite::Statement record(repo.db(), "INSERT OR IGNORE INTO sla_notices (ticket, clock, cycle, "
                                        "stage, sent) VALUES (?, ?, ?, ?, ?)");
    SQLite::Statement known(repo.db(), "SELECT 1 FROM sla_notices WHERE ticket = ? AND clock = ? "
                                       "AND cycle = ? AND stage = ?");
    for (const auto& id : ids) {
        Ticket t = repo.folded(id);
        if (!t.sla) continue;
        SlaState state = sla_state(t, *t.sla, repo.work_calendar(), now);
        for (const auto& n : sla_notices_due(t, state, now, settings.warn_before)) {
            known.bind(1, id);
            known.bind(2, n.clock);
            known.bind(3, n.cycle);
            known.bind(4, n.stage);
            bool sent = known.executeStep();
            known.reset();
            if (sent) continue;
            std::vector<std::string> to;
            if (!t.assignee.empty()) to.push_back(t.assignee);
            for (const auto& a : settings.notify)
                if (std::find(to.begin(), to.end(), a) == to.end()) to.push_back(a);
            (n.stage == "warning" ? counts.warnings : counts.breaches)++;
            actions.push_back({{"ticket", id},
                               {"action", n.stage == "warning" ? "sla-warning" : "sla-breached"},
                               {"clock", n.clock},
                               {"to", to}});
            if (dry_run) continue;
            record.bind(1, id);
            record.bind(2, n.clock);
            record.bind(3, n.cycle);
            record.bind(4, n.stage);
            record.bind(5, std::int64_t{now});
            record.exec();
            record.reset();
            const SlaClock* clock = nullptr;
            for (const auto& c : state.clocks)
                if (c.name == n.clock) clock = &c;
            if (notify && !to.empty() && clock) {
                MailMessage m = sla_message(t, *clock, n, to, mail, ctx.time_zone(), now);
                queue_message(repo, m.name, render_message(m));
            }
        }
    }
    return counts;
}

void run(Context& ctx, const SweepOptions& o) {
    SweepSettings settings = sweep_settings(flat_config(ctx.config()), ctx.time_zone());
    std::string author = sweep_author(ctx);
    Instant now = ctx.now();
    Repository& repo = ctx.repo();
    // Reminders and closings are the server's, once for the team: a clone
    // sweeping too would remind customers twice.
    if (auto origin = authority(repo); origin && !o.local)
        throw Failure(kRefused,
                      fmt::format("sweep: this store is a clone of {} ({}), whose server runs the "
                                  "sweep; run it there, or pass --local to sweep this copy",
                                  origin->name, origin->url));
    Repository::WriteTransaction tx(repo);
    std::vector<std::string> ids;
    {
        SQLite::Statement st(repo.db(), "SELECT id FROM tickets WHERE status IN ('pending', "
                                        "'solved') ORDER BY id");
        while (st.executeStep()) ids.push_back(st.getColumn(0).getString());
    }
    int reminders = 0, closed = 0;
    Json actions = Json::array();
    for (const auto& id : ids) {
        Ticket t = repo.folded(id);
        // The steps due now, one after the other: with sweep.pending_close_days
        // = 0 the second reminder closes the ticket too. Only the last step
        // is mailed (the closing says what the reminder would have).
        struct Step {
            Ticket before;
            Event event;
        };
        std::optional<Step> last;
        for (int step = 0; step < 3; ++step) {
            auto action = sweep_ticket(t, now, settings);
            if (!action) break;
            const Ticket before = t;
            Event e;
            e.type = action->type;
            e.ticket = t.id;
            e.author = author;
            e.time = now;
            e.lamport = repo.next_lamport();
            e.payload = action->payload;
            e = seal(std::move(e));
            if (auto why = apply_event(t, e)) {
                ctx.say(fmt::format("sweep: ticket {}: {}", abbrev(repo, id), *why));
                break;
            }
            Json done = {{"ticket", t.id}, {"action", action->type}};
            done.update(action->payload);
            if (!o.dry_run) {
                repo.append(e);
                done["event"] = e.id;
            }
            (action->type == "remind" ? reminders : closed)++;
            actions.push_back(std::move(done));
            last = Step{before, e};
        }
        if (!last || o.dry_run) continue;
        repo.materialise(t);
        queue_notifications(ctx, repo, last->before, last->event, t);
    }
    SlaCounts sla = notify_sla(ctx, repo, now, o.dry_run, actions);
    if (!o.dry_run) tx.commit();
    if (!o.dry_run) after_commit(ctx);
    std::string sent = o.dry_run ? "" : flush_outbox_quietly(ctx);
    std::string sla_text = sla.warnings + sla.breaches == 0
                               ? ""
                               : fmt::format(", SLA: {} warning{}, {} breached", sla.warnings,
                                             sla.warnings == 1 ? "" : "s", sla.breaches);
    ctx.say(fmt::format(
        "sweep: {} reminder{}, {} closed{}{}{}", reminders, reminders == 1 ? "" : "s", closed,
        sla_text, o.dry_run ? " (dry run: nothing changed)" : "", sent.empty() ? "" : "; " + sent));
    if (o.json) print_json(actions);
}

} // namespace

void add_sweep(CLI::App& app, Context& ctx) {
    auto o = std::make_shared<SweepOptions>();
    auto* cmd = app.add_subcommand("sweep", "Send due reminders and close due tickets (for cron)");
    cmd->add_flag("--dry-run", o->dry_run, "Show what is due without changing anything");
    cmd->add_flag("--local", o->local, "Sweep a clone's copy (its server runs the team's sweep)");
    add_json_flag(cmd, o->json);
    cmd->callback([&ctx, o] { run(ctx, *o); });
}

} // namespace tickets
