// tickets show ID…: a ticket's fields and its correspondence in time order.
#include "cmd/commands.hpp"
#include "cmd/common.hpp"
#include "cmd/render.hpp"
#include "cmd/show_printout.hpp"
#include "core/access.hpp"
#include "core/calendar.hpp"
#include "core/error.hpp"
#include "core/history.hpp"
#include "core/names.hpp"
#include "core/pseudonym.hpp"
#include "core/text.hpp"
#include "core/time.hpp"
#include "helper/helper.hpp"
#include "store/accounts.hpp"
#include "sync/sync_client.hpp"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fmt/format.h>
#include <fstream>
#include <iostream>
#include <map>
#include <set>
#include <tuple>

namespace tickets {

namespace {

std::string text(const Json& j, const char* key) {
    const Json& v = j.at(key);
    if (v.is_string()) return v.get<std::string>();
    if (v.is_array()) return join(v.get<std::vector<std::string>>(), ", ");
    return "";
}

// A time of the ticket as a local time in calendar.timezone.
std::string show_when(const Json& j, const char* key, const TimeZone& zone) {
    std::string iso = text(j, key);
    auto t = parse_instant(iso);
    return t ? format_local(*t, zone) : "";
}

// The history entries of a ticket (core/history.hpp), oldest first: the
// changes other than correspondence, by the events' times whatever order
// they arrived in, without those the fold skipped. `clocks`: each event's
// Lamport clock, which orders entries of the same second.
using Clocks = std::map<std::string, std::int64_t>;
Json history_of(Repository& repo, const Json& t, Clocks& clocks) {
    std::set<std::string> skipped;
    for (const auto& s : t.at("skipped_events")) skipped.insert(text(s, "event"));
    std::vector<Event> events = repo.events_of(text(t, "id"));
    std::stable_sort(events.begin(), events.end(), [](const Event& a, const Event& b) {
        return std::tie(a.time, a.lamport, a.id) < std::tie(b.time, b.lamport, b.id);
    });
    Json history = Json::array();
    for (const auto& e : events) {
        clocks[e.id] = e.lamport;
        if (skipped.count(e.id)) continue;
        if (auto change = describe_change(e))
            history.push_back({{"time", format_instant(e.time)},
                               {"author", e.author},
                               {"type", e.type},
                               {"event", e.id},
                               {"text", *change}});
    }
    return history;
}

// "next reply:  running, 2h 30m left (due 2026-12-09 16:00)" per clock.
std::string sla_text(const Json& sla, const TimeZone& zone) {
    std::string out = fmt::format("{:<15}{}\n", "sla:", text(sla, "policy"));
    for (const char* name : {"first_reply", "next_reply", "resolution"}) {
        if (!sla.at("clocks").contains(name)) continue;
        const Json& c = sla.at("clocks").at(name);
        std::string state = text(c, "state");
        auto target = format_working_duration(c.at("target").get<std::int64_t>());
        auto used = c.at("used").get<std::int64_t>(), left = c.at("left").get<std::int64_t>();
        std::string line;
        if (state == "met")
            line = fmt::format("met, {} of {}", format_working_duration(used), target);
        else if (state == "breached")
            line = fmt::format("breached, {} over {}",
                               format_working_duration(std::max<std::int64_t>(
                                   0, used - c.at("target").get<std::int64_t>())),
                               target);
        else
            line = fmt::format("{}, {} of {} left", state, format_working_duration(left), target);
        if (state == "running" ||
            (state == "breached" && c.contains("due") && !c.contains("stopped")))
            line += " (due " + show_when(c, "due", zone) + ")";
        std::string label = name;
        std::replace(label.begin(), label.end(), '_', ' ');
        out += fmt::format("  {:<13}{}\n", label + ":", line);
    }
    return out;
}

void print_ticket(Context& ctx, Repository& repo, const Json& t, const Clocks& clocks) {
    Accounts accounts(repo);
    const TimeZone& zone = ctx.time_zone();
    auto when = [&](const Json& j, const char* key) { return show_when(j, key, zone); };
    std::string out;
    auto field = [&](const char* label, const std::string& value) {
        if (!value.empty()) out += fmt::format("{:<15}{}\n", label, value);
    };
    out += fmt::format("ticket {}  {}\n", abbrev(repo, text(t, "id")), text(t, "subject"));
    std::string status = text(t, "status");
    field("status:", colour_status(ctx, status) + " · " + german_status(status) +
                         (t.at("deleted").get<bool>() ? ", deleted" : ""));
    // Absent in a ticket materialised before workflows were recorded.
    field("workflow:", t.contains("workflow") ? text(t, "workflow") : "support");
    field("type:", text(t, "type"));
    field("priority:", text(t, "priority"));
    field("requester:", requester_text(accounts, t));
    field("cc:", text(t, "cc"));
    field("assignee:", text(t, "assignee"));
    field("group:", text(t, "group"));
    field("product:", text(t, "product"));
    field("topic:", text(t, "topic"));
    field("category:", text(t, "category"));
    field("property:", text(t, "property"));
    field("tags:", text(t, "tags"));
    field("visibility:", text(t, "visibility"));
    if (t.at("escalated").get<bool>())
        field("escalated:", fmt::format("{} time(s)", t.at("escalation_count").get<int>()));
    if (!t.at("satisfaction").is_null())
        field("rating:", text(t.at("satisfaction"), "rating") +
                             (t.at("satisfaction").at("reason").is_string()
                                  ? " (" + text(t.at("satisfaction"), "reason") + ")"
                                  : ""));
    field("follow-up of:", text(t, "follow_up_of").substr(0, 7));
    std::vector<std::string> follow_ups;
    for (const auto& f : t.at("follow_ups"))
        follow_ups.push_back(f.get<std::string>().substr(0, 7));
    field("follow-ups:", join(follow_ups, ", "));
    if (t.value("merged_into", Json()).is_string())
        field("merged into:", abbrev(repo, text(t, "merged_into")));
    std::vector<std::string> merged;
    for (const auto& m : t.value("merged_from", Json::array()))
        merged.push_back(abbrev(repo, m.get<std::string>()));
    field("merged:", join(merged, ", "));
    // "parent: 3f2a1c9 Heizung ausgefallen": what the other ticket is to this one.
    for (const auto& l : t.value("links", Json::array())) {
        std::string other = text(l, "ticket");
        std::string subject;
        if (repo.has_ticket(other)) subject = "  " + text(repo.ticket_json(other), "subject");
        field((text(l, "relation") + ":").c_str(), abbrev(repo, other) + subject);
    }
    field("created:", when(t, "created_at"));
    field("updated:", when(t, "updated_at"));
    field("solved:", when(t, "solved_at"));
    field("closed:", when(t, "closed_at"));
    field("due:", when(t, "due_at"));
    // Sweep state; absent in a ticket materialised by an older version.
    auto later = [&](const char* key) { return t.contains(key) ? when(t, key) : std::string(); };
    field("pending since:", later("pending_since"));
    field("customer reply:", later("customer_replied_at"));
    if (t.value("reminders_sent", 0) > 0)
        field("reminders:", fmt::format("{} (last {})", t.at("reminders_sent").get<int>(),
                                        later("last_reminder_at")));
    field("close reason:", t.contains("close_reason") ? text(t, "close_reason") : "");
    if (t.at("sla").is_object()) out += sla_text(t.at("sla"), zone);
    out += "\n" + text(t, "description") + "\n";
    // Correspondence and history as one timeline, oldest first.
    std::vector<const Json*> timeline;
    for (const auto& c : t.at("comments")) timeline.push_back(&c);
    for (const auto& h : t.at("history")) timeline.push_back(&h);
    auto clock = [&](const Json* entry) {
        auto it = clocks.find(text(*entry, entry->contains("type") ? "event" : "id"));
        return it == clocks.end() ? std::int64_t{0} : it->second; // a merged ticket's
    };
    std::stable_sort(timeline.begin(), timeline.end(), [&](const Json* x, const Json* y) {
        return std::make_tuple(x->at("time").get<std::string>(), clock(x)) <
               std::make_tuple(y->at("time").get<std::string>(), clock(y));
    });
    for (const Json* entry : timeline) {
        const Json& c = *entry;
        std::string by = person_in(ctx, accounts, c, "author", "author_name");
        if (c.contains("type")) { // a history entry: one line
            out += fmt::format("\n··· {}  {}  {}\n", when(c, "time"), by, text(c, "text"));
            continue;
        }
        std::string kind = text(c, "kind");
        std::string label = c.at("internal").get<bool>() ? "internal note"
                            : kind == "comment"          ? "public"
                                                         : kind;
        if (c.contains("merged_from")) label += ", from " + abbrev(repo, text(c, "merged_from"));
        out += fmt::format("\n--- {}  {}  {}\n", when(c, "time"), by, label);
        if (!text(c, "body").empty()) out += text(c, "body") + "\n";
        for (const auto& a : c.at("attachments"))
            out += fmt::format("    attachment: {} ({}, {}, {})\n", text(a, "name"),
                               text(a, "mime"), human_size(a.at("size").get<std::int64_t>()),
                               text(a, "sha256").substr(0, 12));
    }
    for (const auto& s : t.at("skipped_events"))
        out += fmt::format("\nnote: event {} ({}) was not applied: {}\n",
                           text(s, "event").substr(0, 12), text(s, "type"), text(s, "reason"));
    for (const auto& r : t.at("refused"))
        if (text(r, "type") == "create")
            out += fmt::format("\nnote: this ticket was refused by {}: {} (only this store has "
                               "it; 'tickets rejected --drop {}' removes it)\n",
                               text(r, "remote"), text(r, "reason"), abbrev(repo, text(t, "id")));
    std::cout << out;
}

} // namespace

// The correspondence of the tickets merged into `t` (those this store
// holds), each entry marked with its ticket, in time order with its own.
void add_merged_comments(Repository& repo, Json& t) {
    Json& comments = t["comments"];
    bool any = false;
    for (const auto& m : t.value("merged_from", Json::array())) {
        std::string source = m.get<std::string>();
        if (!repo.has_ticket(source)) continue;
        Json merged = repo.ticket_json_with_comments(source);
        // Its description first, as the entry that opened it.
        comments.push_back({{"id", source},
                            {"author", merged["requester"]},
                            {"time", merged["created_at"]},
                            {"kind", "description"},
                            {"internal", false},
                            {"body", merged["description"]},
                            {"attachments", Json::array()},
                            {"merged_from", source}});
        for (auto& c : merged["comments"]) {
            c["merged_from"] = source;
            comments.push_back(c);
        }
        any = true;
    }
    if (any)
        std::stable_sort(comments.begin(), comments.end(), [](const Json& a, const Json& b) {
            return a["time"].get<std::string>() < b["time"].get<std::string>();
        });
}

namespace {

struct ShowOptions {
    std::vector<std::string> ids;
    bool json = false, internal = false;
    std::string format = "text", output, language;
};

// --format markdown|html|pdf: the printouts, to stdout or -o FILE (a PDF
// only to a file, laid out by the helper tickets-pdf). Internal
// notes only when asked, and only for staff where the store has users.
void print_documents(Context& ctx, Repository& repo, const std::vector<Json>& tickets,
                     const ShowOptions& o) {
    if (o.internal)
        if (auto user = acting_user(ctx, repo); user && !is_staff(user->role))
            throw Failure(kNoPerm, fmt::format("show: --internal: internal notes are for agents "
                                               "({} is {})",
                                               user->email, user->role));
    std::string language =
        o.language.empty() ? ctx.config().get_or("notify.language", "de") : o.language;
    std::vector<Printout> printouts;
    for (const auto& t : tickets)
        printouts.push_back(printout_of(ctx, repo, t, language, o.internal));
    if (o.format == "pdf") {
        if (o.output.empty())
            throw Failure(kUsage, "show: --format pdf writes a file: give -o FILE");
        helper::Helper pdf("tickets-pdf", "pdf");
        std::string body =
            printout_json(printouts).dump(-1, ' ', false, Json::error_handler_t::replace);
        write_file_whole(o.output, [&](const std::string& part) {
            pdf.exchange({{{"output", part}}, body});
        });
        return;
    }
    write_text_output(o.output,
                      o.format == "html" ? printout_html(printouts) : printout_markdown(printouts));
}

} // namespace

void add_show(CLI::App& app, Context& ctx) {
    auto o = std::make_shared<ShowOptions>();
    auto* cmd = app.add_subcommand("show", "Show tickets with their correspondence");
    cmd->add_option("id", o->ids, "Ticket ids or unique prefixes (- reads stdin)")->required();
    add_json_flag(cmd, o->json);
    cmd->add_option("--format", o->format,
                    "text (default); markdown, html or pdf: a document for elsewhere, without "
                    "internal notes")
        ->check(CLI::IsMember({"text", "markdown", "html", "pdf"}));
    cmd->add_option("-o,--output", o->output, "markdown, html, pdf: write to FILE")
        ->type_name("FILE");
    cmd->add_flag("--internal", o->internal,
                  "markdown, html, pdf: with the internal notes (agents only)");
    cmd->add_option("--language", o->language,
                    "markdown, html, pdf: labels in de or en (default: notify.language, else de)")
        ->check(CLI::IsMember({"de", "en"}))
        ->type_name("LANG");
    cmd->callback([&ctx, o] {
        bool document = o->format != "text";
        if (!document && (!o->output.empty() || o->internal || !o->language.empty()))
            throw Failure(kUsage, "show: -o, --internal and --language are for --format "
                                  "markdown, html or pdf");
        if (document && o->json) throw Failure(kUsage, "show: --json or --format, not both");
        Repository& repo = ctx.repo();
        std::vector<Json> tickets;
        std::vector<Clocks> clocks;
        Instant now = ctx.now();
        for (const auto& id : resolve_ids(repo, o->ids)) {
            Ticket folded = repo.folded(id);
            tickets.push_back(ticket_to_json(folded, true));
            Json& t = tickets.back();
            t["sla"] = nullptr;
            if (folded.sla) {
                SlaState clocks = sla_state(folded, *folded.sla, repo.work_calendar(), now);
                t["sla"] = sla_state_json(clocks, *folded.sla);
            }
            add_merged_comments(repo, t);
            // The history is for the text and the JSON; printouts have none.
            Clocks& ticket_clocks = clocks.emplace_back();
            if (!document) t["history"] = history_of(repo, t, ticket_clocks);
            std::string requester = t.at("requester").get<std::string>();
            t["anonymous"] = is_pseudonym(requester);
            if (auto owner = Accounts(repo).pseudonym_owner(requester))
                t["anonymous_requester"] = *owner;
            Json& refused = t["refused"] = Json::array();
            for (const auto& r : rejections(repo, id))
                refused.push_back({{"remote", r.remote},
                                   {"event", r.event},
                                   {"type", r.type},
                                   {"reason", r.reason}});
        }
        if (o->json) {
            print_json(tickets.size() == 1 ? tickets.front() : Json(tickets));
            return;
        }
        if (document) {
            print_documents(ctx, repo, tickets, *o);
            return;
        }
        for (size_t i = 0; i < tickets.size(); ++i) {
            if (i) std::cout << "\n";
            print_ticket(ctx, repo, tickets[i], clocks[i]);
        }
    });
}

} // namespace tickets
