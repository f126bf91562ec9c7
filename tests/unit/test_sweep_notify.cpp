// The sweep rules and the notification rules: pure functions of a ticket's
// state, an event and the time.
#include "core/error.hpp"
#include "core/fold.hpp"
#include "core/notify.hpp"
#include "core/pseudonym.hpp"
#include "core/rules.hpp"
#include "core/sweep.hpp"

#include <algorithm>
#include <doctest/doctest.h>

using namespace tickets;

namespace {

const std::string kTenant = "mieter@muster-hv.de";
const std::string kAgent = "agent@support.example.com";
const std::string kCc = "kollegin@muster-hv.de";

Instant at(const char* iso) {
    return *parse_instant(iso);
}

struct History {
    std::vector<Event> events;
    std::int64_t lamport = 0;

    Event add(const std::string& type, Json payload, const std::string& author, Instant time) {
        Event e;
        e.type = type;
        e.ticket = events.empty() ? "" : events.front().id;
        e.author = author;
        e.time = time;
        e.lamport = ++lamport;
        e.payload = std::move(payload);
        e = seal(std::move(e));
        events.push_back(e);
        return e;
    }
    Ticket state() const { return fold(events); }
};

History pending_since(const char* iso) {
    History h;
    h.add("create",
          {{"subject", "Heizung ausgefallen"},
           {"description", "Kalt."},
           {"requester", kTenant},
           {"cc", {kCc}},
           {"assignee", kAgent}},
          kTenant, at(iso) - 60);
    h.add("status", {{"status", "pending"}}, kAgent, at(iso));
    return h;
}

std::vector<std::string> everyone(const std::vector<MailMessage>& ms) {
    std::vector<std::string> out;
    for (const auto& m : ms) {
        out.insert(out.end(), m.to.begin(), m.to.end());
        out.insert(out.end(), m.cc.begin(), m.cc.end());
    }
    std::sort(out.begin(), out.end());
    return out;
}

} // namespace

TEST_CASE("sweep: by default the second reminder closes the ticket") {
    SweepSettings s; // DE-NW, UTC, 5/5/0, 14
    History h = pending_since("2026-11-20T09:00:00Z");
    h.add("remind", {{"reminder", 1}}, kAgent, at("2026-11-27T09:00:00Z"));
    auto a = sweep_ticket(h.state(), at("2026-12-04T09:00:00Z"), s);
    REQUIRE(a);
    CHECK(a->payload["reminder"] == 2);
    h.add(a->type, a->payload, kAgent, at("2026-12-04T09:00:00Z"));
    a = sweep_ticket(h.state(), at("2026-12-04T09:00:00Z"), s); // asked again at once
    REQUIRE(a);
    CHECK(a->type == "close");
    CHECK(a->payload["reason"] == "no-reply");
}

TEST_CASE("sweep: reminders after working days, then close") {
    SweepSettings s; // DE-NW, UTC, 5/5, 14
    s.pending_close_days = 5;
    History h = pending_since("2026-11-20T09:00:00Z"); // Friday
    CHECK_FALSE(sweep_ticket(h.state(), at("2026-11-27T08:59:59Z"), s));
    auto a = sweep_ticket(h.state(), at("2026-11-27T09:00:00Z"), s);
    REQUIRE(a);
    CHECK(a->type == "remind");
    CHECK(a->payload["reminder"] == 1);
    h.add(a->type, a->payload, kAgent, at("2026-11-27T09:00:00Z"));
    CHECK_FALSE(sweep_ticket(h.state(), at("2026-11-27T09:00:00Z"), s)); // idempotent
    a = sweep_ticket(h.state(), at("2026-12-04T09:00:00Z"), s);
    REQUIRE(a);
    CHECK(a->payload["reminder"] == 2);
    h.add(a->type, a->payload, kAgent, at("2026-12-04T09:00:00Z"));
    CHECK_FALSE(sweep_ticket(h.state(), at("2026-12-10T09:00:00Z"), s));
    a = sweep_ticket(h.state(), at("2026-12-11T09:00:00Z"), s);
    REQUIRE(a);
    CHECK(a->type == "close");
    CHECK(a->payload["reason"] == "no-reply");
    h.add(a->type, a->payload, kAgent, at("2026-12-11T09:00:00Z"));
    Ticket t = h.state();
    CHECK(t.status == "closed");
    CHECK(t.close_reason == "no-reply");
    CHECK(t.skipped.empty());
}

