// Visibility and push permissions on a shared server.
#include "core/access.hpp"
#include "core/fold.hpp"
#include "core/names.hpp"
#include "core/pseudonym.hpp"

#include <doctest/doctest.h>

using namespace tickets;

namespace {

Event make(const std::string& type, const std::string& author, Json payload,
           const std::string& ticket = "") {
    Event e;
    e.type = type;
    e.author = author;
    e.ticket = ticket;
    e.time = 1'800'000'000;
    e.lamport = 1;
    e.payload = std::move(payload);
    return seal(std::move(e));
}

const TicketAudience kTicketOfA{"mieter@a.de", {"kollege@a.de"}, "A GmbH", "", "", false, {}};

} // namespace

TEST_CASE("customers see their own and CC'd tickets") {
    User requester{"mieter@a.de", "customer", "A GmbH", false, {}};
    User cc{"kollege@a.de", "customer", "A GmbH", false, {}};
    User colleague{"andere@a.de", "customer", "A GmbH", false, {}};
    User other_org{"x@b.de", "main-contact", "B AG", false, {}};
    CHECK(can_see(requester, nullptr, kTicketOfA));
    CHECK(can_see(cc, nullptr, kTicketOfA));
    CHECK_FALSE(can_see(colleague, nullptr, kTicketOfA));
    CHECK_FALSE(can_see(other_org, nullptr, kTicketOfA));
}

TEST_CASE("main contacts, admins and shared organisations see the organisation's tickets") {
    Organisation restricted{"A GmbH", {"a.de"}, false};
    Organisation shared{"A GmbH", {"a.de"}, true};
    User main_contact{"chef@a.de", "main-contact", "A GmbH", false, {}};
    User admin{"it@a.de", "admin", "A GmbH", false, {}};
    User member{"andere@a.de", "customer", "A GmbH", false, {}};
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
    CHECK(can_see(User{"agent@support.de", "agent", "", false, {}}, nullptr, kTicketOfA));
}

TEST_CASE("internal notes never reach customers") {
    Event note = make("comment", "agent@s.de", {{"body", "intern"}, {"internal", true}},
                      std::string(64, 'a'));
    Event reply = make("comment", "agent@s.de", {{"body", "Hallo"}, {"internal", false}},
                       std::string(64, 'a'));
    User customer{"mieter@a.de", "main-contact", "A GmbH", false, {}};
    CHECK_FALSE(can_see_event(customer, note));
    CHECK(can_see_event(customer, reply));
    CHECK(can_see_event(User{"agent@s.de", "agent", "", false, {}}, note));
}

TEST_CASE("what customers may push") {
    User customer{"mieter@a.de", "customer", "A GmbH", false, {}};
    Event create = make("create", "mieter@a.de", {{"subject", "s"}, {"requester", "mieter@a.de"}});
    CHECK_FALSE(forbid_push(customer, nullptr, create));
    Event forged = make("create", "chef@a.de", {{"subject", "s"}, {"requester", "chef@a.de"}});
    CHECK(forbid_push(customer, nullptr, forged).value() ==
          "author chef@a.de is not the authenticated user mieter@a.de");
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
    CHECK(forbid_push(customer, &t, ev("set", {{"priority", "urgent"}})).value() ==
          "only agents may edit tickets");
    CHECK(forbid_push(customer, &t, ev("resolve", {{"solution", "x"}}))
              .has_value()); // no reply from support yet
    t.first_response = 1'800'000'100;
    CHECK_FALSE(forbid_push(customer, &t, ev("resolve", {{"solution", "passt"}})));
    CHECK_FALSE(forbid_push(customer, &t, ev("escalate", {{"reason", "dringend"}})));
    User agent{"agent@s.de", "agent", "", false, {}};
    CHECK_FALSE(
        forbid_push(agent, &t, make("status", "agent@s.de", {{"status", "pending"}}, t.id)));
}

