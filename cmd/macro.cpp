// tickets macro list | apply NAME ID… [--dry-run]: canned replies with
// field changes, from [macros.NAME] in the config (core/macro.hpp). An
// apply is one transaction over every ticket: all of them or none.
#include "core/macro.hpp"
#include "cmd/commands.hpp"
#include "cmd/common.hpp"
#include "cmd/notify.hpp"
#include "core/error.hpp"
#include "core/fold.hpp"
#include "core/text.hpp"

#include <algorithm>
#include <fmt/format.h>
#include <iostream>

namespace tickets {

namespace {

struct MacroOptions {
    std::string name;
    std::vector<std::string> ids;
    bool dry_run = false, json = false;
};

std::vector<Macro> configured_macros(Context& ctx) {
    return parse_macros(ctx.config().section("macros"));
}

Macro find_macro(Context& ctx, const std::string& name) {
    auto macros = configured_macros(ctx);
    for (const auto& m : macros)
        if (m.name == name) return m;
    std::vector<std::string> names;
    for (const auto& m : macros) names.push_back(m.name);
    throw Failure(kNotFound, fmt::format("macro: no macro '{}' (configured: {})", name,
                                         names.empty() ? "none" : join(names, ", ")));
}

// The events of the macro for one ticket, in order: field changes, then the
// reply (filled for the state they leave).
std::vector<std::pair<std::string, Json>> changes(Context& ctx, const Macro& m, const Ticket& t) {
    std::vector<std::pair<std::string, Json>> out;
    Json set = Json::object();
    if (!m.priority.empty() && m.priority != t.priority) set["priority"] = m.priority;
    std::vector<std::string> tags = t.tags;
    for (const auto& tag : m.tags)
        if (std::find(tags.begin(), tags.end(), tag) == tags.end()) tags.push_back(tag);
    if (tags != t.tags) set["tags"] = tags;
    if (!set.empty()) out.emplace_back("set", with_sla_targets(ctx, t, "set", set));
    if (!m.assign.empty()) {
        std::string to = m.assign == "me" ? ctx.me() : m.assign == "none" ? "" : m.assign;
        if (to != t.assignee) out.emplace_back("assign", Json{{"assignee", to}});
    }
    if (!m.status.empty() && m.status != t.status)
        out.emplace_back("status", Json{{"status", m.status}});
    return out;
}

void list(Context& ctx, bool json) {
    Json out = Json::array();
    for (const auto& m : configured_macros(ctx)) {
        Json j = {{"name", m.name},         {"title", m.title},   {"reply", m.reply},
                  {"internal", m.internal}, {"status", m.status}, {"priority", m.priority},
                  {"assign", m.assign},     {"tags", m.tags}};
        if (!json) {
            std::cout << m.name << "\t" << (m.title.empty() ? m.reply.substr(0, 60) : m.title)
                      << "\n";
            continue;
        }
        out.push_back(j);
    }
    if (json) print_json(out);
}

void apply(Context& ctx, const MacroOptions& o) {
    Macro m = find_macro(ctx, o.name);
    Person agent{ctx.me(), ctx.config().get_or("user.name", "")};
    if (agent.name.empty()) agent.name = name_from_address(agent.email);
    Repository& repo = ctx.repo();
    std::vector<std::string> ids = resolve_ids(repo, o.ids);
    Repository::WriteTransaction tx(repo);
    std::optional<std::optional<User>> acting;
    Json previews = Json::array();
    std::vector<std::string> summaries;
    for (const auto& id : ids) {
        Ticket t = repo.folded(id);
        std::vector<std::pair<std::string, Json>> steps = changes(ctx, m, t);
        // The reply is filled for the ticket as the changes leave it.
        Ticket after = t;
        std::vector<Event> events;
        auto add = [&](const std::string& type, Json payload) {
            Event e = make_event(ctx, repo, type, t.id, std::move(payload));
            if (auto why = forbid_local_change(ctx, repo, &after, e, acting))
                throw Failure(kNoPerm, fmt::format("ticket {}: {}", abbrev(repo, id), *why));
            Ticket next = after;
            if (auto why = apply_event(next, e))
                throw Failure(kRefused, fmt::format("ticket {}: macro {}: {}", abbrev(repo, id),
                                                    m.name, *why));
            after = std::move(next);
            events.push_back(std::move(e));
        };
        for (auto& [type, payload] : steps) add(type, payload);
        std::string reply;
        if (!m.reply.empty()) {
            Person requester{after.requester, after.requester_name.empty()
                                                  ? name_from_address(after.requester)
                                                  : after.requester_name};
            reply = fill_reply(m.reply, after, requester, agent);
            add("comment",
                {{"body", reply}, {"internal", m.internal}, {"attachments", Json::array()}});
        }
        Json preview = ticket_to_json(after, false);
        preview["reply"] = reply;
        previews.push_back(preview);
        summaries.push_back(fmt::format("ticket {}: {}, priority {}{}", abbrev(repo, id),
                                        after.status, after.priority,
                                        after.assignee.empty() ? "" : ", " + after.assignee));
        if (o.dry_run) continue;
        Ticket state = t;
        for (const auto& e : events) {
            const Ticket before = state;
            apply_event(state, e);
            repo.append(e);
            queue_notifications(ctx, repo, before, e, state);
        }
        repo.materialise(state);
    }
    if (!o.dry_run) {
        tx.commit();
        after_commit(ctx);
    }
    if (o.json) {
        print_json(previews);
        return;
    }
    if (o.dry_run)
        for (const auto& p : previews) {
            std::cout << fmt::format(
                "ticket {}: {} · {} · {}\n", abbrev(repo, p["id"]), p["status"].get<std::string>(),
                p["priority"].get<std::string>(), p["subject"].get<std::string>());
            if (!p["reply"].get<std::string>().empty())
                std::cout << (m.internal ? "internal note:\n" : "reply:\n")
                          << p["reply"].get<std::string>() << "\n";
        }
    for (const auto& s : summaries) ctx.say(s + (o.dry_run ? " (dry run)" : ""));
}

} // namespace

void add_macro(CLI::App& app, Context& ctx) {
    auto o = std::make_shared<MacroOptions>();
    auto* cmd = app.add_subcommand("macro", "Canned replies with field changes ([macros.NAME])");
    cmd->require_subcommand(1);
    auto* list_cmd = cmd->add_subcommand("list", "List the configured macros");
    add_json_flag(list_cmd, o->json);
    list_cmd->callback([&ctx, o] { list(ctx, o->json); });
    auto* apply_cmd = cmd->add_subcommand("apply", "Apply a macro to tickets, in one transaction");
    apply_cmd->add_option("name", o->name, "The macro")->required();
    apply_cmd->add_option("id", o->ids, "Ticket ids (- reads stdin)")->required();
    apply_cmd->add_flag("--dry-run", o->dry_run, "Show the result without changing anything");
    add_json_flag(apply_cmd, o->json);
    apply_cmd->callback([&ctx, o] { apply(ctx, *o); });
}

} // namespace tickets
