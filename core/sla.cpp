#include "core/sla.hpp"

#include "core/error.hpp"
#include "core/names.hpp"
#include "core/text.hpp"
#include "core/ticket.hpp"
#include "core/workflow.hpp"

#include <algorithm>
#include <fmt/format.h>

namespace tickets {

namespace {

// A year: longer is a typo, and WorkCalendar::add_seconds finds a deadline
// that far ahead on any calendar with an hour of work a week.
constexpr std::int64_t kMaxTarget = 366LL * 86400;
const char* const kClocks[] = {"first_reply", "next_reply", "resolution"};

std::int64_t& target_of(SlaTargets& t, std::string_view clock) {
    return clock == "first_reply"  ? t.first_reply
           : clock == "next_reply" ? t.next_reply
                                   : t.resolution;
}

std::string value_or(const std::map<std::string, std::string>& c, const std::string& key,
                     const std::string& fallback) {
    auto it = c.find(key);
    return it == c.end() ? fallback : it->second;
}

std::vector<std::string> list_of(std::string_view text) {
    std::vector<std::string> out;
    for (const auto& part : split(text, ','))
        if (auto item = trim(part); !item.empty()) out.push_back(item);
    return out;
}

} // namespace

Json sla_targets_json(const std::optional<SlaTargets>& t) {
    if (!t) return Json::object();
    return {{"policy", t->policy},
            {"first_reply", t->first_reply},
            {"next_reply", t->next_reply},
            {"resolution", t->resolution},
            {"pause", t->pause}};
}

std::optional<std::string> sla_targets_problem(const Json& v) {
    if (!v.is_object()) return "must be an object";
    for (const auto& [key, value] : v.items()) {
        if (key == "policy") {
            if (!value.is_string()) return "field 'policy' must be a string";
        } else if (key == "pause") {
            if (!value.is_array()) return "field 'pause' must be a list of strings";
            for (const auto& s : value)
                if (!s.is_string()) return "field 'pause' must be a list of strings";
        } else if (std::find(std::begin(kClocks), std::end(kClocks), key) != std::end(kClocks)) {
            if (!value.is_number_integer() || value.get<std::int64_t>() < 0 ||
                value.get<std::int64_t>() > kMaxTarget)
                return fmt::format("field '{}' must be a number of seconds up to {}", key,
                                   kMaxTarget);
        } else {
            return fmt::format("has an unknown field '{}'", key);
        }
    }
    if (!v.empty() && !v.contains("policy")) return "has no 'policy'";
    return std::nullopt;
}

std::optional<SlaTargets> sla_targets_from_json(const Json& v) {
    if (sla_targets_problem(v) || v.empty()) return std::nullopt;
    SlaTargets t;
    t.policy = v["policy"].get<std::string>();
    for (const char* clock : kClocks)
        if (v.contains(clock)) target_of(t, clock) = v[clock].get<std::int64_t>();
    if (v.contains("pause"))
        for (const auto& s : v["pause"]) t.pause.push_back(s.get<std::string>());
    return t;
}

SlaSettings sla_settings(const std::map<std::string, std::string>& c, std::int64_t day_seconds) {
    SlaSettings s;
    std::vector<std::string> pause = list_of(value_or(c, "sla.pause", "pending,hold"));
    for (const auto& status : pause)
        if (!support_workflow().has_status(status) && !property_workflow().has_status(status))
            throw Failure(kConfig, fmt::format("config sla.pause = '{}': '{}' is not a status",
                                               value_or(c, "sla.pause", ""), status));
    if (auto warn = value_or(c, "sla.warn_before", ""); !warn.empty()) {
        auto seconds = parse_working_duration(warn, 86400);
        if (!seconds)
            throw Failure(kConfig, fmt::format("config sla.warn_before = '{}': not a duration "
                                               "(write \"1h\", \"30m\")",
                                               warn));
        s.warn_before = *seconds;
    }
    s.notify = list_of(value_or(c, "sla.notify", ""));
    for (const auto& address : s.notify)
        if (!is_plausible_email(address))
            throw Failure(kConfig,
                          fmt::format("config sla.notify: '{}' is not an address", address));

    std::map<std::string, SlaPolicy> policies;
    for (const auto& [key, value] : c) {
        if (key.rfind("sla.", 0) != 0) continue;
        size_t dot = key.find('.', 4);
        if (dot == std::string::npos) {
            if (key != "sla.pause" && key != "sla.warn_before" && key != "sla.notify")
                throw Failure(kConfig, fmt::format("config {}: unknown key (sla.pause, "
                                                   "sla.warn_before, sla.notify, or a policy "
                                                   "[sla.NAME])",
                                                   key));
            continue;
        }
        std::string name = key.substr(4, dot - 4), field = key.substr(dot + 1);
        SlaPolicy& p = policies[name];
        p.name = name;
        p.targets.policy = name;
        p.targets.pause = pause;
        if (field == "priority") {
            auto priority = canonical_priority(value);
            if (!priority)
                throw Failure(kConfig, fmt::format("config {} = '{}': not a priority", key, value));
            p.priority = *priority;
        } else if (field == "type") {
            auto type = canonical_type(value);
            if (!type)
                throw Failure(kConfig, fmt::format("config {} = '{}': not a type", key, value));
            p.type = *type;
        } else if (field == "organisation") {
            p.organisation = value;
        } else if (field == "product") {
            p.product = value;
        } else if (std::find(std::begin(kClocks), std::end(kClocks), field) != std::end(kClocks)) {
            auto seconds = parse_working_duration(value, day_seconds);
            if (!seconds || *seconds > kMaxTarget)
                throw Failure(kConfig,
                              fmt::format("config {} = '{}': not a target (write \"4h\", \"30m\" "
                                          "or \"2d\", a working day)",
                                          key, value));
            target_of(p.targets, field) = *seconds;
        } else {
            throw Failure(kConfig, fmt::format("config {}: unknown key (priority, type, "
                                               "organisation, product, first_reply, next_reply, "
                                               "resolution)",
                                               key));
        }
    }
    for (auto& [name, p] : policies) {
        if (p.priority.empty() && !c.count("sla." + name + ".priority")) {
            // [sla.normal] is the policy of priority normal.
            if (auto priority = canonical_priority(name)) p.priority = *priority;
        }
        if (!p.targets.first_reply && !p.targets.next_reply && !p.targets.resolution)
            throw Failure(kConfig, fmt::format("config [sla.{}]: no target (first_reply, "
                                               "next_reply or resolution)",
                                               name));
        s.policies.push_back(std::move(p));
    }
    return s;
}

std::optional<SlaTargets> sla_targets_for(const Ticket& t, const SlaSettings& s) {
    const SlaPolicy* best = nullptr;
    int best_conditions = -1;
    for (const auto& p : s.policies) {
        int conditions = 0;
        bool holds = true;
        auto check = [&](const std::string& wanted, const std::string& actual) {
            if (wanted.empty()) return;
            ++conditions;
            holds &= wanted == actual;
        };
        check(p.priority, t.priority);
        check(p.type, t.type);
        check(p.organisation, t.organisation);
        check(p.product, t.product);
        if (holds && conditions > best_conditions) {
            best = &p;
            best_conditions = conditions;
        }
    }
    if (!best) return std::nullopt;
    return best->targets;
}

bool sla_choice_changed(const Ticket& before, const Ticket& after) {
    return after.priority != before.priority || after.type != before.type ||
           after.organisation != before.organisation || after.product != before.product;
}

namespace {

// One clock's spending: segments of running time, counted in working time.
class Meter {
  public:
    Meter(std::string name, std::int64_t target, const WorkCalendar& cal) : cal_(cal) {
        clock_.name = std::move(name);
        clock_.target = target;
    }

