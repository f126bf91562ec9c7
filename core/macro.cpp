#include "core/macro.hpp"

#include "core/error.hpp"
#include "core/names.hpp"
#include "core/notify.hpp"
#include "core/pseudonym.hpp"
#include "core/text.hpp"

#include <cctype>
#include <fmt/format.h>
#include <functional>

namespace tickets {

namespace {

const std::vector<std::string>& placeholders() {
    static const std::vector<std::string> names = {
        "ticket.number",   "ticket.id",      "ticket.subject", "ticket.status", "ticket.property",
        "requester.email", "requester.name", "agent.email",    "agent.name"};
    return names;
}

// Calls `with` for each {{name}} in `text` (its position and length in the
// text, and the name without blanks); returns the text with each replaced
// by what `with` returns.
std::string substitute(const std::string& text,
                       const std::function<std::string(const std::string&)>& with) {
    std::string out;
    size_t at = 0;
    while (true) {
        size_t open = text.find("{{", at);
        size_t close = open == std::string::npos ? open : text.find("}}", open + 2);
        if (close == std::string::npos) {
            out.append(text, at, std::string::npos);
            return out;
        }
        out.append(text, at, open - at);
        out += with(trim(text.substr(open + 2, close - open - 2)));
        at = close + 2;
    }
}

bool flag(const std::string& key, const std::string& value) {
    if (value == "true") return true;
    if (value == "false") return false;
    throw Failure(kConfig, fmt::format("config macros.{} = '{}' is not true or false", key, value));
}

} // namespace

std::vector<Macro> parse_macros(const std::map<std::string, std::string>& section) {
    std::map<std::string, Macro> macros;
    for (const auto& [key, value] : section) {
        size_t dot = key.rfind('.');
        if (dot == std::string::npos)
            throw Failure(kConfig, fmt::format("config macros.{}: macros are tables, "
                                               "[macros.NAME] with keys such as reply, status",
                                               key));
        std::string name = key.substr(0, dot), field = key.substr(dot + 1);
        Macro& m = macros[name];
        m.name = name;
        auto bad = [&](const std::string& why) {
            return Failure(kConfig, fmt::format("config macros.{} = '{}': {}", key, value, why));
        };
        if (field == "title") {
            m.title = value;
        } else if (field == "reply") {
            substitute(value, [&](const std::string& p) {
                if (std::find(placeholders().begin(), placeholders().end(), p) ==
                    placeholders().end())
                    throw bad(fmt::format("unknown placeholder {{{{{}}}}} ({})", p,
                                          join(placeholders(), ", ")));
                return std::string();
            });
            m.reply = value;
        } else if (field == "internal") {
            m.internal = flag(key, value);
        } else if (field == "status") {
            auto s = canonical_status(value);
            if (!s) throw bad("not a status");
            m.status = *s;
        } else if (field == "priority") {
            auto p = canonical_priority(value);
            if (!p) throw bad("not a priority (low, normal, high, urgent)");
            m.priority = *p;
        } else if (field == "assign") {
            m.assign = to_lower_ascii(trim(value));
            if (m.assign != "me" && m.assign != "none" && !is_plausible_email(m.assign))
                throw bad("not a mail address, me or none");
        } else if (field == "tag" || field == "tags") {
            for (auto& t : split(value, ','))
                if (!trim(t).empty()) m.tags.push_back(trim(t));
        } else {
            throw Failure(kConfig,
                          fmt::format("config macros.{}: unknown key '{}' (title, reply, internal, "
                                      "status, priority, assign, tags)",
                                      key, field));
        }
    }
    std::vector<Macro> out;
    for (auto& [name, m] : macros) {
        if (m.reply.empty() && m.status.empty() && m.priority.empty() && m.assign.empty() &&
            m.tags.empty())
            throw Failure(kConfig, fmt::format("config macros.{}: the macro does nothing (give a "
                                               "reply or a field change)",
                                               name));
        out.push_back(std::move(m));
    }
    return out;
}

std::string name_from_address(const std::string& email) {
    if (is_pseudonym(email)) return anonymous_label(true);
    std::string local = email.substr(0, email.find('@'));
    std::string out;
    bool start = true;
    for (char c : local) {
        if (c == '.' || c == '_' || c == '-') {
            out += ' ';
            start = true;
            continue;
        }
        out += start ? static_cast<char>(std::toupper(static_cast<unsigned char>(c))) : c;
        start = false;
    }
    return out;
}

std::string fill_reply(const std::string& text, const Ticket& t, const Person& requester,
                       const Person& agent) {
    return substitute(text, [&](const std::string& p) -> std::string {
        if (p == "ticket.number") return t.id.substr(0, kMailTokenLength);
        if (p == "ticket.id") return t.short_id();
        if (p == "ticket.subject") return t.subject;
        if (p == "ticket.status") return german_status(t.status);
        if (p == "ticket.property") return t.property;
        if (p == "requester.email") return is_pseudonym(requester.email) ? "" : requester.email;
        if (p == "requester.name") return requester.name;
        if (p == "agent.email") return agent.email;
        if (p == "agent.name") return agent.name;
        throw Failure(kConfig, fmt::format("macro: unknown placeholder {{{{{}}}}}", p));
    });
}

} // namespace tickets
