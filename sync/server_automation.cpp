#include "sync/server_automation.hpp"

#include "core/draft.hpp"
#include "core/error.hpp"
#include "core/fold.hpp"
#include "core/ids.hpp"
#include "core/text.hpp"
#include "core/workflow.hpp"
#include "mail/notify_settings.hpp"
#include "mail/outbox.hpp"
#include "store/accounts.hpp"
#include "store/sla_config.hpp"
#include "store/ticket_defaults.hpp"

#include "build_config.hpp"

#include <fmt/format.h>

namespace tickets {

ServerPolicy server_policy(const Config& config) {
    ServerPolicy p;
    p.notify_settings = notify_settings(config);
    p.identity = config.get_or("serve.identity", p.notify_settings.from);
    if (!is_plausible_email(p.identity))
        throw Failure(
            kConfig, fmt::format("config serve.identity = '{}' is not a mail address", p.identity));
    p.workflow = configured_workflow(config);
    p.notify = notifications_enabled(config, /*is_clone=*/false);
    auto rules = config.section("rules");
    if (!rules.empty()) p.rules = parse_rules(rules);
    p.sla = configured_sla_settings(config);
    p.config = config;
    return p;
}

Json server_info(const ServerPolicy& policy) {
    return {
        {"workflow", policy.workflow}, {"identity", policy.identity}, {"version", TICKETS_VERSION}};
}

ServerAutomation::ServerAutomation(Repository& repo, const ServerPolicy& policy, Instant now)
    : repo_(repo), policy_(policy), notify_settings_(policy.notify_settings), now_(now) {
    notify_settings_.staff = Accounts(repo).staff_addresses();
}

Event ServerAutomation::own_event(const std::string& type, const std::string& ticket,
                                  Json payload) {
    Event e;
    e.type = type;
    e.ticket = ticket;
    e.author = policy_.identity;
    e.time = now_;
    e.lamport = repo_.next_lamport();
    e.payload = std::move(payload);
    return seal(std::move(e));
}

// The server's events are made for a state they apply to; one that would
// be skipped (a rule's assignee on a ticket locked meanwhile) is not made.
void ServerAutomation::append_own(Ticket& t, const Event& e) {
    const Ticket before = t;
    if (apply_event(t, e)) {
        t = before;
        return;
    }
    repo_.append(e);
    notify(before, e, t);
}

void ServerAutomation::notify(const Ticket& before, const Event& e, const Ticket& after) {
    if (!policy_.notify) return;
    Accounts accounts(repo_);
    learn_identity(notify_settings_, accounts, after);
    for (const auto& m : notifications(before, e, after, notify_settings_)) {
        std::string content = render_message(m);
        queue_message(repo_, m.name, content);
        messages_.emplace_back(m.name, std::move(content));
    }
}

std::optional<std::string> ServerAutomation::accepted(const Ticket& before, const Event& e,
                                                      Ticket& after) {
    if (e.type == "comment" && before.status == "closed" && !e.payload.value("internal", false))
        // The follow-up's confirmation tells the requester; the reply counts
        // there, as a local `comment` does it, not on the closed ticket too.
        if (auto id = open_follow_up(after, e))
            return fmt::format("ticket is closed: the reply opened follow-up {}",
                               id->substr(0, kShortIdLength));
    notify(before, e, after);
    if (e.type == "create")
        apply_rules(after, after.priority != configured_priority(policy_.config, after.type));
    stamp_sla_targets(before, e, after);
    return std::nullopt;
}

// As a local command records them (with_sla_targets in cmd/common.cpp):
// on a new ticket, and when a change moves what the policies choose by.
void ServerAutomation::stamp_sla_targets(const Ticket& before, const Event& e, Ticket& after) {
    if (e.type != "create" && e.type != "set" && e.type != "escalate") return;
    // A payload's own targets count only when they are the server's (a
    // customer's escalation may not carry others).
    if (e.type != "create" && !e.payload.contains("sla") && !sla_choice_changed(before, after))
        return;
    auto targets = sla_targets_for(after, policy_.sla);
    if (targets != after.sla)
        append_own(after, own_event("set", after.id, {{"sla", sla_targets_json(targets)}}));
}

// The create rules decide on the fields a draft has; what they change
// becomes the server's assign and set events.
void ServerAutomation::apply_rules(Ticket& t, bool priority_given) {
    if (policy_.rules.empty()) return;
    TicketDraft d = draft_of(t);
    if (tickets::apply_rules(policy_.rules, d, priority_given).empty()) return;
    Json changes = Json::object();
    if (d.priority != t.priority) changes["priority"] = d.priority;
    if (d.cc != t.cc) changes["cc"] = d.cc;
    if (d.tags != t.tags) changes["tags"] = d.tags;
    if (!changes.empty()) append_own(t, own_event("set", t.id, std::move(changes)));
    if (d.assignee != t.assignee)
        append_own(t, own_event("assign", t.id, {{"assignee", d.assignee}}));
}

// The follow-up's id; nothing when the closed ticket's fields make no valid
// ticket (data from elsewhere): then the reply simply stays on it, and the
// push goes on.
std::optional<std::string> ServerAutomation::open_follow_up(Ticket& closed, const Event& reply) {
    TicketDraft d = follow_up_draft(closed, reply.payload.value("body", ""),
                                    reply.payload.value("attachments", Json::array()));
    d.nonce = new_nonce();
    try {
        d = validated(std::move(d), configured_priority(policy_.config, d.type));
    } catch (const Failure& f) {
        fmt::print(stderr, "tickets: ticket {}: no follow-up for the reply {}: {}\n",
                   closed.id.substr(0, kShortIdLength), reply.id.substr(0, 12), f.what());
        return std::nullopt;
    }
    Event create = own_event("create", "", create_payload(d));
    Ticket follow_up;
    apply_event(follow_up, create);
    repo_.append(create);
    notify(Ticket{}, create, follow_up);
    apply_rules(follow_up, false);
    repo_.materialise(follow_up, /*fresh=*/true);
    append_own(closed, own_event("link", closed.id, {{"follow_up", follow_up.id}}));
    return follow_up.id;
}

void ServerAutomation::write_messages() {
    for (const auto& [name, content] : messages_) {
        try {
            write_message(repo_.dir(), name, content);
        } catch (const Failure& e) {
            fmt::print(stderr, "tickets: {}; the message stays queued in the store\n", e.what());
        }
    }
    messages_.clear();
}

} // namespace tickets
