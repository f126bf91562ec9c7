#include "core/fold.hpp"

#include "core/names.hpp"
#include "core/pseudonym.hpp"
#include "core/text.hpp"
#include "core/workflow.hpp"

#include <algorithm>
#include <fmt/format.h>

namespace tickets {

namespace {

// Payloads come from other replicas too: a field of the wrong type reads as
// empty instead of throwing.
std::string text(const Json& p, const char* key) {
    auto it = p.find(key);
    return it != p.end() && it->is_string() ? it->get<std::string>() : std::string();
}

std::vector<std::string> texts(const Json& p, const char* key) {
    std::vector<std::string> out;
    auto it = p.find(key);
    if (it == p.end() || !it->is_array()) return out;
    for (const auto& v : *it)
        if (v.is_string()) out.push_back(v.get<std::string>());
    return out;
}

std::optional<Instant> instant(const Json& p, const char* key) {
    std::string s = text(p, key);
    return s.empty() ? std::nullopt : parse_instant(s);
}

std::vector<Attachment> attachments(const Json& p) {
    std::vector<Attachment> out;
    auto it = p.find("attachments");
    if (it == p.end() || !it->is_array()) return out;
    for (const auto& a : *it) {
        if (!a.is_object()) continue;
        Attachment att{text(a, "name"), text(a, "sha256"), text(a, "mime"), 0};
        if (a.contains("size") && a["size"].is_number_integer()) att.size = a["size"];
        out.push_back(att);
    }
    return out;
}

void move_to(Ticket& t, const std::string& status, Instant at) {
    const Workflow& w = workflow_of(t.workflow);
    // The pending clock of the sweep starts when the ticket becomes pending.
    if (status == "pending" && t.status != "pending") {
        t.pending_since = at;
        t.reminders_sent = 0;
        t.last_reminder_at.reset();
    }
    if (status != "pending") t.pending_since.reset();
    if (status != t.status) t.sla_marks.push_back({SlaMark::moved, at, status});
    t.status = status;
    if (status == w.done) t.solved_at = at;
    if (status == "closed") t.closed_at = at;
    if (w.is_active(status)) t.solved_at.reset();
}

// Why nothing may change the ticket any more, for the verb ("edit").
std::optional<std::string> locked(const Ticket& t, const char* verb) {
    const Workflow& w = workflow_of(t.workflow);
    if (w.final_locks && t.status == w.final)
        return fmt::format("cannot {}: status is {}", verb, t.status);
    if (t.deleted) return fmt::format("cannot {}: ticket is deleted", verb);
    return std::nullopt;
}

std::optional<std::string> move(Ticket& t, const std::string& verb, const std::string& to,
                                Instant at) {
    if (auto why = forbid_move(workflow_of(t.workflow), t.status, to))
        return fmt::format("cannot {}: {}", verb, *why);
    if (t.deleted) return fmt::format("cannot {}: ticket is deleted", verb);
    move_to(t, to, at);
    return std::nullopt;
}

void add_comment(Ticket& t, const Event& e, std::string kind, std::string body, bool internal,
                 std::vector<Attachment> files = {}) {
    Comment c{e.id,     e.author,        "", e.time, std::move(kind), std::move(body),
              internal, std::move(files)};
    // Replies are comments and solutions: an escalation's reason or the
    // files of a create answer nobody. The first public answer is a reply
    // from someone who is neither the requester nor a CC, as the SLA's
    // first-reply clock counts it.
    bool reply = !internal && (c.kind == "comment" || c.kind == "solution");
    if (reply) {
        bool customer =
            e.author == t.requester || std::find(t.cc.begin(), t.cc.end(), e.author) != t.cc.end();
        if (!t.first_response && !customer) t.first_response = e.time;
        t.sla_marks.push_back({customer ? SlaMark::customer_reply : SlaMark::answer, e.time, ""});
    }
    t.comments.push_back(std::move(c));
}

std::optional<std::string> apply_create(Ticket& t, const Event& e) {
    const Json& p = e.payload;
    t.id = e.id;
    t.subject = text(p, "subject");
    t.description = text(p, "description");
    t.requester = text(p, "requester");
    // One line however the event was written (a clone's push too), and
    // never beside a pseudonym, whose person it would name.
    t.requester_name = is_pseudonym(t.requester) ? "" : display_name(text(p, "requester_name"));
    t.organisation = text(p, "organisation");
    t.cc = texts(p, "cc");
    t.tags = texts(p, "tags");
    t.product = text(p, "product");
    t.topic = text(p, "topic");
    t.category = text(p, "category");
    t.property = text(p, "property");
    t.type = canonical_type(text(p, "type")).value_or("question");
    t.priority =
        canonical_priority(text(p, "priority")).value_or(default_priority_for_type(t.type));
    t.assignee = text(p, "assignee");
    t.group = text(p, "group");
    t.visibility = text(p, "visibility") == "public" ? "public" : "private";
    t.audience = texts(p, "audience");
    t.follow_up_of = text(p, "follow_up_of");
    t.due = instant(p, "due");
    // No "workflow" (events from before workflows were recorded): support.
    t.workflow = workflow_of(text(p, "workflow")).name;
    const Workflow& w = workflow_of(t.workflow);
    t.status = t.assignee.empty() ? w.initial : w.initial_assigned;
    t.created = e.time;
    t.sla_marks.push_back({SlaMark::moved, e.time, t.status});
    if (auto it = p.find("sla"); it != p.end()) t.sla = sla_targets_from_json(*it);
    auto files = attachments(p);
    if (!files.empty()) add_comment(t, e, "attachment", "", false, std::move(files));
    return std::nullopt;
}

// Fields `edit` may change, and how each is read from a "set" payload.
std::optional<std::string> apply_set(Ticket& t, const Event& e) {
    if (auto why = locked(t, "edit")) return why;
    const Json& p = e.payload;
    for (const auto& [key, value] : p.items()) {
        std::string v = value.is_string() ? value.get<std::string>() : std::string();
        if (key == "subject")
            t.subject = v;
        else if (key == "description")
            t.description = v;
        else if (key == "requester") {
            if (v != t.requester) t.requester_name.clear(); // another person's
            t.requester = v;
        } else if (key == "organisation")
            t.organisation = v;
        else if (key == "product")
            t.product = v;
        else if (key == "topic")
            t.topic = v;
        else if (key == "category")
            t.category = v;
        else if (key == "property")
            t.property = v;
        else if (key == "group")
            t.group = v;
        else if (key == "visibility")
            t.visibility = v == "public" ? "public" : "private";
        else if (key == "type")
            t.type = canonical_type(v).value_or(t.type);
        else if (key == "priority")
            t.priority = canonical_priority(v).value_or(t.priority);
        else if (key == "due")
            t.due = v.empty() ? std::nullopt : parse_instant(v);
        else if (key == "cc")
            t.cc = texts(p, "cc");
        else if (key == "tags")
            t.tags = texts(p, "tags");
        else if (key == "audience")
            t.audience = texts(p, "audience");
        else if (key == "sla")
            t.sla = sla_targets_from_json(value);
    }
    return std::nullopt;
}

std::optional<std::string> apply_comment(Ticket& t, const Event& e) {
    const Json& p = e.payload;
    bool internal = p.value("internal", false) == true;
    // A customer (requester or CC) who answers a solved ticket does not
    // accept the solution, and one who answers a pending ticket gives
    // support something to do (support; in the property workflow only
    // management moves the status). Their reply also restarts the pending clock.
    bool customer =
        e.author == t.requester || std::find(t.cc.begin(), t.cc.end(), e.author) != t.cc.end();
    if (!internal && customer)
        for (const auto& [from, to] : workflow_of(t.workflow).customer_reply_moves)
            if (t.status == from) {
                move_to(t, to, e.time);
                break;
            }
    if (!internal && customer) {
        t.customer_replied_at = e.time;
        t.reminders_sent = 0;
        t.last_reminder_at.reset();
    }
    add_comment(t, e, "comment", text(p, "body"), internal, attachments(p));
    if (!is_pseudonym(t.requester) && !is_pseudonym(e.author))
        t.comments.back().author_name = display_name(text(p, "author_name"));
    return std::nullopt;
}

// A follow-up's link, or a relation to another ticket made or removed.
std::optional<std::string> apply_link(Ticket& t, const Event& e) {
    const Json& p = e.payload;
    std::string follow_up = text(p, "follow_up");
    if (!follow_up.empty()) t.follow_ups.push_back(follow_up);
    std::string merged = text(p, "merged");
    if (!merged.empty() &&
        std::find(t.merged_from.begin(), t.merged_from.end(), merged) == t.merged_from.end())
        t.merged_from.push_back(merged);
    std::string other = text(p, "ticket");
    if (other.empty()) return std::nullopt;
    std::string relation = text(p, "relation");
    if (!is_link_relation(relation))
        return fmt::format("cannot link: unknown relation '{}' (related, parent, child)", relation);
    if (other == t.id) return "cannot link: a ticket to itself";
    auto it = std::find_if(t.links.begin(), t.links.end(),
                           [&](const Link& l) { return l.ticket == other; });
    if (p.value("remove", false) == true) {
        if (it == t.links.end()) return "cannot unlink: not linked";
        t.links.erase(it);
        return std::nullopt;
    }
    if (it != t.links.end()) return fmt::format("cannot link: already linked ({})", it->relation);
    t.links.push_back({other, relation});
    return std::nullopt;
}

std::optional<std::string> apply_escalate(Ticket& t, const Event& e) {
    if (!workflow_of(t.workflow).is_active(t.status))
        return fmt::format("cannot escalate: status is {}", t.status);
    std::string reason = text(e.payload, "reason");
    if (reason.empty()) return "cannot escalate: a reason is required";
    t.priority = raise_priority(t.priority);
    t.escalated = true;
    ++t.escalation_count;
    t.escalations.push_back({e.author, e.time, reason});
    if (auto it = e.payload.find("sla"); it != e.payload.end()) t.sla = sla_targets_from_json(*it);
    add_comment(t, e, "escalation", reason, false);
    return std::nullopt;
}

std::optional<std::string> apply_rate(Ticket& t, const Event& e) {
    const Workflow& w = workflow_of(t.workflow);
    if (w.is_active(t.status))
        return fmt::format("cannot rate: status is {} (only {} tickets)", t.status,
                           join(w.inactive_statuses(), " or "));
    std::string rating = text(e.payload, "rating");
    if (rating != "good" && rating != "bad") return "cannot rate: rating must be good or bad";
    t.rating = rating;
    t.rating_reason = text(e.payload, "reason");
    return std::nullopt;
}

// A reminder to the customer of a pending ticket, sent by the sweep.
std::optional<std::string> apply_remind(Ticket& t, const Event& e) {
    if (t.status != "pending") return fmt::format("cannot remind: status is {}", t.status);
    auto it = e.payload.find("reminder");
    int n = it != e.payload.end() && it->is_number_integer() ? it->get<int>() : 0;
    if (n != t.reminders_sent + 1)
        return fmt::format("cannot remind: reminder {} after {} sent", n, t.reminders_sent);
    t.reminders_sent = n;
    ++t.reminder_count;
    t.last_reminder_at = e.time;
    return std::nullopt;
}

std::optional<std::string> apply_change(Ticket& t, const Event& e) {
    const std::string& type = e.type;
    const Json& p = e.payload;
    if (type == "comment") return apply_comment(t, e);
    if (type == "set") return apply_set(t, e);
    if (type == "escalate") return apply_escalate(t, e);
    if (type == "rate") return apply_rate(t, e);
    const Workflow& w = workflow_of(t.workflow);
    if (type == "status") {
        std::string to = canonical_status(text(p, "status")).value_or("");
        if (to.empty() || to == "new") return "cannot change status: invalid target status";
        return move(t, "change status", to, e.time);
    }
    if (type == "assign") {
        if (auto why = locked(t, "assign")) return why;
        t.assignee = text(p, "assignee");
        const auto& [from, to] = w.assign_opens;
        if (!from.empty() && t.status == from && !t.assignee.empty()) move_to(t, to, e.time);
        return std::nullopt;
    }
    if (type == "resolve") {
        if (w.resolve_to.empty())
            return fmt::format(
                "cannot resolve: the {} workflow has no solved status (use status {})", w.name,
                w.done);
        if (auto why = move(t, "resolve", w.resolve_to, e.time)) return why;
        // An import's solved ticket may come without a solution text.
        if (!text(p, "solution").empty()) add_comment(t, e, "solution", text(p, "solution"), false);
        return std::nullopt;
    }
    if (type == "reopen") {
        const auto& [from, to] = w.reopen;
        if (t.status != from)
            return fmt::format("cannot reopen: status is {}{}", t.status,
                               t.status == "closed"  ? " (comment to open a follow-up)"
                               : w.name == "support" ? ""
                                                     : fmt::format(" (only {} tickets)", from));
        if (auto why = locked(t, "reopen")) return why;
        move_to(t, to, e.time);
        std::string message = text(p, "message");
        if (!message.empty()) add_comment(t, e, "comment", message, false);
        return std::nullopt;
    }
    if (type == "close") {
        if (w.close_to.empty())
            return fmt::format("cannot close: the {} workflow has no closed status (use status {} "
                               "or delete)",
                               w.name, w.done);
        if (auto why = move(t, "close", w.close_to, e.time)) return why;
        t.close_reason = text(p, "reason");
        t.merged_into = text(p, "into");
        return std::nullopt;
    }
    if (type == "remind") return apply_remind(t, e);
    if (type == "delete") {
        if (t.deleted) return "cannot delete: already deleted";
        if (t.status != w.final) move_to(t, w.final, e.time);
        t.deleted = true;
        return std::nullopt;
    }
    if (type == "link") return apply_link(t, e);
    return fmt::format("unknown event type {}", type);
}

} // namespace

std::optional<std::string> apply_event(Ticket& t, const Event& e) {
    if (e.type == "create") {
        if (!t.id.empty()) return "duplicate create event";
        apply_create(t, e);
    } else {
        if (t.id.empty()) return "ticket has no create event";
        // Every rule checks before it changes anything, so a refusal leaves
        // the ticket as it was without a copy.
        if (auto why = apply_change(t, e)) return why;
    }
    t.updated = std::max(t.updated, e.time);
    ++t.event_count;
    return std::nullopt;
}

Ticket fold(std::vector<const Event*> events, const Verdicts& verdicts) {
    std::sort(events.begin(), events.end(),
              [](const Event* a, const Event* b) { return fold_order(*a, *b); });
    Ticket t;
    // The create event comes first even if a replica's clock ran behind.
    std::stable_partition(events.begin(), events.end(),
                          [](const Event* e) { return e->type == "create"; });
    for (const Event* e : events) {
        if (auto verdict = verdicts.find(e->id); verdict != verdicts.end())
            t.skipped.push_back({e->id, e->type, verdict->second});
        else if (auto why = apply_event(t, *e))
            t.skipped.push_back({e->id, e->type, *why});
    }
    return t;
}

Ticket fold(const std::vector<Event>& events, const Verdicts& verdicts) {
    std::vector<const Event*> order;
    order.reserve(events.size());
    for (const auto& e : events) order.push_back(&e);
    return fold(std::move(order), verdicts);
}

} // namespace tickets
