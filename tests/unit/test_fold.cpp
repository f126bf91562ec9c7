// The fold: events -> ticket state, deterministic whatever the arrival order.
#include "core/error.hpp"
#include "core/fold.hpp"

#include <algorithm>
#include <doctest/doctest.h>

using namespace tickets;

namespace {

Event ev(const std::string& type, const std::string& ticket, std::int64_t lamport, Json payload,
         const std::string& author = "agent@support.example.com", Instant time = 1'700'000'000) {
    Event e;
    e.type = type;
    e.ticket = ticket;
    e.author = author;
    e.time = time + lamport;
    e.lamport = lamport;
    e.payload = std::move(payload);
    return seal(std::move(e));
}

Event create(const std::string& requester = "mieter@muster-hv.de") {
    return ev("create", "", 1,
              {{"subject", "Heizung ausgefallen"},
               {"description", "Seit gestern kalt."},
               {"requester", requester},
               {"type", "incident"},
               {"priority", "normal"}},
              requester);
}

} // namespace

TEST_CASE("a ticket's id is the id of its create event") {
    Event c = create();
    Ticket t = fold({c});
    CHECK(t.id == c.id);
    CHECK(t.id.size() == 64);
    CHECK(t.status == "new");
    CHECK(t.subject == "Heizung ausgefallen");
    CHECK(t.created == c.time);
}

TEST_CASE("event ids change with any field of the content") {
    Event a = create();
    Event b = create("eigentuemer@muster-hv.de");
    CHECK(a.id != b.id);
    Event c = a;
    c.lamport = 2;
    CHECK(seal(c).id != a.id);
}

TEST_CASE("the fold does not depend on the order events arrive in") {
    Event c = create();
    std::vector<Event> events = {
        c,
        ev("assign", c.id, 2, {{"assignee", "agent@support.example.com"}}),
        ev("comment", c.id, 3, {{"body", "Techniker kommt morgen."}}),
        ev("set", c.id, 4, {{"priority", "high"}}),
        ev("set", c.id, 4, {{"priority", "low"}}), // same clock: the event id breaks the tie
        ev("resolve", c.id, 5, {{"solution", "Pumpe getauscht."}}),
    };
    Ticket first = fold(events);
    std::vector<Event> shuffled = events;
    std::reverse(shuffled.begin(), shuffled.end());
    Ticket second = fold(shuffled);
    CHECK(ticket_to_json(first, true) == ticket_to_json(second, true));
    CHECK(first.status == "solved");
    CHECK(first.comments.size() == 2);
    CHECK(first.assignee == "agent@support.example.com");
}

TEST_CASE("assigning a new ticket opens it") {
    Event c = create();
    Ticket t = fold({c, ev("assign", c.id, 2, {{"assignee", "a@support.example.com"}})});
    CHECK(t.status == "open");
}

TEST_CASE("a requester's reply reopens a solved ticket, an agent's does not") {
    Event c = create();
    std::vector<Event> base = {c, ev("resolve", c.id, 2, {{"solution", "Erledigt."}})};
    auto agent = base;
    agent.push_back(ev("comment", c.id, 3, {{"body", "Gern geschehen."}}));
    CHECK(fold(agent).status == "solved");
    auto requester = base;
    requester.push_back(
        ev("comment", c.id, 3, {{"body", "Immer noch kalt!"}}, "mieter@muster-hv.de"));
    Ticket t = fold(requester);
    CHECK(t.status == "open");
    CHECK_FALSE(t.solved_at.has_value());
}

TEST_CASE("escalation raises the priority one level and counts") {
    Event c = create();
    Ticket t = fold({c, ev("escalate", c.id, 2, {{"reason", "Wasserschaden"}}),
                     ev("escalate", c.id, 3, {{"reason", "Noch schlimmer"}})});
    CHECK(t.priority == "urgent"); // normal -> high -> urgent
    CHECK(t.escalated);
    CHECK(t.escalation_count == 2);
    REQUIRE(t.escalations.size() == 2);
    CHECK(t.escalations[0].reason == "Wasserschaden");
    Ticket again = fold({c, ev("escalate", c.id, 2, {{"reason", "a"}}),
                         ev("escalate", c.id, 3, {{"reason", "b"}}),
                         ev("escalate", c.id, 4, {{"reason", "c"}})});
    CHECK(again.priority == "urgent"); // saturates
    CHECK(again.escalation_count == 3);
}

