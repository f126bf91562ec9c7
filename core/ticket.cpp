#include "core/ticket.hpp"

namespace tickets {

namespace {

Json optional_instant(const std::optional<Instant>& t) {
    return t ? Json(format_instant(*t)) : Json(nullptr);
}

Json optional_text(const std::string& s) { return s.empty() ? Json(nullptr) : Json(s); }

} // namespace

Json comment_to_json(const Comment& c) {
    Json attachments = Json::array();
    for (const auto& a : c.attachments)
        attachments.push_back(
            {{"name", a.name}, {"sha256", a.sha256}, {"mime", a.mime}, {"size", a.size}});
    return {{"id", c.id},
            {"author", c.author},
            {"time", format_instant(c.time)},
            {"kind", c.kind},
            {"internal", c.internal},
            {"body", c.body},
            {"attachments", attachments}};
}

Json ticket_to_json(const Ticket& t, bool with_comments) {
    Json escalations = Json::array();
    for (const auto& e : t.escalations)
        escalations.push_back({{"by", e.by}, {"time", format_instant(e.time)}, {"reason", e.reason}});
    Json j = {
        {"id", t.id},
        {"short_id", t.short_id()},
        {"subject", t.subject},
        {"description", t.description},
        {"status", t.status},
        {"type", t.type},
        {"priority", t.priority},
        {"requester", t.requester},
        {"organisation", optional_text(t.organisation)},
        {"cc", t.cc},
        {"assignee", optional_text(t.assignee)},
        {"group", optional_text(t.group)},
        {"product", optional_text(t.product)},
        {"topic", optional_text(t.topic)},
        {"category", optional_text(t.category)},
        {"property", optional_text(t.property)},
        {"tags", t.tags},
        {"visibility", t.visibility},
        {"escalated", t.escalated},
        {"escalation_count", t.escalation_count},
        {"escalations", escalations},
        {"satisfaction", t.rating.empty() ? Json(nullptr)
                                          : Json{{"rating", t.rating},
                                                 {"reason", optional_text(t.rating_reason)}}},
        {"follow_up_of", optional_text(t.follow_up_of)},
        {"follow_ups", t.follow_ups},
        {"deleted", t.deleted},
        {"created_at", format_instant(t.created)},
        {"updated_at", format_instant(t.updated)},
        {"first_response_at", optional_instant(t.first_response)},
        {"solved_at", optional_instant(t.solved_at)},
        {"closed_at", optional_instant(t.closed_at)},
        {"due_at", optional_instant(t.due)},
        {"pending_since", optional_instant(t.pending_since)},
        {"customer_replied_at", optional_instant(t.customer_replied_at)},
        {"reminders_sent", t.reminders_sent},
        {"last_reminder_at", optional_instant(t.last_reminder_at)},
        {"close_reason", optional_text(t.close_reason)},
        {"comment_count", t.comments.size()},
    };
    j["workflow"] = t.workflow;
    if (with_comments) {
        Json comments = Json::array();
        for (const auto& c : t.comments) comments.push_back(comment_to_json(c));
        j["comments"] = comments;
    }
    Json skipped = Json::array();
    for (const auto& s : t.skipped)
        skipped.push_back({{"event", s.event}, {"type", s.type}, {"reason", s.reason}});
    j["skipped_events"] = skipped;
    return j;
}

} // namespace tickets