TEST_CASE("the property-management roles") {
    for (const char* role : {"tenant", "owner", "board", "provider", "caretaker", "manager"})
        CHECK(is_valid_role(role));
    CHECK_FALSE(is_valid_role("hausmeister"));
    CHECK(is_staff("manager"));
    CHECK_FALSE(is_staff("admin"));
    CHECK(is_management("admin"));
    CHECK(is_management("agent"));
    CHECK_FALSE(is_management("provider"));
    // Managers see everything, internal notes included; the assignee sees
    // the ticket assigned to them.
    User manager{"verwalter@hv.de", "manager", "HV", false, {}};
    User provider{"elektro@dienst.de", "provider", "Dienst", false, {}};
    CHECK(can_see(manager, nullptr, kTicketOfA));
    CHECK_FALSE(can_see(provider, nullptr, kTicketOfA));
    TicketAudience assigned = kTicketOfA;
    assigned.assignee = "elektro@dienst.de";
    CHECK(can_see(provider, nullptr, assigned));
    Event note = make("comment", "agent@s.de", {{"body", "intern"}, {"internal", true}},
                      std::string(64, 'a'));
    CHECK(can_see_event(manager, note));
    CHECK_FALSE(can_see_event(provider, note));
}

TEST_CASE("who may move a property ticket") {
    const std::string tenant_email = "mieter@a.de";
    User tenant{tenant_email, "tenant", "", false, {}};
    User customer{tenant_email, "customer", "", false, {}};
    User manager{"verwalter@hv.de", "manager", "HV", false, {}};
    User admin{"it@a.de", "admin", "A GmbH", false, {}};
    User agent{"agent@s.de", "agent", "", false, {}};
    User provider{"elektro@dienst.de", "provider", "Dienst", false, {}};
    User caretaker{"hauswart@hv.de", "caretaker", "HV", false, {}};
    User other_provider{"sanitaer@dienst.de", "provider", "Dienst", false, {}};

    Event create =
        make("create", tenant_email,
             {{"subject", "Licht"}, {"requester", tenant_email}, {"workflow", "property"}});
    CHECK_FALSE(forbid_push(tenant, nullptr, create));
    Event bogus = make("create", "agent@s.de",
                       {{"subject", "x"}, {"requester", "agent@s.de"}, {"workflow", "kanban"}});
    CHECK(forbid_push(agent, nullptr, bogus).value() == "unknown workflow kanban");

    Ticket t = fold({create});
    REQUIRE(t.workflow == "property");
    auto status_by = [&](const User& u, const std::string& to) {
        return make("status", u.email, {{"status", to}}, t.id);
    };
    // Management moves it.
    CHECK_FALSE(forbid_push(manager, &t, status_by(manager, "approved")));
    CHECK_FALSE(forbid_push(agent, &t, status_by(agent, "approved")));
    CHECK_FALSE(forbid_push(admin, &t, status_by(admin, "approved")));
    CHECK_FALSE(forbid_status_change(admin, t, status_by(admin, "approved")));
    // Residents and customers never do, whatever the event.
    CHECK(forbid_push(tenant, &t, status_by(tenant, "approved")).value() ==
          "only management may change the status of property tickets");
    CHECK(forbid_push(customer, &t, status_by(customer, "done")).has_value());
    Ticket answered = t;
    answered.first_response = 1'800'000'100; // a customer could solve a support ticket now
    CHECK(forbid_push(tenant, &answered, make("resolve", tenant_email, {{"solution", "ok"}}, t.id))
              .has_value());
    CHECK(forbid_push(tenant, &t, make("reopen", tenant_email, Json::object(), t.id)).has_value());
    CHECK(forbid_push(tenant, &t, make("close", tenant_email, Json::object(), t.id)).has_value());
    // They still comment and escalate.
    CHECK_FALSE(forbid_push(tenant, &t, make("comment", tenant_email, {{"body", "dunkel"}}, t.id)));
    CHECK_FALSE(
        forbid_push(tenant, &t, make("escalate", tenant_email, {{"reason", "Sturz"}}, t.id)));

    // The assigned provider does the work steps, and only those.
    t.assignee = provider.email;
    t.status = "approved";
    CHECK_FALSE(forbid_push(provider, &t, status_by(provider, "in-progress")));
    CHECK_FALSE(forbid_push(provider, &t, status_by(provider, "In Bearbeitung")));
    CHECK(forbid_push(provider, &t, status_by(provider, "open")).value() ==
          "the assignee may only move property tickets from approved to in-progress or "
          "in-progress to done");
    CHECK(forbid_push(other_provider, &t, status_by(other_provider, "in-progress")).value() ==
          "only management and the assigned service provider may change the status of property "
          "tickets");
    CHECK(forbid_push(provider, &t, make("assign", provider.email, {{"assignee", "x@d.de"}}, t.id))
              .has_value());
    t.status = "in-progress";
    CHECK_FALSE(forbid_push(provider, &t, status_by(provider, "done")));
    CHECK(forbid_push(provider, &t, status_by(provider, "approved")).has_value());
    t.status = "done";
    // Reopening is management's.
    CHECK(forbid_push(provider, &t, status_by(provider, "in-progress")).has_value());
    CHECK(forbid_push(provider, &t, make("reopen", provider.email, Json::object(), t.id))
              .has_value());
    CHECK_FALSE(forbid_push(manager, &t, make("reopen", manager.email, Json::object(), t.id)));
    t.assignee = caretaker.email;
    t.status = "approved";
    CHECK_FALSE(forbid_status_change(caretaker, t, status_by(caretaker, "in-progress")));
    CHECK_FALSE(forbid_push(caretaker, &t, status_by(caretaker, "in-progress")));

    // Support tickets keep their rules: forbid_status_change has none for them.
    Event support = make("create", tenant_email, {{"subject", "s"}, {"requester", tenant_email}});
    Ticket s = fold({support});
    Event pending = make("status", provider.email, {{"status", "pending"}}, s.id);
    CHECK_FALSE(forbid_status_change(provider, s, pending));
    CHECK(forbid_push(provider, &s, pending).value() ==
          "only agents may change the status of tickets");
}

