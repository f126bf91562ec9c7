#include "core/filter.hpp"

#include "core/error.hpp"
#include "core/names.hpp"
#include "core/text.hpp"

#include <cctype>
#include <fmt/format.h>

namespace tickets {

const std::vector<std::string>& filter_keys() {
    static const std::vector<std::string> keys = {"status",
                                                  "type",
                                                  "priority",
                                                  "product",
                                                  "topic",
                                                  "category",
                                                  "property",
                                                  "assignee",
                                                  "requester",
                                                  "org",
                                                  "tag",
                                                  "cc",
                                                  "id",
                                                  "due",
                                                  "created.after",
                                                  "created.before",
                                                  "updated.after",
                                                  "updated.before",
                                                  "due.after",
                                                  "due.before",
                                                  "solved.after",
                                                  "solved.before",
                                                  "closed.after",
                                                  "closed.before",
                                                  "sla",
                                                  "sla.due.after",
                                                  "sla.due.before"};
    return keys;
}

namespace {

std::string normalise_value(const std::string& key, const std::string& raw, const std::string& me) {
    auto canonical_or_throw = [&](std::optional<std::string> v, const char* what) {
        if (!v)
            throw Failure(kUsage,
                          fmt::format("bad filter term '{}:{}': unknown {}", key, raw, what));
        return *v;
    };
    if (key == "status") return canonical_or_throw(canonical_status(raw), "status");
    if (key == "type") return canonical_or_throw(canonical_type(raw), "type");
    if (key == "priority") return canonical_or_throw(canonical_priority(raw), "priority");
    if (key == "assignee" || key == "requester" || key == "cc" || key == "tag") {
        if (key == "tag") return raw == "none" ? "" : raw;
        if (raw == "me") {
            if (me.empty())
                throw Failure(kConfig,
                              fmt::format("filter '{}:me' needs user.email (or --as)", key));
            return to_lower_ascii(me);
        }
        if (raw == "none") return "";
        return to_lower_ascii(raw);
    }
    if (key == "id") return to_lower_ascii(raw);
    if (key == "sla") {
        std::string v = to_lower_ascii(raw);
        if (v != "breached" && v != "ok" && v != "none")
            throw Failure(kUsage, fmt::format("bad filter term 'sla:{}': sla takes breached, ok "
                                              "or none",
                                              raw));
        return v;
    }
    if (key == "due") {
        if (raw != "none")
            throw Failure(kUsage, fmt::format("bad filter term 'due:{}': due takes none (-due:none "
                                              "for any due date; due.before:DATE, due.after:DATE)",
                                              raw));
        return "";
    }
    return raw;
}

} // namespace

Filter parse_filter(const std::vector<std::string>& terms, Instant now, const std::string& me) {
    Filter f;
    f.now = now;
    for (const auto& given : terms) {
        // "-key:value" negates a known key; other words starting with '-'
        // stay search words.
        bool negated = false;
        std::string term = given;
        if (term.size() > 1 && term[0] == '-' && term.find(':') != std::string::npos) {
            std::string key = to_lower_ascii(term.substr(1, term.find(':') - 1));
            for (const auto& k : filter_keys())
                if (k == key && key.find('.') == std::string::npos) negated = true;
            if (negated) term = term.substr(1);
        }
        size_t colon = term.find(':');
        // Words without a colon (or starting with one) are search words;
        // anything else must be a known key.
        bool known = false;
        std::string key = colon == std::string::npos ? "" : to_lower_ascii(term.substr(0, colon));
        for (const auto& k : filter_keys()) known = known || k == key;
        if (colon == std::string::npos || colon == 0) {
            if (!trim(term).empty()) f.words.push_back(term);
            continue;
        }
        if (!known)
            throw Failure(kUsage, fmt::format("bad filter term '{}': unknown key '{}' (known: {})",
                                              term, key, join(filter_keys(), ", ")));
        std::string value = term.substr(colon + 1);
        if (!value.empty() && value[0] == '!' && key.find('.') == std::string::npos) {
            negated = true;
            value = value.substr(1);
        }
        if (value.empty())
            throw Failure(kUsage, fmt::format("bad filter term '{}': empty value", term));
        if (key.find('.') != std::string::npos) {
            // A deadline is ahead: sla.due.before:4h is four hours from now.
            if (key.rfind("sla.due.", 0) == 0 &&
                std::isdigit(static_cast<unsigned char>(value[0])) &&
                std::isalpha(static_cast<unsigned char>(value.back())))
                value = "+" + value;
            auto at = parse_filter_date(value, now);
            if (!at)
                throw Failure(kUsage, fmt::format("bad filter term '{}': invalid date '{}' (use "
                                                  "YYYY-MM-DD, an ISO-8601 instant, today, or -7d)",
                                                  term, value));
            size_t dot = key.rfind('.');
            f.dates.push_back({key.substr(0, dot), key.substr(dot + 1) == "after", *at});
            continue;
        }
        FieldCondition c{key == "org" ? "organisation" : key, {}, negated};
        for (const auto& v : split(value, ','))
            c.values.push_back(normalise_value(key, trim(v), me));
        f.fields.push_back(std::move(c));
    }
    return f;
}

} // namespace tickets