TEST_CASE("sweep: a customer's reply (a CC's too) takes a pending ticket back to open") {
    SweepSettings s;
    History h = pending_since("2026-11-02T09:00:00Z");
    h.add("comment", {{"body", "intern"}, {"internal", true}}, kAgent, at("2026-11-04T09:00:00Z"));
    CHECK(h.state().status == "pending");
    h.add("comment", {{"body", "Wohnung 3"}}, kCc, at("2026-11-05T09:00:00Z"));
    Ticket t = h.state();
    CHECK(t.customer_replied_at == at("2026-11-05T09:00:00Z"));
    CHECK(t.status == "open");
    CHECK_FALSE(sweep_ticket(t, at("2026-11-30T09:00:00Z"), s));
    // A CC's reply reopens a solved ticket as the requester's does.
    h.add("resolve", {{"solution", "erledigt"}}, kAgent, at("2026-11-06T09:00:00Z"));
    CHECK(h.state().status == "solved");
    h.add("comment", {{"body", "geht wieder nicht"}}, kCc, at("2026-11-07T09:00:00Z"));
    CHECK(h.state().status == "open");
}

TEST_CASE("sweep: solved tickets close after calendar days") {
    SweepSettings s;
    History h = pending_since("2026-11-02T09:00:00Z");
    h.add("resolve", {{"solution", "ok"}}, kAgent, at("2026-11-02T10:00:00Z"));
    CHECK_FALSE(sweep_ticket(h.state(), at("2026-11-16T09:59:59Z"), s));
    auto a = sweep_ticket(h.state(), at("2026-11-16T10:00:00Z"), s);
    REQUIRE(a);
    CHECK(a->payload["reason"] == "solved");
}

TEST_CASE("sweep settings from config") {
    auto s = sweep_settings({{"sweep.pending_reminder_days", "3"},
                             {"sweep.pending_close", "false"},
                             {"calendar.holidays", "DE-BY"}},
                            TimeZone{});
    CHECK(s.pending_reminder_days == 3);
    CHECK_FALSE(s.pending_close);
    CHECK(s.calendar.regions == std::vector<std::string>{"DE-BY"});
    CHECK_THROWS_WITH(sweep_settings({{"sweep.solved_close_days", "-1"}}, TimeZone{}),
                      doctest::Contains("sweep.solved_close_days"));
    CHECK_THROWS_WITH(sweep_settings({{"sweep.pending_close", "ja"}}, TimeZone{}),
                      doctest::Contains("sweep.pending_close"));
}

TEST_CASE("remind events are checked by the fold") {
    History h = pending_since("2026-11-02T09:00:00Z");
    h.add("remind", {{"reminder", 2}}, kAgent, at("2026-11-09T09:00:00Z"));
    Ticket t = h.state();
    CHECK(t.reminders_sent == 0);
    REQUIRE(t.skipped.size() == 1);
    CHECK(t.skipped[0].reason.find("cannot remind") == 0);
    h.add("status", {{"status", "open"}}, kAgent, at("2026-11-09T10:00:00Z"));
    h.add("remind", {{"reminder", 1}}, kAgent, at("2026-11-09T11:00:00Z"));
    CHECK(h.state().skipped.size() == 2); // not pending
}