TEST_CASE("the type alone decides an event's visibility wherever the payload is not needed") {
    User agent{"agent@hv.de", "agent", "", false, {}};
    User customer{"mieter@a.de", "customer", "A GmbH", false, {}};
    Json internal = {{"body", "nur intern"}, {"internal", true}};
    for (const User& u : {agent, customer})
        for (const char* type :
             {"create", "comment", "set", "status", "assign", "escalate", "resolve"})
            if (!visibility_needs_payload(u, type)) CHECK(can_see_event(u, type, internal));
    CHECK(visibility_needs_payload(customer, "comment"));
    CHECK_FALSE(can_see_event(customer, "comment", internal));
    CHECK_FALSE(visibility_needs_payload(agent, "comment"));
}

TEST_CASE("residents see the public tickets of their property, as far as the audience goes") {
    TicketAudience pub{"mieter@a.de", {}, "", "", property_key("Musterstraße 1"), true, {}};
    User tenant{"nachbar@a.de", "tenant", "", false, {"Musterstr. 1"}};
    User owner{"eigen@a.de", "owner", "", false, {"MUSTERSTRASSE 1", "Hauptweg 2"}};
    User elsewhere{"weg@a.de", "tenant", "", false, {"Hauptweg 2"}};
    User provider{"firma@b.de", "provider", "", false, {"Musterstraße 1"}};
    User restricted{"still@a.de", "tenant", "", true, {"Musterstraße 1"}};
    CHECK(can_see(tenant, nullptr, pub));
    CHECK(can_see(owner, nullptr, pub));
    CHECK_FALSE(can_see(elsewhere, nullptr, pub));
    CHECK_FALSE(can_see(provider, nullptr, pub)); // not a resident: only when assigned
    CHECK_FALSE(can_see(restricted, nullptr, pub));
    TicketAudience for_owners = pub;
    for_owners.audience = {"owner", "board"};
    CHECK_FALSE(can_see(tenant, nullptr, for_owners));
    CHECK(can_see(owner, nullptr, for_owners));
    TicketAudience priv = pub;
    priv.is_public = false;
    CHECK_FALSE(can_see(tenant, nullptr, priv));
    CHECK(can_see(User{"mieter@a.de", "tenant", "", false, {}}, nullptr, priv));
}

