#include "core/history.hpp"

#include "core/text.hpp"

#include <fmt/format.h>

namespace tickets {

namespace {

std::string text(const Json& p, const char* key) {
    auto it = p.find(key);
    return it != p.end() && it->is_string() ? it->get<std::string>() : "";
}

// A field's new value as the history shows it.
std::string value_text(const Json& v) {
    if (v.is_array()) {
        std::vector<std::string> items;
        for (const auto& item : v)
            if (item.is_string()) items.push_back(item.get<std::string>());
        return items.empty() ? "(none)" : join(items, ", ");
    }
    if (v.is_string()) return v.get<std::string>().empty() ? "(none)" : v.get<std::string>();
    if (v.is_null()) return "(none)";
    return v.dump();
}

} // namespace

std::optional<std::string> describe_change(const Event& e) {
    const Json& p = e.payload;
    const std::string& type = e.type;
    if (type == "status") return "status: " + text(p, "status");
    if (type == "assign") {
        std::string to = text(p, "assignee");
        return to.empty() ? "unassigned" : "assigned to " + to;
    }
    if (type == "set") {
        std::vector<std::string> changes;
        for (const auto& [key, value] : p.items()) changes.push_back(key + " " + value_text(value));
        return "changed " + join(changes, "; ");
    }
    if (type == "resolve") // a solution text is correspondence
        return text(p, "solution").empty() ? std::optional<std::string>("solved") : std::nullopt;
    if (type == "close") {
        std::string into = text(p, "into");
        if (!into.empty()) return "closed: merged into " + into.substr(0, 7);
        std::string reason = text(p, "reason");
        return reason.empty() ? "closed" : "closed (" + reason + ")";
    }
    if (type == "reopen") return std::string("reopened");
    if (type == "remind") {
        auto n = p.find("reminder");
        return n != p.end() && n->is_number() ? fmt::format("reminder {} sent", n->dump())
                                              : std::string("reminder sent");
    }
    if (type == "delete") return std::string("deleted");
    if (type == "rate") {
        std::string reason = text(p, "reason");
        return "rated " + text(p, "rating") + (reason.empty() ? "" : " (" + reason + ")");
    }
    if (type == "link") {
        if (!text(p, "merged").empty())
            return "merged " + text(p, "merged").substr(0, 7) + " into this";
        if (!text(p, "follow_up").empty()) return "follow-up " + text(p, "follow_up").substr(0, 7);
        bool removed = p.value("remove", false);
        return fmt::format("{} {} {}", removed ? "unlinked" : "linked", text(p, "relation"),
                           text(p, "ticket").substr(0, 7));
    }
    return std::nullopt; // create, comment, escalate: the ticket and its correspondence
}

} // namespace tickets