TEST_CASE("forbidden moves are kept in the log and skipped by the fold") {
    Event c = create();
    Event close = ev("close", c.id, 2, Json::object());
    Event late = ev("status", c.id, 3, {{"status", "pending"}});
    Ticket t = fold({c, close, late});
    CHECK(t.status == "closed");
    REQUIRE(t.skipped.size() == 1);
    CHECK(t.skipped[0].event == late.id);
    CHECK(t.skipped[0].reason == "cannot change status: status is closed");
}

TEST_CASE("a refused event leaves the ticket unchanged") {
    Event c = create();
    Ticket t = fold({c});
    Json before = ticket_to_json(t, true);
    CHECK(apply_event(t, ev("reopen", c.id, 2, Json::object())).value() ==
          "cannot reopen: status is new");
    CHECK(apply_event(t, ev("rate", c.id, 2, {{"rating", "good"}})).has_value());
    CHECK(apply_event(t, ev("escalate", c.id, 2, {{"reason", ""}})).has_value());
    CHECK(ticket_to_json(t, true) == before);
}

TEST_CASE("delete closes and marks deleted") {
    Event c = create();
    Ticket t = fold({c, ev("delete", c.id, 2, Json::object())});
    CHECK(t.status == "closed");
    CHECK(t.deleted);
    CHECK(t.closed_at.has_value());
}

