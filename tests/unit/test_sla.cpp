// Working time and SLA clocks, every figure worked out by hand on a calendar
// of Monday to Friday 08:00-17:00 in UTC (2026-12-07 is a Monday).
#include "core/error.hpp"
#include "core/fold.hpp"
#include "core/sla.hpp"
#include "core/working_time.hpp"

#include <doctest/doctest.h>

using namespace tickets;

namespace {

Instant at(const char* iso) {
    return *parse_instant(iso);
}

constexpr std::int64_t kHour = 3600;

WorkCalendar office(const char* regions = "none", TimeZone zone = TimeZone{}) {
    return WorkCalendar(make_calendar(regions, "", std::move(zone)), default_working_hours());
}

const char* const kAgent = "agent@support.example.com";
const char* const kCustomer = "kunde@example.org";

Event ev(const std::string& type, const std::string& ticket, std::int64_t lamport, Json payload,
         const char* when, const std::string& author = kAgent) {
    Event e;
    e.type = type;
    e.ticket = ticket;
    e.author = author;
    e.time = at(when);
    e.lamport = lamport;
    e.payload = std::move(payload);
    return seal(std::move(e));
}

SlaTargets normal_targets() {
    return {"normal", 4 * kHour, 8 * kHour, 16 * kHour, {"pending", "hold"}};
}

const SlaClock& clock(const SlaState& s, const std::string& name) {
    for (const auto& c : s.clocks)
        if (c.name == name) return c;
    FAIL("no clock " << name);
    return s.clocks.front();
}

} // namespace

TEST_CASE("business hours are read as the config writes them") {
    auto two = parse_day_hours("08:00-12:00, 13:00-17:00");
    REQUIRE(two);
    CHECK(*two == std::vector<std::pair<int, int>>{{480, 720}, {780, 1020}});
    CHECK(parse_day_hours("closed")->empty());
    CHECK_FALSE(parse_day_hours("17:00-08:00"));
    CHECK_FALSE(parse_day_hours("08:00-12:00,11:00-13:00"));
    CHECK_FALSE(parse_day_hours("8-17"));
    auto hours = working_hours(
        {{"calendar.hours.saturday", "09:00-13:00"}, {"calendar.hours.friday", "closed"}});
    CHECK(hours.days[5] == std::vector<std::pair<int, int>>{{540, 780}});
    CHECK(hours.days[4].empty());
    CHECK(hours.days[0] == std::vector<std::pair<int, int>>{{480, 1020}});
    CHECK_THROWS_AS(working_hours({{"calendar.hours.montag", "08:00-17:00"}}), Failure);
    CHECK_THROWS_AS(working_hours({{"calendar.hours.monday", "8 bis 17"}}), Failure);
}

TEST_CASE("working time is counted in business hours on working days") {
    WorkCalendar cal = office();
    CHECK(cal.day_seconds() == 9 * kHour);
    CHECK(cal.seconds_between(at("2026-12-07T07:00:00Z"), at("2026-12-07T10:00:00Z")) == 2 * kHour);
    // Friday 16:00 to Monday 09:00: an hour on each side of the weekend.
    CHECK(cal.seconds_between(at("2026-12-11T16:00:00Z"), at("2026-12-14T09:00:00Z")) == 2 * kHour);
    CHECK(*cal.add_seconds(at("2026-12-11T16:00:00Z"), 2 * kHour) == at("2026-12-14T09:00:00Z"));
    CHECK(*cal.add_seconds(at("2026-12-12T12:00:00Z"), kHour) == at("2026-12-14T09:00:00Z"));
    CHECK(*cal.add_seconds(at("2026-12-07T17:00:00Z"), 0) == at("2026-12-07T17:00:00Z"));
    // Christmas in North Rhine-Westphalia: the 25th is a Friday, the 28th a Monday.
    WorkCalendar nrw = office("DE-NW");
    CHECK(*nrw.add_seconds(at("2026-12-24T16:00:00Z"), 2 * kHour) == at("2026-12-28T09:00:00Z"));
    // A lunch break is not working time.
    WorkingHours lunch = default_working_hours();
    lunch.days[0] = *parse_day_hours("08:00-12:00,13:00-17:00");
    WorkCalendar with_lunch(make_calendar("none", "", TimeZone{}), lunch);
    CHECK(*with_lunch.add_seconds(at("2026-12-07T11:00:00Z"), 2 * kHour) ==
          at("2026-12-07T14:00:00Z"));
    // Hours are local: 08:00 in Berlin in winter is 07:00 UTC.
    WorkCalendar berlin = office("none", fixed_time_zone("+01:00", 3600));
    CHECK(*berlin.add_seconds(at("2026-12-07T06:00:00Z"), kHour) == at("2026-12-07T08:00:00Z"));
    // No working time at all: no deadline.
    WorkingHours none;
    WorkCalendar never(make_calendar("none", "", TimeZone{}), none);
    CHECK_FALSE(never.add_seconds(at("2026-12-07T06:00:00Z"), kHour));
}

