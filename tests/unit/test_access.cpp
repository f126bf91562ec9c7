// Visibility and push permissions on a shared server.
#include "core/access.hpp"
#include "core/fold.hpp"

#include <doctest/doctest.h>

using namespace tickets;

namespace {

Event make(const std::string& type, const std::string& author, Json payload, const std::string& ticket = "") {
    Event e;
    e.type = type;
    e.author = author;
    e.ticket = ticket;
    e.time = 1'800'000'000;
    e.lamport = 1;
    e.payload = std::move(payload);
    return seal(std::move(e));
}

const TicketAudience kTicketOfA{"mieter@a.de", {"kollege@a.de"}, "A GmbH"};

} // namespace

TEST_CASE("customers see their own and CC'd tickets") {
    User requester{"mieter@a.de", "customer", "A GmbH", false};
    User cc{"kollege@a.de", "customer", "A GmbH", false};
    User colleague{"andere@a.de", "customer", "A GmbH", false};
    User other_org{"x@b.de", "main-contact", "B AG", false};
    CHECK(can_see(requester, nullptr, kTicketOfA));
    CHECK(can_see(cc, nullptr, kTicketOfA));
    CHECK_FALSE(can_see(colleague, nullptr, kTicketOfA));
    CHECK_FALSE(can_see(other_org, nullptr, kTicketOfA));
}

TEST_CASE("main contacts, admins and shared organisations see the organisation's tickets") {
    Organisation restricted{"A GmbH", {"a.de"}, false};
    Organisation shared{"A GmbH", {"a.de"}, true};
    User main_contact{"chef@a.de", "main-contact", "A GmbH", false};
    User admin{"it@a.de", "admin", "A GmbH", false};
    User member{"andere@a.de", "customer", "A GmbH", false};
    CHECK(can_see(main_contact, &restricted, kTicketOfA));
    CHECK(can_see(admin, &restricted, kTicketOfA));
    CHECK_FALSE(can_see(member, &restricted, kTicketOfA));
    CHECK(can_see(member, &shared, kTicketOfA));
    User restricted_member = member;
    restricted_member.restricted = true; // the stricter setting wins
    CHECK_FALSE(can_see(restricted_member, &shared, kTicketOfA));
    User restricted_main = main_contact;
    restricted_main.restricted = true;
    CHECK_FALSE(can_see(restricted_main, &shared, kTicketOfA));
    CHECK(can_see(User{"agent@support.de", "agent", "", false}, nullptr, kTicketOfA));
}

TEST_CASE("internal notes never reach customers") {
    Event note = make("comment", "agent@s.de", {{"body", "intern"}, {"internal", true}}, std::string(64, 'a'));
    Event reply = make("comment", "agent@s.de", {{"body", "Hallo"}, {"internal", false}}, std::string(64, 'a'));
    User customer{"mieter@a.de", "main-contact", "A GmbH", false};
    CHECK_FALSE(can_see_event(customer, note));
    CHECK(can_see_event(customer, reply));
    CHECK(can_see_event(User{"agent@s.de", "agent", "", false}, note));
}

TEST_CASE("what customers may push") {
    User customer{"mieter@a.de", "customer", "A GmbH", false};
    Event create = make("create", "mieter@a.de", {{"subject", "s"}, {"requester", "mieter@a.de"}});
    CHECK_FALSE(forbid_push(customer, nullptr, create));
    Event forged = make("create", "chef@a.de", {{"subject", "s"}, {"requester", "chef@a.de"}});
    CHECK(forbid_push(customer, nullptr, forged).value() == "author chef@a.de is not the authenticated user mieter@a.de");
    Event for_other = make("create", "mieter@a.de", {{"subject", "s"}, {"requester", "chef@a.de"}});
    CHECK(forbid_push(customer, nullptr, for_other).has_value());

    Ticket t = fold({create});
    auto ev = [&](const std::string& type, Json p) { return make(type, "mieter@a.de", p, t.id); };
    CHECK_FALSE(forbid_push(customer, &t, ev("comment", {{"body", "x"}})));
    CHECK(forbid_push(customer, &t, ev("comment", {{"body", "x"}, {"internal", true}})).value() ==
          "only agents write internal notes");
    CHECK(forbid_push(customer, &t, ev("status", {{"status", "pending"}})).value() ==
          "only agents may change the status of tickets");
    CHECK(forbid_push(customer, &t, ev("assign", {{"assignee", "x@a.de"}})).has_value());
    CHECK(forbid_push(customer, &t, ev("set", {{"priority", "urgent"}})).value() == "only agents may edit tickets");
    CHECK(forbid_push(customer, &t, ev("resolve", {{"solution", "x"}})).has_value()); // no reply from support yet
    t.first_response = 1'800'000'100;
    CHECK_FALSE(forbid_push(customer, &t, ev("resolve", {{"solution", "passt"}})));
    CHECK_FALSE(forbid_push(customer, &t, ev("escalate", {{"reason", "dringend"}})));
    User agent{"agent@s.de", "agent", "", false};
    CHECK_FALSE(forbid_push(agent, &t, make("status", "agent@s.de", {{"status", "pending"}}, t.id)));
}