TEST_CASE("notifications: who gets what") {
    NotifySettings ns;
    History h;
    Event create = h.add(
        "create",
        {{"subject", "Heizung"}, {"description", "Kalt."}, {"requester", kTenant}, {"cc", {kCc}}},
        kTenant, at("2026-11-02T09:00:00Z"));
    Ticket t = h.state();
    auto ms = notifications(Ticket{}, create, t, ns);
    REQUIRE(ms.size() == 1);
    CHECK(ms[0].to == std::vector<std::string>{kTenant}); // confirmation, even to its author
    CHECK(ms[0].cc == std::vector<std::string>{kCc});
    CHECK(ms[0].message_id == thread_message_id(t.id));
    CHECK(ms[0].subject == "[#" + t.id.substr(0, kMailTokenLength) + "] Heizung");

    Ticket before = t;
    Event assign = h.add("assign", {{"assignee", kAgent}}, "lead@support.example.com",
                         at("2026-11-02T09:10:00Z"));
    t = h.state();
    ms = notifications(before, assign, t, ns);
    CHECK(everyone(ms) == std::vector<std::string>{kAgent});

    before = t;
    Event note = h.add("comment", {{"body", "geheim"}, {"internal", true}},
                       "lead@support.example.com", at("2026-11-02T09:20:00Z"));
    t = h.state();
    ms = notifications(before, note, t, ns);
    CHECK(everyone(ms) == std::vector<std::string>{kAgent});

    before = t;
    Event own_note =
        h.add("comment", {{"body", "x"}, {"internal", true}}, kAgent, at("2026-11-02T09:30:00Z"));
    t = h.state();
    CHECK(notifications(before, own_note, t, ns).empty());

    before = t;
    Event reply = h.add("comment", {{"body", "Danke"}}, kAgent, at("2026-11-02T09:40:00Z"));
    t = h.state();
    ms = notifications(before, reply, t, ns);
    REQUIRE(ms.size() == 1);
    CHECK(ms[0].in_reply_to == thread_message_id(t.id));
    CHECK(everyone(ms) == std::vector<std::string>{kCc, kTenant});

    before = t;
    Event solve =
        h.add("resolve", {{"solution", "Pumpe getauscht"}}, kAgent, at("2026-11-02T10:00:00Z"));
    t = h.state();
    ms = notifications(before, solve, t, ns);
    REQUIRE(ms.size() == 1);
    CHECK(ms[0].body.find("tickets rate " + t.short_id() + " good") != std::string::npos);

    before = t;
    Event rate = h.add("rate", {{"rating", "good"}}, kTenant, at("2026-11-02T11:00:00Z"));
    CHECK(notifications(before, rate, h.state(), ns).empty());

    // Named by the event: writing it again never makes a second message.
    auto first = notifications(Ticket{}, create, fold({create}), ns);
    CHECK(first[0].name == create.id + "-customer.eml");
    CHECK(notifications(Ticket{}, create, fold({create}), ns)[0].message_id == first[0].message_id);
}

TEST_CASE("notifications: an anonymous requester is mailed alone and named by nobody") {
    const std::string pseudonym = pseudonym_from("0123456789abcdef");
    NotifySettings ns;
    History h;
    Event create = h.add(
        "create",
        {{"subject", "Lärm"}, {"description", "Nachts."}, {"requester", pseudonym}, {"cc", {kCc}}},
        pseudonym, at("2026-11-02T09:00:00Z"));
    // Without knowing who it is, nobody is mailed for the pseudonym.
    auto ms = notifications(Ticket{}, create, h.state(), ns);
    CHECK(everyone(ms) == std::vector<std::string>{kCc});
    CHECK(ms[0].body.find("(anonym)") != std::string::npos);

    ns.identities[pseudonym] = kTenant;
    ms = notifications(Ticket{}, create, h.state(), ns);
    REQUIRE(ms.size() == 2);
    CHECK(ms[0].to == std::vector<std::string>{kCc});
    CHECK(ms[0].cc.empty());
    CHECK(ms[1].to == std::vector<std::string>{kTenant});
    CHECK(ms[1].cc.empty());
    CHECK(ms[1].name == create.id + "-customer-anonymous.eml");
    for (const auto& m : ms) CHECK(m.body.find(kTenant) == std::string::npos);

    Ticket before = h.state();
    Event own = h.add("comment", {{"body", "Wieder"}}, pseudonym, at("2026-11-02T10:00:00Z"));
    CHECK(everyone(notifications(before, own, h.state(), ns)) == std::vector<std::string>{kCc});
    before = h.state();
    Event reply = h.add("comment", {{"body", "Wir prüfen"}}, kAgent, at("2026-11-02T11:00:00Z"));
    CHECK(everyone(notifications(before, reply, h.state(), ns)) ==
          std::vector<std::string>{kCc, kTenant});
}