TEST_CASE("targets are written in working minutes, hours and days") {
    CHECK(parse_working_duration("4h", 9 * kHour) == 4 * kHour);
    CHECK(parse_working_duration("30m", 9 * kHour) == 1800);
    CHECK(parse_working_duration("1d4h30m", 9 * kHour) == 13 * kHour + 1800);
    CHECK_FALSE(parse_working_duration("0h", 9 * kHour));
    CHECK_FALSE(parse_working_duration("4", 9 * kHour));
    CHECK_FALSE(parse_working_duration("4 Stunden", 9 * kHour));
    CHECK(format_working_duration(4 * kHour + 1800) == "4h 30m");
    CHECK(format_working_duration(59) == "0m");
}

TEST_CASE("policies are chosen by priority and the most specific conditions") {
    std::map<std::string, std::string> config = {
        {"sla.normal.first_reply", "4h"},  {"sla.normal.resolution", "2d"},
        {"sla.acme.priority", "normal"},   {"sla.acme.organisation", "acme.de"},
        {"sla.acme.first_reply", "1h"},    {"sla.pause", "pending"},
        {"sla.urgent.first_reply", "30m"},
    };
    SlaSettings s = sla_settings(config, 9 * kHour);
    REQUIRE(s.policies.size() == 3);
    Ticket t;
    t.priority = "normal";
    auto targets = sla_targets_for(t, s);
    REQUIRE(targets);
    CHECK(targets->policy == "normal");
    CHECK(targets->resolution == 18 * kHour);
    CHECK(targets->pause == std::vector<std::string>{"pending"});
    t.organisation = "acme.de";
    CHECK(sla_targets_for(t, s)->policy == "acme");
    t.priority = "low";
    CHECK_FALSE(sla_targets_for(t, s));
    CHECK_THROWS_AS(sla_settings({{"sla.normal.first_reply", "vier Stunden"}}, 9 * kHour), Failure);
    CHECK_THROWS_AS(sla_settings({{"sla.normal.frist", "4h"}}, 9 * kHour), Failure);
    CHECK_THROWS_AS(sla_settings({{"sla.pause", "waiting"}}, 9 * kHour), Failure);
    CHECK_THROWS_AS(sla_settings({{"sla.normal.priority", "normal"}}, 9 * kHour), Failure);
}

TEST_CASE("the targets travel in the events and survive the round trip") {
    SlaTargets t = normal_targets();
    CHECK(sla_targets_from_json(sla_targets_json(t)) == t);
    CHECK_FALSE(sla_targets_from_json(Json::object()));
    CHECK(sla_targets_problem(Json{{"policy", "x"}, {"first_reply", -1}}));
    CHECK(sla_targets_problem(Json{{"policy", "x"}, {"frist", 1}}));
    CHECK_FALSE(sla_targets_problem(Json::object()));
}