    bool started() const { return started_; }
    bool running() const { return running_; }
    const SlaClock& clock() const { return clock_; }
    bool breached_before() const { return breached_before_; }

    void start() { started_ = true; }
    void run(Instant at) {
        started_ = true;
        if (running_ || clock_.done) return;
        running_ = true;
        since_ = at;
    }
    void pause(Instant at) {
        if (!running_) return;
        running_ = false;
        spend(at);
    }
    void finish(Instant at) {
        if (clock_.done || !started_) return;
        pause(at);
        clock_.done = true;
        clock_.stopped = at;
    }
    // A new cycle (next reply): what the last one spent is settled.
    void restart(Instant at) {
        if (clock_.breached) cycle_breached_ = true;
        if (started_) ++clock_.cycle;
        clock_.used = 0;
        clock_.done = false;
        clock_.breached = false;
        clock_.stopped.reset();
        running_ = false;
        run(at);
    }

    // The clock at `now`; `due` of a running clock does not depend on it. A
    // running clock is breached once `now` is past its deadline (also when
    // that was at the end of the day's hours and no working time has passed
    // since); one that no longer runs, when it spent more than its target.
    // An earlier next-reply cycle that ran over is the ticket's
    // (breached_before), not this cycle's.
    SlaClock at(Instant now) {
        SlaClock c = clock_;
        c.running = running_;
        breached_before_ = cycle_breached_ || clock_.breached;
        if (running_) {
            if (c.used < c.target)
                c.due = cal_.add_seconds(since_, c.target - c.used);
            else
                c.due = since_;
            c.used += cal_.seconds_between(since_, now);
            if (c.used > c.target || (c.due && now > *c.due)) c.breached = true;
        }
        return c;
    }

