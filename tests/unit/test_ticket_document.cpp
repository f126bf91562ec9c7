// ticket_document() writes tickets.doc directly; the stores written before
// it hold dump() of the object below, and fsck compares the two texts. The
// reference is that earlier object, kept here as it was.
#include "core/json_text.hpp"
#include "core/ticket.hpp"

#include <doctest/doctest.h>

using namespace tickets;

namespace {

Json or_null(const std::string& s) {
    return s.empty() ? Json(nullptr) : Json(s);
}
Json or_null(const std::optional<Instant>& t) {
    return t ? Json(format_instant(*t)) : Json(nullptr);
}

Json reference(const Ticket& t) {
    Json escalations = Json::array();
    for (const auto& e : t.escalations)
        escalations.push_back(
            {{"by", e.by}, {"time", format_instant(e.time)}, {"reason", e.reason}});
    Json links = Json::array();
    for (const auto& l : t.links) links.push_back({{"ticket", l.ticket}, {"relation", l.relation}});
    Json j = {
        {"id", t.id},
        {"short_id", t.short_id()},
        {"subject", t.subject},
        {"description", t.description},
        {"status", t.status},
        {"type", t.type},
        {"priority", t.priority},
        {"requester", t.requester},
        {"requester_name", or_null(t.requester_name)},
        {"organisation", or_null(t.organisation)},
        {"cc", t.cc},
        {"assignee", or_null(t.assignee)},
        {"audience", t.audience},
        {"group", or_null(t.group)},
        {"product", or_null(t.product)},
        {"topic", or_null(t.topic)},
        {"category", or_null(t.category)},
        {"property", or_null(t.property)},
        {"tags", t.tags},
        {"visibility", t.visibility},
        {"escalated", t.escalated},
        {"escalation_count", t.escalation_count},
        {"escalations", escalations},
        {"satisfaction", t.rating.empty()
                             ? Json(nullptr)
                             : Json{{"rating", t.rating}, {"reason", or_null(t.rating_reason)}}},
        {"follow_up_of", or_null(t.follow_up_of)},
        {"follow_ups", t.follow_ups},
        {"links", links},
        {"merged_from", t.merged_from},
        {"merged_into", or_null(t.merged_into)},
        {"deleted", t.deleted},
        {"created_at", format_instant(t.created)},
        {"updated_at", format_instant(t.updated)},
        {"first_response_at", or_null(t.first_response)},
        {"solved_at", or_null(t.solved_at)},
        {"closed_at", or_null(t.closed_at)},
        {"due_at", or_null(t.due)},
        {"pending_since", or_null(t.pending_since)},
        {"customer_replied_at", or_null(t.customer_replied_at)},
        {"reminders_sent", t.reminders_sent},
        {"last_reminder_at", or_null(t.last_reminder_at)},
        {"close_reason", or_null(t.close_reason)},
        {"comment_count", t.comments.size()},
        {"sla_policy", t.sla ? Json(t.sla->policy) : Json(nullptr)},
    };
    j["workflow"] = t.workflow;
    Json skipped = Json::array();
    for (const auto& s : t.skipped)
        skipped.push_back({{"event", s.event}, {"type", s.type}, {"reason", s.reason}});
    j["skipped_events"] = skipped;
    return j;
}

Ticket everything_set() {
    Ticket t;
    t.id = std::string(64, 'a');
    t.subject = "Heizung \"kalt\"\tim 2. OG";
    t.description = "Zeile 1\nZeile 2 \\ Größe € \x01";
    t.requester = "mieter@muster-hv.de";
    t.requester_name = "Jürgen \"Jo\" Müller";
    t.organisation = "muster-hv.de";
    t.cc = {"a@muster-hv.de", "b@muster-hv.de"};
    t.tags = {"winter", "dringend"};
    t.product = "Heizung";
    t.topic = "Wartung";
    t.category = "Haustechnik";
    t.property = "Hof 1, 20095 Hamburg";
    t.type = "incident";
    t.priority = "high";
    t.status = "solved";
    t.workflow = "property";
    t.assignee = "agent@support.example.com";
    t.group = "Hauswart-Team";
    t.visibility = "public";
    t.audience = {"owner", "board"};
    t.escalated = true;
    t.escalation_count = 2;
    t.escalations = {{"chef@muster-hv.de", 1'795'443'090, "Seit Tagen kalt"},
                     {"mieter@muster-hv.de", 1'795'500'000, "Immer noch"}};
    t.rating = "good";
    t.sla = SlaTargets{"normal", 14400, 28800, 57600, {"pending"}};
    t.rating_reason = "schnell";
    t.follow_up_of = std::string(64, 'b');
    t.follow_ups = {std::string(64, 'c')};
    t.links = {{std::string(64, 'f'), "parent"}, {std::string(64, '1'), "related"}};
    t.merged_from = {std::string(64, '2')};
    t.merged_into = std::string(64, '3');
    t.deleted = true;
    t.created = 1'700'000'000;
    t.updated = 1'795'443'090;
    t.first_response = 1'700'000'100;
    t.solved_at = 1'795'443'000;
    t.closed_at = 1'795'443'050;
    t.due = 1'796'000'000;
    t.pending_since = 1'790'000'000;
    t.customer_replied_at = 1'791'000'000;
    t.last_reminder_at = 1'792'000'000;
    t.reminders_sent = 1;
    t.close_reason = "automatic";
    t.comments.resize(3);
    t.skipped = {{std::string(64, 'd'), "status", "status is closed"}};
    return t;
}

} // namespace

TEST_CASE("the ticket document is the text the earlier object gave") {
    Ticket rich = everything_set();
    CHECK(ticket_document(rich) == json_text(reference(rich)));
    Ticket fresh;
    fresh.id = std::string(64, 'e');
    CHECK(ticket_document(fresh) == json_text(reference(fresh)));
    Ticket rated = fresh;
    rated.rating = "bad"; // without a reason
    CHECK(ticket_document(rated) == json_text(reference(rated)));
}

TEST_CASE("ticket_to_json is the document, with the comments when asked") {
    Ticket rich = everything_set();
    CHECK(ticket_to_json(rich, false) == reference(rich));
    Json with = ticket_to_json(rich, true);
    REQUIRE(with.contains("comments"));
    CHECK(with["comments"].size() == 3);
    with.erase("comments");
    CHECK(with == reference(rich));
}