TEST_CASE("mail encoding") {
    CHECK(rfc5322_date(at("2026-11-23T14:52:00Z")) == "Mon, 23 Nov 2026 14:52:00 +0000");
    CHECK(rfc5322_date(0) == "Thu, 01 Jan 1970 00:00:00 +0000");
    CHECK(encode_header_word("[#3f2a1c9] Heizung") == "[#3f2a1c9] Heizung");
    CHECK(encode_header_word("Müll") == "=?UTF-8?B?TcO8bGw=?=");
    std::string long_subject(40, 'a');
    long_subject += "äöüäöüäöüäöü";
    std::string enc = encode_header_word(long_subject);
    CHECK(enc.find("\r\n ") != std::string::npos); // folded into several words
    CHECK(quoted_printable("Grüße = Gruss") == "Gr=C3=BC=C3=9Fe =3D Gruss");
    CHECK(quoted_printable("a \nb") == "a=20\r\nb");
    std::string qp = quoted_printable(std::string(200, 'x'));
    CHECK(qp.find("=\r\n") == 75); // soft line breaks keep lines at 76 characters
    MailMessage m;
    m.from = "tickets@localhost";
    m.to = {kTenant};
    m.subject = "Müll";
    m.message_id = "<a@tickets.local>";
    m.body = "Hallo\n";
    std::string raw = render_message(m);
    CHECK(raw.find("Subject: =?UTF-8?B?TcO8bGw=?=\r\n") != std::string::npos);
    CHECK(raw.find("\r\n\r\nHallo\r\n") != std::string::npos);
    CHECK(raw.find("Content-Type: text/plain; charset=utf-8\r\n") != std::string::npos);
}

TEST_CASE("create rules") {
    auto rules = parse_rules({{"b-licht.words", "Glühbirne, lampe"},
                              {"b-licht.property", "Musterstraße 1"},
                              {"b-licht.assign", "Hauswart@muster-hv.de"},
                              {"b-licht.tag", "licht"},
                              {"a-stoerung.type", "Störung"},
                              {"a-stoerung.priority", "hoch"},
                              {"a-stoerung.assign", "agent@support.example.com"}});
    REQUIRE(rules.size() == 2);
    CHECK(rules[0].name == "a-stoerung");
    CHECK(rules[0].type == "incident");
    TicketDraft d;
    d.subject = "Glühbirne im Keller";
    d.property = "musterstraße 1";
    d.type = "incident";
    d.requester = kTenant;
    auto applied = apply_rules(rules, d, false);
    CHECK(applied == std::vector<std::string>{"a-stoerung", "b-licht"});
    CHECK(d.assignee == "hauswart@muster-hv.de"); // the later rule wins
    CHECK(d.priority == "high");
    CHECK(d.tags == std::vector<std::string>{"licht"});
    TicketDraft other;
    other.subject = "Heizung";
    other.property = "Musterstraße 1";
    CHECK(apply_rules(rules, other, false).empty());
    CHECK_THROWS_WITH(parse_rules({{"x.assign", "a@b.de"}}), doctest::Contains("condition"));
    CHECK_THROWS_WITH(parse_rules({{"x.category", "Heizung"}}), doctest::Contains("action"));
    CHECK_THROWS_WITH(parse_rules({{"x.colour", "rot"}}), doctest::Contains("unknown key"));
}