  private:
    void spend(Instant at) {
        clock_.used += cal_.seconds_between(since_, at);
        if (clock_.used > clock_.target) clock_.breached = true;
    }

    const WorkCalendar& cal_;
    SlaClock clock_;
    bool started_ = false, running_ = false, cycle_breached_ = false, breached_before_ = false;
    Instant since_ = 0;
};

} // namespace

bool SlaState::breached() const {
    return breached_before ||
           std::any_of(clocks.begin(), clocks.end(), [](const SlaClock& c) { return c.breached; });
}

SlaState sla_state(const Ticket& t, const SlaTargets& targets, const WorkCalendar& cal,
                   Instant now) {
    SlaState out;
    if (t.deleted) return out;
    const Workflow& w = workflow_of(t.workflow);
    Meter first("first_reply", targets.first_reply, cal),
        next("next_reply", targets.next_reply, cal),
        resolution("resolution", targets.resolution, cal);
    std::string status;
    bool answered = false, waiting_for_answer = false;
    Instant time = t.created, inactive_since = t.created;
    auto settle = [&] {
        bool go = w.is_active(status) && std::find(targets.pause.begin(), targets.pause.end(),
                                                   status) == targets.pause.end();
        auto drive = [&](Meter& m, bool wanted) {
            if (wanted) m.start();
            if (wanted && go)
                m.run(time);
            else
                m.pause(time);
        };
        drive(first, !answered);
        drive(next, waiting_for_answer);
        drive(resolution, true);
    };
    for (const auto& mark : t.sla_marks) {
        time = std::max(time, mark.time); // clocks of different replicas disagree a little
        if (mark.kind == SlaMark::moved) {
            bool was_active = status.empty() || w.is_active(status);
            status = mark.status;
            if (!w.is_active(status)) {
                // Solved or closed: no first answer is owed any more, and
                // the resolution clock waits (a reopening continues it).
                if (was_active) inactive_since = time;
                first.finish(time);
                next.finish(time);
                answered = true;
                waiting_for_answer = false;
            }
        } else if (mark.kind == SlaMark::answer) {
            first.finish(time);
            next.finish(time);
            answered = true;
            waiting_for_answer = false;
        } else if (answered && !waiting_for_answer && w.is_active(status)) {
            waiting_for_answer = true;
            next.restart(time);
        }
        settle();
    }
    if (!w.is_active(status)) resolution.finish(inactive_since);
    for (Meter* m : {&first, &next, &resolution}) {
        if (!m->started() || m->clock().target == 0) continue;
        SlaClock c = m->at(now);
        if (c.running && c.due) out.due = out.due ? std::min(*out.due, *c.due) : *c.due;
        out.breached_before |= m->breached_before();
        out.clocks.push_back(std::move(c));
    }
    return out;
}

std::string sla_summary(const SlaState& s, const TimeZone& zone) {
    if (s.clocks.empty()) return "";
    if (s.breached()) return "breached";
    if (s.due) return format_local(*s.due, zone);
    bool paused =
        std::any_of(s.clocks.begin(), s.clocks.end(), [](const SlaClock& c) { return !c.done; });
    return paused ? "paused" : "met";
}

Json sla_state_json(const SlaState& s, const SlaTargets& targets) {
    Json clocks = Json::object();
    for (const auto& c : s.clocks) {
        Json j = {{"target", c.target},
                  {"used", c.used},
                  {"left", std::max<std::int64_t>(0, c.target - c.used)},
                  {"state", c.breached  ? "breached"
                            : c.done    ? "met"
                            : c.running ? "running"
                                        : "paused"}};
        if (c.due) j["due"] = format_instant(*c.due);
        if (c.stopped) j["stopped"] = format_instant(*c.stopped);
        if (c.breached && c.running) j["overdue"] = std::max<std::int64_t>(0, c.used - c.target);
        clocks[c.name] = std::move(j);
    }
    return {{"policy", targets.policy}, {"clocks", std::move(clocks)}};
}

} // namespace tickets