TEST_CASE("three clocks through reply, pause, customer reply, solving and reopening") {
    WorkCalendar cal = office();
    Event c = ev("create", "", 1,
                 {{"subject", "Heizung"},
                  {"requester", kCustomer},
                  {"priority", "normal"},
                  {"sla", sla_targets_json(normal_targets())}},
                 "2026-12-07T09:00:00Z", kCustomer);
    std::vector<Event> events = {c};
    auto add = [&](const std::string& type, Json payload, const char* when,
                   const std::string& author = kAgent) {
        events.push_back(ev(type, c.id, static_cast<std::int64_t>(events.size()) + 1,
                            std::move(payload), when, author));
        return fold(events);
    };

    // Before any answer: first reply and resolution run.
    SlaState s = sla_state(fold(events), normal_targets(), cal, at("2026-12-07T12:00:00Z"));
    CHECK(clock(s, "first_reply").used == 3 * kHour);
    CHECK(clock(s, "first_reply").due == at("2026-12-07T13:00:00Z"));
    CHECK(s.due == at("2026-12-07T13:00:00Z"));
    CHECK(s.clocks.size() == 2); // no next reply owed yet
    // Had nobody answered by 14:00, the first reply would be breached.
    CHECK(clock(sla_state(fold(events), normal_targets(), cal, at("2026-12-07T14:00:00Z")),
                "first_reply")
              .breached);

    // Answered at 12:00: met after three hours.
    add("comment", {{"body", "Wir kümmern uns."}}, "2026-12-07T12:00:00Z");
    Ticket t = add("comment", {{"body", "Immer noch kalt."}}, "2026-12-07T16:00:00Z", kCustomer);
    s = sla_state(t, normal_targets(), cal, at("2026-12-07T17:00:00Z"));
    CHECK(clock(s, "first_reply").done);
    CHECK(clock(s, "first_reply").used == 3 * kHour);
    CHECK_FALSE(clock(s, "first_reply").breached);
    // The customer's reply at 16:00 owes an answer within 8 working hours.
    CHECK(clock(s, "next_reply").running);
    CHECK(clock(s, "next_reply").due == at("2026-12-08T15:00:00Z"));

    // Pending from Tuesday 09:00 pauses every clock ...
    t = add("status", {{"status", "pending"}}, "2026-12-08T09:00:00Z");
    s = sla_state(t, normal_targets(), cal, at("2026-12-09T09:00:00Z"));
    CHECK_FALSE(clock(s, "next_reply").running);
    CHECK(clock(s, "next_reply").used == 2 * kHour);
    CHECK(clock(s, "resolution").used == 9 * kHour);
    CHECK_FALSE(s.due);
    // ... until the customer's reply on Wednesday 10:00 reopens it.
    t = add("comment", {{"body", "Hier das Foto."}}, "2026-12-09T10:00:00Z", kCustomer);
    CHECK(t.status == "open");
    s = sla_state(t, normal_targets(), cal, at("2026-12-09T12:00:00Z"));
    CHECK(clock(s, "next_reply").used == 4 * kHour);
    CHECK(clock(s, "next_reply").due == at("2026-12-09T16:00:00Z"));
    CHECK(clock(s, "resolution").due == at("2026-12-09T17:00:00Z"));
    CHECK(s.due == at("2026-12-09T16:00:00Z"));
    CHECK_FALSE(s.breached());
    // Unanswered until Thursday 09:00: ten hours, two over.
    s = sla_state(t, normal_targets(), cal, at("2026-12-10T09:00:00Z"));
    CHECK(clock(s, "next_reply").breached);
    CHECK(clock(s, "next_reply").used == 10 * kHour);
    CHECK_FALSE(s.breached_before); // only by running past its deadline
    CHECK(s.due <= at("2026-12-10T09:00:00Z"));

    // Solved on Wednesday 15:00: every clock stops, all met.
    t = add("resolve", {{"solution", "Ventil getauscht."}}, "2026-12-09T15:00:00Z");
    s = sla_state(t, normal_targets(), cal, at("2026-12-10T09:00:00Z"));
    CHECK(clock(s, "next_reply").done);
    CHECK(clock(s, "next_reply").used == 7 * kHour);
    CHECK(clock(s, "resolution").done);
    CHECK(clock(s, "resolution").used == 14 * kHour);
    CHECK(clock(s, "resolution").stopped == at("2026-12-09T15:00:00Z"));
    CHECK_FALSE(s.breached());
    CHECK(sla_summary(s, TimeZone{}) == "met");

    // Reopened on Thursday 08:00: two hours of the resolution target are left.
    t = add("reopen", Json::object(), "2026-12-10T08:00:00Z", kCustomer);
    s = sla_state(t, normal_targets(), cal, at("2026-12-10T09:00:00Z"));
    CHECK(clock(s, "resolution").running);
    CHECK(clock(s, "resolution").due == at("2026-12-10T10:00:00Z"));
    s = sla_state(t, normal_targets(), cal, at("2026-12-10T11:00:00Z"));
    CHECK(clock(s, "resolution").breached);
    CHECK(sla_summary(s, TimeZone{}) == "breached");
    Json j = sla_state_json(s, normal_targets());
    CHECK(j["clocks"]["resolution"]["state"] == "breached");
    CHECK(j["clocks"]["resolution"]["overdue"] == kHour);
    CHECK(j["clocks"]["first_reply"]["state"] == "met");
}

TEST_CASE("a clock paused after running over stays breached") {
    WorkCalendar cal = office();
    Event c = ev("create", "", 1,
                 {{"subject", "Heizung"}, {"requester", kCustomer}, {"priority", "normal"}},
                 "2026-12-07T08:00:00Z", kCustomer);
    Event pending = ev("status", c.id, 2, {{"status", "pending"}}, "2026-12-07T14:00:00Z");
    Ticket t = fold({c, pending});
    SlaState s = sla_state(t, normal_targets(), cal, at("2026-12-08T14:00:00Z"));
    CHECK(clock(s, "first_reply").breached);
    CHECK(clock(s, "first_reply").used == 6 * kHour);
    CHECK(s.breached_before);
    CHECK_FALSE(s.due);
    CHECK(sla_summary(s, TimeZone{}) == "breached");
    // Without a policy the ticket has no clocks at all.
    CHECK(sla_state(t, SlaTargets{}, cal, at("2026-12-08T14:00:00Z")).clocks.empty());
}

