#include "core/ticket.hpp"

#include "core/json_text.hpp"

namespace tickets {

bool is_link_relation(const std::string& relation) {
    return relation == "related" || relation == "parent" || relation == "child";
}

std::string inverse_relation(const std::string& relation) {
    if (relation == "parent") return "child";
    if (relation == "child") return "parent";
    return relation;
}

Json comment_to_json(const Comment& c) {
    Json attachments = Json::array();
    for (const auto& a : c.attachments)
        attachments.push_back(
            {{"name", a.name}, {"sha256", a.sha256}, {"mime", a.mime}, {"size", a.size}});
    return {{"id", c.id},
            {"author", c.author},
            {"author_name", c.author_name.empty() ? Json() : Json(c.author_name)},
            {"time", format_instant(c.time)},
            {"kind", c.kind},
            {"internal", c.internal},
            {"body", c.body},
            {"attachments", attachments}};
}

namespace {

// A JSON array with one object per item, `object_of(item)` giving its text.
template <class Items, class ObjectOf> std::string objects(const Items& items, ObjectOf object_of) {
    std::string out = "[";
    for (const auto& item : items) {
        if (out.size() > 1) out += ',';
        out += object_of(item);
    }
    return out + "]";
}

} // namespace

// Written directly rather than as a nlohmann::json object and dump(): an
// import writes 100,000 of these, and the object's allocations cost more
// than the rest of the fold. The text is what dump() would give for the
// same object (fsck compares it with the stored documents).
std::string ticket_document(const Ticket& t) {
    auto instant_or_null = [](const std::optional<Instant>& when) {
        std::string out = "null";
        if (when) {
            out = '"';
            out += format_instant(*when);
            out += '"';
        }
        return out;
    };
    std::string escalations = objects(t.escalations, [](const Escalation& e) {
        return JsonObjectText()
            .string("by", e.by)
            .string("reason", e.reason)
            .string("time", format_instant(e.time))
            .text();
    });
    std::string skipped = objects(t.skipped, [](const Skipped& k) {
        return JsonObjectText()
            .string("event", k.event)
            .string("reason", k.reason)
            .string("type", k.type)
            .text();
    });
    std::string links = objects(t.links, [](const Link& l) {
        return JsonObjectText().string("relation", l.relation).string("ticket", l.ticket).text();
    });
    std::string satisfaction = t.rating.empty() ? "null"
                                                : JsonObjectText()
                                                      .string("rating", t.rating)
                                                      .string_or_null("reason", t.rating_reason)
                                                      .text();
    // In key order, so that text() need not sort them.
    return JsonObjectText(40, t.description.size() + t.subject.size() + 1024)
        .string_or_null("assignee", t.assignee)
        .strings("audience", t.audience)
        .string_or_null("category", t.category)
        .strings("cc", t.cc)
        .string_or_null("close_reason", t.close_reason)
        .raw("closed_at", instant_or_null(t.closed_at))
        .number("comment_count", static_cast<std::int64_t>(t.comments.size()))
        .string("created_at", format_instant(t.created))
        .raw("customer_replied_at", instant_or_null(t.customer_replied_at))
        .boolean("deleted", t.deleted)
        .string("description", t.description)
        .raw("due_at", instant_or_null(t.due))
        .boolean("escalated", t.escalated)
        .number("escalation_count", t.escalation_count)
        .raw("escalations", escalations)
        .raw("first_response_at", instant_or_null(t.first_response))
        .string_or_null("follow_up_of", t.follow_up_of)
        .strings("follow_ups", t.follow_ups)
        .string_or_null("group", t.group)
        .string("id", t.id)
        .raw("last_reminder_at", instant_or_null(t.last_reminder_at))
        .raw("links", links)
        .strings("merged_from", t.merged_from)
        .string_or_null("merged_into", t.merged_into)
        .string_or_null("organisation", t.organisation)
        .raw("pending_since", instant_or_null(t.pending_since))
        .string("priority", t.priority)
        .string_or_null("product", t.product)
        .string_or_null("property", t.property)
        .number("reminders_sent", t.reminders_sent)
        .string("requester", t.requester)
        .string_or_null("requester_name", t.requester_name)
        .raw("satisfaction", satisfaction)
        .string("short_id", t.short_id())
        .raw("skipped_events", skipped)
        .string_or_null("sla_policy", t.sla ? t.sla->policy : std::string())
        .raw("solved_at", instant_or_null(t.solved_at))
        .string("status", t.status)
        .string("subject", t.subject)
        .strings("tags", t.tags)
        .string_or_null("topic", t.topic)
        .string("type", t.type)
        .string("updated_at", format_instant(t.updated))
        .string("visibility", t.visibility)
        .string("workflow", t.workflow)
        .text();
}

Json ticket_to_json(const Ticket& t, bool with_comments) {
    Json j = Json::parse(ticket_document(t));
    if (with_comments) {
        Json comments = Json::array();
        for (const auto& c : t.comments) comments.push_back(comment_to_json(c));
        j["comments"] = comments;
    }
    return j;
}

} // namespace tickets