TEST_CASE("first response is the first public answer of someone else") {
    Event c = create();
    Ticket t = fold({c, ev("comment", c.id, 2, {{"body", "intern"}, {"internal", true}}),
                     ev("comment", c.id, 3, {{"body", "Wir kümmern uns."}})});
    REQUIRE(t.first_response.has_value());
    CHECK(*t.first_response == 1'700'000'003);
}

TEST_CASE("the canonical serialisation is the sorted, compact JSON without the id") {
    Event c = create();
    c.payload["subject"] = "Grüße \"zitiert\"\n\tmit Steuerzeichen \x01";
    c = seal(c);
    Json j = event_to_json(c);
    j.erase("id");
    CHECK(canonical_serialisation(c) == j.dump());
    Event fresh = c;
    fresh.canonical.clear(); // computed anew, not taken from the cache
    CHECK(canonical_serialisation(fresh) == j.dump());
    Event comment = ev("comment", c.id, 2, {{"body", "x"}});
    Json k = event_to_json(comment);
    k.erase("id");
    CHECK(canonical_serialisation(comment) == k.dump());
}

TEST_CASE("wire form round-trips and detects tampering") {
    Event c = create();
    Json j = event_to_json(c);
    Event back = event_from_json(j);
    CHECK(back.id == c.id);
    CHECK(canonical_serialisation(back) == canonical_serialisation(c));
    j["payload"]["subject"] = "Anders";
    CHECK_THROWS_AS(event_from_json(j), Failure);
    Json missing = event_to_json(c);
    missing.erase("author");
    CHECK_THROWS_AS(event_from_json(missing), Failure);
}

TEST_CASE("ticket and event ids must be 64 lower-case hex digits") {
    Event c = create();
    Event reply = ev("comment", c.id, 2, {{"body", "Danke"}});
    auto message_for = [](Json j) -> std::string {
        try {
            event_from_json(std::move(j));
        } catch (const Failure& e) {
            return e.what();
        }
        return "accepted";
    };
    CHECK(message_for(event_to_json(reply)) == "accepted");
    // Each character just outside the ranges 0-9 and a-f, and upper case.
    for (char bad : {'/', ':', '`', 'g', 'A', 'F', ' ', '\x80'}) {
        for (size_t at : {size_t{0}, size_t{31}, size_t{63}}) {
            CAPTURE(bad);
            CAPTURE(at);
            Json wrong_ticket = event_to_json(reply);
            std::string ticket = reply.ticket;
            ticket[at] = bad;
            wrong_ticket["ticket"] = ticket;
            CHECK(message_for(wrong_ticket) == "invalid event: field 'ticket' is not a ticket id");
            Json wrong_id = event_to_json(reply);
            std::string id = reply.id;
            id[at] = bad;
            wrong_id["id"] = id;
            CHECK(message_for(wrong_id) == "invalid event: field 'id' is not a SHA-256 hex digest");
        }
    }
    Json short_id = event_to_json(reply);
    short_id["id"] = reply.id.substr(1);
    CHECK(message_for(short_id) == "invalid event: field 'id' is not a SHA-256 hex digest");
}

TEST_CASE("event_from_wire checks what event_from_json checks, with the same messages") {
    Event reply = ev("comment", create().id, 2, {{"body", "Danke"}});
    auto wire_of = [](const Json& j) {
        WireEvent w;
        w.id = j["id"];
        w.ticket = j["ticket"];
        w.type = j["type"];
        w.author = j["author"];
        w.time = j["time"];
        w.lamport = j["lamport"];
        w.payload = j["payload"];
        return w;
    };
    auto message = [](auto read) -> std::string {
        try {
            read();
        } catch (const Failure& e) {
            return e.what();
        }
        return "accepted";
    };
    const std::pair<const char*, Json> changes[] = {
        {"time", "gestern"},
        {"time", "2026-11-29"},
        {"lamport", -1},
        {"ticket", "abc"},
        {"id", "xyz"},
        {"author", "jemand@anders.de"},
        {"payload", {{"body", "Bitte"}}},
        {"lamport", 3},
    };
    for (const auto& [key, value] : changes) {
        CAPTURE(key);
        Json j = event_to_json(reply);
        j[key] = value;
        std::string general = message([&] { event_from_json(j); });
        CHECK(general != "accepted");
        CHECK(message([&] { event_from_wire(wire_of(j)); }) == general);
    }
    Event back = event_from_wire(wire_of(event_to_json(reply)));
    CHECK(back.id == reply.id);
    CHECK(back.canonical == reply.canonical);
}

namespace {

const char* const kManager = "verwalter@muster-hv.de";
const char* const kProvider = "elektro@dienstleister.de";

Event create_property(Json extra = Json::object()) {
    Json p = {{"subject", "Licht im Treppenhaus defekt"},
              {"description", "Seit gestern dunkel."},
              {"requester", "mieter@muster-hv.de"},
              {"type", "incident"},
              {"workflow", "property"}};
    p.update(extra);
    return ev("create", "", 1, p, "mieter@muster-hv.de");
}

Event move_to(const Event& c, std::int64_t lamport, const std::string& status,
              const std::string& author = kManager) {
    return ev("status", c.id, lamport, {{"status", status}}, author);
}

} // namespace

TEST_CASE("a create event without a workflow is a support ticket") {
    Ticket t = fold({create()});
    CHECK(t.workflow == "support");
    CHECK(ticket_to_json(t, false)["workflow"] == "support");
    Event odd = create_property({{"workflow", "kanban"}}); // unknown: read as support
    CHECK(fold({odd}).workflow == "support");
}

TEST_CASE("a property ticket goes open, approved, in progress, done") {
    Event c = create_property();
    Ticket t = fold({c});
    CHECK(t.workflow == "property");
    CHECK(t.status == "open");
    CHECK(ticket_to_json(t, false)["workflow"] == "property");
    // Created with an assignee (a rule's provider), it still starts open.
    CHECK(fold({create_property({{"assignee", kProvider}})}).status == "open");

    std::vector<Event> events = {
        c, move_to(c, 2, "approved"), ev("assign", c.id, 3, {{"assignee", kProvider}}, kManager),
        move_to(c, 4, "In Bearbeitung", kProvider), move_to(c, 5, "erledigt", kProvider)};
    t = fold(events);
    CHECK(t.skipped.empty());
    CHECK(t.status == "done");
    CHECK(t.assignee == kProvider);
    CHECK(t.solved_at == events[4].time);
    CHECK_FALSE(t.closed_at.has_value());
    std::vector<Event> reversed(events.rbegin(), events.rend());
    CHECK(ticket_to_json(fold(reversed), true) == ticket_to_json(t, true));

    // Management reopens finished work; solved_at goes with it.
    events.push_back(ev("reopen", c.id, 6, {{"message", "Lampe flackert wieder."}}, kManager));
    t = fold(events);
    CHECK(t.status == "in-progress");
    CHECK_FALSE(t.solved_at.has_value());
    CHECK(t.comments.back().body == "Lampe flackert wieder.");
    // One step back.
    events.push_back(move_to(c, 7, "approved"));
    events.push_back(move_to(c, 8, "open"));
    CHECK(fold(events).status == "open");
}

TEST_CASE("a property ticket skips the moves its workflow forbids") {
    Event c = create_property();
    Event jump = move_to(c, 2, "done");
    Event pending = move_to(c, 3, "pending");
    Event approve = move_to(c, 4, "approved");
    Ticket t = fold({c, jump, pending, approve});
    CHECK(t.status == "approved");
    REQUIRE(t.skipped.size() == 2);
    CHECK(t.skipped[0].event == jump.id);
    CHECK(t.skipped[0].reason == "cannot change status: status open cannot move to done");
    CHECK(t.skipped[1].reason ==
          "cannot change status: pending is not a status of the property workflow");
}

TEST_CASE("support-only events on a property ticket") {
    Event c = create_property();
    Ticket t = fold({c});
    Json before = ticket_to_json(t, true);
    CHECK(apply_event(t, ev("resolve", c.id, 2, {{"solution", "x"}})).value() ==
          "cannot resolve: the property workflow has no solved status (use status done)");
    CHECK(apply_event(t, ev("close", c.id, 2, Json::object())).value() ==
          "cannot close: the property workflow has no closed status (use status done or delete)");
    CHECK(apply_event(t, ev("reopen", c.id, 2, Json::object())).value() ==
          "cannot reopen: status is open (only done tickets)");
    CHECK(apply_event(t, ev("rate", c.id, 2, {{"rating", "good"}})).value() ==
          "cannot rate: status is open (only done tickets)");
    CHECK(apply_event(t, ev("remind", c.id, 2, {{"reminder", 1}})).has_value());
    CHECK(ticket_to_json(t, true) == before);
    // A requester's reply moves nothing; escalation works while work is open.
    CHECK_FALSE(
        apply_event(t, ev("comment", c.id, 3, {{"body", "Noch dunkel!"}}, "mieter@muster-hv.de")));
    CHECK_FALSE(apply_event(
        t, ev("escalate", c.id, 4, {{"reason", "Sturzgefahr"}}, "mieter@muster-hv.de")));
    CHECK(t.status == "open");
    CHECK(t.priority == "high");
}

TEST_CASE("deleting a property ticket marks it done and deleted, and locks it") {
    Event c = create_property();
    Ticket t =
        fold({c, move_to(c, 2, "approved"), ev("delete", c.id, 3, Json::object(), kManager)});
    CHECK(t.status == "done");
    CHECK(t.deleted);
    CHECK(apply_event(t, move_to(c, 4, "in-progress")).value() ==
          "cannot change status: ticket is deleted");
    CHECK(apply_event(t, ev("reopen", c.id, 4, Json::object(), kManager)).value() ==
          "cannot reopen: ticket is deleted");
    CHECK(apply_event(t, ev("set", c.id, 4, {{"priority", "low"}}, kManager)).value() ==
          "cannot edit: ticket is deleted");
    CHECK(apply_event(t, ev("assign", c.id, 4, {{"assignee", kProvider}}, kManager)).value() ==
          "cannot assign: ticket is deleted");
}

TEST_CASE("the requester's display name: from the create, gone with another requester") {
    Event c = ev("create", "", 1,
                 {{"subject", "Heizung"},
                  {"description", "kalt"},
                  {"requester", "l.fischer@muster-hv.de"},
                  {"requester_name", "Lena Fischer"}},
                 "l.fischer@muster-hv.de");
    Event reply = ev("comment", c.id, 2, {{"body", "Danke"}, {"author_name", "Lena Fischer"}},
                     "l.fischer@muster-hv.de");
    Ticket t = fold({c, reply});
    CHECK(t.requester_name == "Lena Fischer");
    CHECK(t.comments.back().author_name == "Lena Fischer");
    CHECK(ticket_to_json(t, true)["comments"][0]["author_name"] == "Lena Fischer");
    // The same address again keeps the name; another person's does not.
    t = fold({c, ev("set", c.id, 2, {{"requester", "l.fischer@muster-hv.de"}})});
    CHECK(t.requester_name == "Lena Fischer");
    t = fold({c, ev("set", c.id, 2, {{"requester", "k.braun@muster-hv.de"}})});
    CHECK(t.requester_name.empty());
    CHECK(ticket_to_json(t, false)["requester_name"].is_null());
}

TEST_CASE("a pseudonym's ticket never carries a name, whoever wrote the event") {
    const std::string pseudonym = "anonymous-0123456789abcdef@anonymous.invalid";
    Event c = ev("create", "", 1,
                 {{"subject", "Lärm"},
                  {"description", "nachts"},
                  {"requester", pseudonym},
                  {"requester_name", "Lena Fischer"}},
                 pseudonym);
    Event reply =
        ev("comment", c.id, 2, {{"body", "Danke"}, {"author_name", "Lena Fischer"}}, pseudonym);
    Event staff = ev("comment", c.id, 3, {{"body", "Gern"}, {"author_name", "Jana Berger"}});
    Ticket t = fold({c, reply, staff});
    CHECK(t.requester_name.empty());
    CHECK(t.comments[0].author_name.empty());
    CHECK(t.comments[1].author_name.empty());
}