TEST_CASE("the fold takes the targets from the create, a set and an escalation") {
    Event c = ev("create", "", 1,
                 {{"subject", "Heizung"},
                  {"requester", kCustomer},
                  {"sla", sla_targets_json(normal_targets())}},
                 "2026-12-07T08:00:00Z", kCustomer);
    CHECK(fold({c}).sla == normal_targets());
    SlaTargets high = normal_targets();
    high.policy = "high";
    high.first_reply = kHour;
    Event esc = ev("escalate", c.id, 2, {{"reason", "Wasser"}, {"sla", sla_targets_json(high)}},
                   "2026-12-07T09:00:00Z");
    CHECK(fold({c, esc}).sla == high);
    Event none =
        ev("set", c.id, 3, {{"priority", "low"}, {"sla", Json::object()}}, "2026-12-07T10:00:00Z");
    CHECK_FALSE(fold({c, esc, none}).sla);
}

TEST_CASE("long spans of working time are the sum of their days") {
    WorkCalendar cal = office("DE-NW", fixed_time_zone("+01:00", 3600));
    // Counted later months first, so that the cache grows both ways.
    for (auto [from, to] : {std::pair{"2026-11-02T10:30:00Z", "2027-01-15T09:15:00Z"},
                            {"2026-03-02T07:00:00Z", "2026-12-24T16:00:00Z"},
                            {"2026-12-23T12:00:00Z", "2026-12-29T08:30:00Z"}}) {
        Instant a = at(from), b = at(to);
        std::int64_t by_days = 0;
        for (Instant t = a; t < b; t += 86400)
            by_days += cal.seconds_between(t, std::min(b, t + 86400));
        CHECK(cal.seconds_between(a, b) == by_days);
    }
    // 2026-12-21 to 2026-12-31 in NRW: 8 working days of 9 hours (Monday 21st
    // to Thursday 24th, Monday 28th to Thursday 31st; the 25th is a holiday,
    // the 24th and 31st are not).
    CHECK(cal.seconds_between(at("2026-12-20T23:00:00Z"), at("2026-12-31T23:00:00Z")) ==
          8 * 9 * kHour);
}

TEST_CASE("a late answer leaves the ticket breached, not the next cycle") {
    WorkCalendar cal = office();
    Event c = ev("create", "", 1,
                 {{"subject", "Heizung"}, {"requester", kCustomer}, {"priority", "normal"}},
                 "2026-12-07T08:00:00Z", kCustomer);
    std::vector<Event> events = {
        c, ev("comment", c.id, 2, {{"body", "Wir schauen."}}, "2026-12-07T09:00:00Z"),
        ev("comment", c.id, 3, {{"body", "Und?"}}, "2026-12-07T10:00:00Z", kCustomer),
        // Eight working hours allowed; answered after nine (Tuesday 10:00).
        ev("comment", c.id, 4, {{"body", "Morgen."}}, "2026-12-08T10:00:00Z"),
        ev("comment", c.id, 5, {{"body", "Danke."}}, "2026-12-08T11:00:00Z", kCustomer)};
    SlaState s = sla_state(fold(events), normal_targets(), cal, at("2026-12-08T12:00:00Z"));
    const SlaClock& next = clock(s, "next_reply");
    CHECK(next.cycle == 1);
    CHECK(next.used == kHour);
    CHECK_FALSE(next.breached);
    CHECK(s.breached_before);
    CHECK(s.breached());
    // At its deadline's end of day and after: breached though no working
    // time passed since 17:00.
    Ticket t = fold({c});
    SlaState evening = sla_state(t, normal_targets(), cal, at("2026-12-07T17:30:00Z"));
    CHECK(clock(evening, "first_reply").due == at("2026-12-07T12:00:00Z"));
    SlaTargets day = normal_targets();
    day.first_reply = 9 * kHour;
    SlaState at_close = sla_state(t, day, cal, at("2026-12-07T17:30:00Z"));
    CHECK(clock(at_close, "first_reply").due == at("2026-12-07T17:00:00Z"));
    CHECK(clock(at_close, "first_reply").used == 9 * kHour);
    CHECK(clock(at_close, "first_reply").breached);
    CHECK_FALSE(clock(sla_state(t, day, cal, at("2026-12-07T17:00:00Z")), "first_reply").breached);
}
