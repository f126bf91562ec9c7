#include "core/rules.hpp"

#include "core/error.hpp"
#include "core/names.hpp"
#include "core/text.hpp"

#include <algorithm>
#include <fmt/format.h>

namespace tickets {

namespace {

std::vector<std::string> list(const std::string& text) {
    std::vector<std::string> out;
    for (auto& part : split(text, ',')) {
        std::string item = trim(part);
        if (!item.empty()) out.push_back(item);
    }
    return out;
}

bool same(const std::string& a, const std::string& b) {
    return to_lower_ascii(trim(a)) == to_lower_ascii(trim(b));
}

void add_unique(std::vector<std::string>& to, const std::string& item) {
    if (std::none_of(to.begin(), to.end(), [&](const std::string& x) { return same(x, item); }))
        to.push_back(item);
}

} // namespace

std::vector<CreateRule> parse_rules(const std::map<std::string, std::string>& section) {
    std::map<std::string, CreateRule> rules;
    for (const auto& [key, value] : section) {
        size_t dot = key.rfind('.');
        if (dot == std::string::npos)
            throw Failure(kConfig, fmt::format("config rules.{}: rules are tables, "
                                               "[rules.NAME] with keys such as category, assign",
                                               key));
        std::string name = key.substr(0, dot), field = key.substr(dot + 1);
        CreateRule& r = rules[name];
        r.name = name;
        auto bad = [&](const std::string& why) {
            return Failure(kConfig, fmt::format("config rules.{} = '{}': {}", key, value, why));
        };
        if (field == "category")
            r.category = value;
        else if (field == "property")
            r.property = value;
        else if (field == "product")
            r.product = value;
        else if (field == "type") {
            auto t = canonical_type(value);
            if (!t) throw bad("not a type (question, incident, feature, urgent)");
            r.type = *t;
        } else if (field == "words") {
            for (auto& w : list(value)) r.words.push_back(to_lower_ascii(w));
        } else if (field == "assign") {
            r.assign = to_lower_ascii(trim(value));
            if (!is_plausible_email(r.assign)) throw bad("not a mail address");
        } else if (field == "priority") {
            auto p = canonical_priority(value);
            if (!p) throw bad("not a priority (low, normal, high, urgent)");
            r.priority = *p;
        } else if (field == "cc") {
            for (auto& a : list(value)) {
                if (!is_plausible_email(a)) throw bad("not a list of mail addresses");
                r.cc.push_back(to_lower_ascii(a));
            }
        } else if (field == "tag" || field == "tags") {
            for (auto& t : list(value)) r.tags.push_back(t);
        } else {
            throw Failure(kConfig,
                          fmt::format("config rules.{}: unknown key '{}' (category, property, "
                                      "product, type, words, assign, priority, cc, tag)",
                                      key, field));
        }
    }
    std::vector<CreateRule> out;
    for (auto& [name, r] : rules) {
        bool condition = !r.category.empty() || !r.property.empty() || !r.product.empty() ||
                         !r.type.empty() || !r.words.empty();
        bool action = !r.assign.empty() || !r.priority.empty() || !r.cc.empty() || !r.tags.empty();
        if (!condition)
            throw Failure(kConfig, fmt::format("config rules.{}: a rule needs a condition "
                                               "(category, property, product, type or words)",
                                               name));
        if (!action)
            throw Failure(kConfig, fmt::format("config rules.{}: a rule needs an action "
                                               "(assign, priority, cc or tag)",
                                               name));
        out.push_back(r);
    }
    return out;
}

bool rule_matches(const CreateRule& r, const TicketDraft& d) {
    if (!r.category.empty() && !same(r.category, d.category)) return false;
    if (!r.property.empty() && !same(r.property, d.property)) return false;
    if (!r.product.empty() && !same(r.product, d.product)) return false;
    if (!r.type.empty() && canonical_type(d.type).value_or(d.type) != r.type) return false;
    if (!r.words.empty()) {
        std::string subject = to_lower_ascii(d.subject);
        if (std::none_of(r.words.begin(), r.words.end(), [&](const std::string& w) {
                return subject.find(w) != std::string::npos;
            }))
            return false;
    }
    return true;
}

std::vector<std::string> apply_rules(const std::vector<CreateRule>& rules, TicketDraft& d,
                                     bool priority_given) {
    std::vector<std::string> applied;
    bool assignee_given = !d.assignee.empty();
    for (const auto& r : rules) {
        if (!rule_matches(r, d)) continue;
        if (!r.assign.empty() && !assignee_given) d.assignee = r.assign;
        if (!r.priority.empty() && !priority_given) d.priority = r.priority;
        for (const auto& a : r.cc)
            if (!same(a, d.requester)) add_unique(d.cc, a);
        for (const auto& t : r.tags) add_unique(d.tags, t);
        applied.push_back(r.name);
    }
    return applied;
}

} // namespace tickets
