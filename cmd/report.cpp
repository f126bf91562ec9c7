// tickets report [FILTER…] [--by FIELD] [--from DATE] [--to DATE]: the desk
// manager's figures (core/report.hpp says how each is counted), as a table,
// --json, --format csv or --format html (one page with charts). With
// --policy FILE, the SLA figures are those the policies of FILE would have
// given: every selected ticket is folded again and its clocks counted
// against them (the targets its events recorded stay as they are).
#include "core/report.hpp"
#include "cmd/commands.hpp"
#include "cmd/common.hpp"
#include "cmd/render.hpp"
#include "core/error.hpp"
#include "core/filter.hpp"
#include "core/report_html.hpp"
#include "core/sla.hpp"
#include "core/text.hpp"
#include "store/sla_config.hpp"

#include <cerrno>
#include <cstring>
#include <fmt/format.h>
#include <fstream>
#include <iostream>

namespace tickets {

namespace {

struct ReportOptions {
    std::vector<std::string> terms;
    std::string by, from, to, format = "table", output, language, policy;
    bool json = false;
};

const std::vector<std::string>& group_fields() {
    static const std::vector<std::string> fields = {"status",   "type",     "priority",
                                                    "product",  "topic",    "category",
                                                    "property", "assignee", "organisation"};
    return fields;
}

std::optional<Instant> instant_of(const Json& t, const char* key) {
    auto it = t.find(key);
    if (it == t.end() || !it->is_string()) return std::nullopt;
    return parse_instant(it->get<std::string>());
}

std::vector<ReportRow> report_rows(Repository& repo, const Filter& f, const std::string& by) {
    std::vector<std::string> keys = {"id",
                                     "status",
                                     "priority",
                                     "created_at",
                                     "answered",
                                     "solved",
                                     "closed",
                                     "rating",
                                     "rating_reason",
                                     "escalation_count",
                                     "reminder_count",
                                     "sla_policy",
                                     "sla_breached"};
    if (!by.empty() && by != "status" && by != "priority") keys.push_back(by);
    std::vector<ReportRow> rows;
    ListOptions all{"id", false, -1, false};
    repo.each_ticket(f, all, keys, [&](const Json& t) {
        ReportRow r;
        r.id = t.at("id").get<std::string>();
        r.status = t.at("status").get<std::string>();
        r.priority = t.at("priority").get<std::string>();
        r.created = *instant_of(t, "created_at");
        r.answered = instant_of(t, "answered");
        r.solved = instant_of(t, "solved");
        r.closed = instant_of(t, "closed");
        r.rating = t.value("rating", "");
        r.rating_reason = t.value("rating_reason", "");
        r.escalations = static_cast<int>(t.value("escalation_count", std::int64_t{0}));
        r.reminders = static_cast<int>(t.value("reminder_count", std::int64_t{0}));
        r.has_sla = t.contains("sla_policy");
        r.sla_breached = t.value("sla_breached", false);
        if (!by.empty()) r.group = t.value(by, "");
        rows.push_back(std::move(r));
    });
    return rows;
}

// What the policies of `file` say of the rows' tickets, as of `now`.
void apply_policy(Repository& repo, const std::string& file, std::vector<ReportRow>& rows,
                  Instant now) {
    const WorkCalendar& calendar = repo.work_calendar();
    SlaSettings policies;
    try {
        policies = sla_settings(flat_config(Config::from_file(file)), calendar.day_seconds());
    } catch (const Failure& f) {
        throw Failure(kDataErr, fmt::format("report: --policy {}: {}", file, f.what()));
    }
    if (policies.policies.empty())
        throw Failure(kDataErr,
                      fmt::format("report: --policy {}: no [sla.NAME] policy in it", file));
    for (auto& r : rows) {
        Ticket t = repo.folded(r.id);
        auto targets = sla_targets_for(t, policies);
        r.has_sla = targets.has_value();
        r.sla_breached = targets && sla_state(t, *targets, calendar, now).breached();
    }
}

void print_table(const Report& report) {
    auto rows = report_table_rows(report);
    std::vector<size_t> widths(rows[0].size(), 0);
    for (const auto& row : rows)
        for (size_t i = 0; i < row.size(); ++i)
            widths[i] = std::max(widths[i], display_width(row[i]));
    std::string out;
    for (const auto& row : rows) {
        std::string line;
        for (size_t i = 0; i < row.size(); ++i) {
            std::string pad(widths[i] - display_width(row[i]), ' ');
            line += i == 0 ? row[i] + pad : "  " + pad + row[i];
        }
        while (!line.empty() && line.back() == ' ') line.pop_back();
        out += line + "\n";
    }
    if (!report.total.bad_reasons.empty()) {
        out += "\nreasons given with bad ratings:\n";
        for (const auto& [reason, n] : report.total.bad_reasons)
            out += fmt::format("  {:>4}  {}\n", n, reason);
    }
    std::cout << out;
}

void run(Context& ctx, ReportOptions& o) {
    if (o.json && o.format != "table")
        throw Failure(kUsage, "report: --json or --format, not both");
    if (!o.output.empty() && o.format == "table")
        throw Failure(kUsage, "report: -o is for --format csv or html");
    if (!o.language.empty() && o.format != "html")
        throw Failure(kUsage, "report: --language is for --format html");
    Instant now = ctx.now();
    std::vector<std::string> terms = o.terms;
    for (const auto& [given, key] :
         {std::pair{o.from, "created.after"}, {o.to, "created.before"}}) {
        if (given.empty()) continue;
        if (!parse_filter_date(given, now))
            throw Failure(kUsage, fmt::format("report: bad date '{}' (use YYYY-MM-DD, an ISO-8601 "
                                              "instant, today, or -30d)",
                                              given));
        terms.push_back(std::string(key) + ":" + given);
    }
    Filter f = parse_filter(terms, now, ctx.me_if_known());
    Repository& repo = ctx.repo();
    repo.refresh_sla();
    const WorkCalendar& calendar = repo.work_calendar();
    std::vector<ReportRow> rows = report_rows(repo, f, o.by);
    if (!o.policy.empty()) apply_policy(repo, o.policy, rows, now);
    Report report = make_report(rows, o.by, calendar, now);
    if (o.json) {
        print_json(report_json(report));
        return;
    }
    if (o.format == "csv") {
        write_text_output(o.output, report_csv(report));
        return;
    }
    if (o.format == "html") {
        std::string language =
            o.language.empty() ? ctx.config().get_or("notify.language", "de") : o.language;
        ReportPage page{language, format_local(now, calendar.calendar().zone), join(o.terms, " "),
                        o.from, o.to};
        write_text_output(o.output, report_html(report, page));
        return;
    }
    print_table(report);
}

} // namespace

void add_report(CLI::App& app, Context& ctx) {
    auto o = std::make_shared<ReportOptions>();
    auto* cmd = app.add_subcommand("report", "Figures for the desk: counts, reply and resolution "
                                             "times, SLA, escalations, satisfaction");
    add_filter_terms(cmd, o->terms, "Filter terms and search words, as for list");
    cmd->add_option("--by", o->by, "Group by " + join(group_fields(), ", "))
        ->check(CLI::IsMember(group_fields()))
        ->type_name("FIELD");
    cmd->add_option("--from", o->from, "Tickets created on or after DATE")->type_name("DATE");
    cmd->add_option("--to", o->to, "Tickets created before DATE")->type_name("DATE");
    add_json_flag(cmd, o->json);
    cmd->add_option("--format", o->format, "table (default), csv, or html: a page with charts")
        ->check(CLI::IsMember({"table", "csv", "html"}));
    cmd->add_option("-o,--output", o->output, "csv, html: write to FILE")->type_name("FILE");
    cmd->add_option("--policy", o->policy,
                    "SLA figures as the [sla.NAME] policies of FILE would have given them")
        ->type_name("FILE");
    cmd->add_option("--language", o->language, "html: de or en (default: notify.language)")
        ->check(CLI::IsMember({"de", "en"}))
        ->type_name("LANG");
    cmd->callback([&ctx, o] { run(ctx, *o); });
}

} // namespace tickets