TEST_CASE("role names in English and German") {
    CHECK(canonical_role("tenant") == "tenant");
    CHECK(canonical_role("Mieter") == "tenant");
    CHECK(canonical_role("EIGENTÜMER") == "owner");
    CHECK(canonical_role("Eigentuemer") == "owner");
    CHECK(canonical_role("Beirat") == "board");
    CHECK(canonical_role("Hauswart") == "caretaker");
    CHECK(canonical_role("Dienstleister") == "provider");
    CHECK(canonical_role("Hauptansprechpartner") == "main-contact");
    CHECK(canonical_role("Hausverwalter") == "manager");
    CHECK_FALSE(canonical_role("Bürgermeister"));
}

TEST_CASE("property names match however they are written") {
    CHECK(property_key("Musterstraße 1") == "musterstr1");
    CHECK(property_key("musterstr. 1") == "musterstr1");
    CHECK(property_key("MUSTERSTRASSE 1") == "musterstr1");
    CHECK(property_key("Müllerweg 3a") == property_key("Muellerweg 3 a"));
    CHECK(property_key("Hauptstraße 1") != property_key("Hauptstraße 11"));
    CHECK(property_key("  ") == "");
    CHECK(property_key("Bahnhofstr. 1-3") == property_key("Bahnhofstraße 1 3"));
    CHECK(property_key("Bahnhofstr. 1-3") != property_key("Bahnhofstr. 13"));
}

TEST_CASE("the requester of an anonymous ticket acts as its pseudonym, and only as it") {
    const std::string pseudonym = pseudonym_from("00112233445566778899");
    CHECK(is_pseudonym(pseudonym));
    CHECK(pseudonym == "anonymous-0011223344556677@anonymous.invalid");
    CHECK_FALSE(is_pseudonym("anonymous-00112233445566zz@anonymous.invalid"));
    CHECK_FALSE(is_pseudonym("anonymous-0011223344556677@example.com"));
    CHECK_FALSE(is_pseudonym("mieter@a.de"));

    User author{"mieter@a.de", "tenant", "", false, {"Musterstraße 1"}};
    User neighbour{"nachbar@a.de", "tenant", "", false, {"Musterstraße 1"}};
    author.aliases = {pseudonym};
    Event create = make("create", pseudonym, {{"subject", "Lärm"}, {"requester", pseudonym}});
    CHECK_FALSE(forbid_push(author, nullptr, create));
    CHECK(forbid_push(neighbour, nullptr, create).value().find("is not the authenticated user") !=
          std::string::npos);
    Ticket t = fold({create});
    CHECK(can_see(author, nullptr, audience_of(t, "")));
    CHECK_FALSE(can_see(neighbour, nullptr,
                        audience_of(t, ""))); // private: between requester and management
    Event as_pseudonym = make("comment", pseudonym, {{"body", "wieder"}}, t.id);
    Event as_self = make("comment", author.email, {{"body", "ich"}}, t.id);
    CHECK_FALSE(forbid_push(author, &t, as_pseudonym));
    CHECK(forbid_push(author, &t, as_self).value() ==
          "the ticket is anonymous: its requester writes under its pseudonym");
    CHECK_FALSE(forbid_push(author, &t, make("rate", pseudonym, {{"rating", "good"}}, t.id)));
    CHECK(forbid_push(neighbour, &t, make("rate", neighbour.email, {{"rating", "bad"}}, t.id))
              .value() == "only the requester may rate this ticket");
}
