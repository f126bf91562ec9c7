#include "core/names.hpp"
#include "core/search_text.hpp"

#include <cctype>

#include "core/text.hpp"
#include "core/workflow.hpp"

#include <algorithm>
#include <utility>

namespace tickets {

namespace {

using Aliases = std::vector<std::pair<std::string, std::string>>; // alias -> canonical

std::optional<std::string> lookup(const Aliases& aliases, std::string_view name) {
    std::string key = to_lower_ascii(trim(name));
    // German capitals (Ö, Ä, Ü) are not lowered by ASCII lowering; map them.
    for (auto [upper, lower] : {std::pair{"Ä", "ä"}, {"Ö", "ö"}, {"Ü", "ü"}}) {
        for (size_t pos; (pos = key.find(upper)) != std::string::npos;)
            key.replace(pos, std::string_view(upper).size(), lower);
    }
    for (const auto& [alias, canonical] : aliases)
        if (alias == key) return canonical;
    return std::nullopt;
}

const Aliases& status_aliases() {
    static const Aliases a = {
        {"new", "new"},
        {"neu", "new"},
        {"open", "open"},
        {"offen", "open"},
        {"pending", "pending"},
        {"wartend", "pending"},
        {"wartet", "pending"},
        {"warten", "pending"},
        {"hold", "hold"},
        {"on-hold", "hold"},
        {"in-entwicklung", "hold"},
        {"angehalten", "hold"},
        {"solved", "solved"},
        {"gelöst", "solved"},
        {"geloest", "solved"},
        {"closed", "closed"},
        {"geschlossen", "closed"},
    };
    return a;
}

// The property workflow's statuses ("open" is shared with support).
const Aliases& property_status_aliases() {
    static const Aliases a = {
        {"approved", "approved"},
        {"freigegeben", "approved"},
        {"in-progress", "in-progress"},
        {"in progress", "in-progress"},
        {"in_progress", "in-progress"},
        {"in bearbeitung", "in-progress"},
        {"in-bearbeitung", "in-progress"},
        {"done", "done"},
        {"erledigt", "done"},
    };
    return a;
}

const Aliases& type_aliases() {
    static const Aliases a = {
        {"question", "question"}, {"anwenderhilfe", "question"}, {"frage", "question"},
        {"incident", "incident"}, {"fehler", "incident"},        {"störung", "incident"},
        {"stoerung", "incident"}, {"feature", "feature"},        {"produktanforderung", "feature"},
        {"urgent", "urgent"},     {"dringlichkeit", "urgent"},   {"dringend", "urgent"},
    };
    return a;
}

const Aliases& priority_aliases() {
    static const Aliases a = {
        {"low", "low"},   {"niedrig", "low"},   {"normal", "normal"},   {"high", "high"},
        {"hoch", "high"}, {"urgent", "urgent"}, {"dringend", "urgent"},
    };
    return a;
}

} // namespace

const std::vector<std::string>& all_statuses() {
    // The union of the workflows' statuses: support's first, then the others'.
    static const std::vector<std::string> v = [] {
        std::vector<std::string> out;
        for (const auto& name : workflow_names())
            for (const auto& s : workflow_of(name).statuses)
                if (std::find(out.begin(), out.end(), s.name) == out.end()) out.push_back(s.name);
        return out;
    }();
    return v;
}
const std::vector<std::string>& all_types() {
    static const std::vector<std::string> v = {"question", "incident", "feature", "urgent"};
    return v;
}
const std::vector<std::string>& all_priorities() {
    static const std::vector<std::string> v = {"low", "normal", "high", "urgent"};
    return v;
}

std::optional<std::string> canonical_status(std::string_view n) {
    if (auto support = lookup(status_aliases(), n)) return support;
    return lookup(property_status_aliases(), n);
}
std::optional<std::string> canonical_type(std::string_view n) {
    return lookup(type_aliases(), n);
}
std::optional<std::string> canonical_priority(std::string_view n) {
    return lookup(priority_aliases(), n);
}

std::string german_status(std::string_view status) {
    for (const auto& name : workflow_names())
        for (const auto& s : workflow_of(name).statuses)
            if (s.name == status) return s.german;
    return std::string(status);
}

std::string german_priority(std::string_view priority) {
    if (priority == "low") return "Niedrig";
    if (priority == "normal") return "Normal";
    if (priority == "high") return "Hoch";
    if (priority == "urgent") return "Dringend";
    return std::string(priority);
}

std::string german_type(std::string_view type) {
    if (type == "question") return "Anwenderhilfe";
    if (type == "incident") return "Störung";
    if (type == "feature") return "Produktanforderung";
    if (type == "urgent") return "Dringend";
    return std::string(type);
}

int priority_rank(std::string_view p) {
    const auto& all = all_priorities();
    for (size_t i = 0; i < all.size(); ++i)
        if (all[i] == p) return static_cast<int>(i);
    return -1;
}

std::string raise_priority(std::string_view p) {
    int rank = priority_rank(p);
    const auto& all = all_priorities();
    if (rank < 0) return "normal";
    return all[std::min<size_t>(static_cast<size_t>(rank) + 1, all.size() - 1)];
}

std::string default_priority_for_type(std::string_view type) {
    if (type == "question") return "low";
    if (type == "urgent") return "high";
    return "normal";
}

std::string property_key(std::string_view name) {
    // Case, umlauts and accents as a search folds them; punctuation ends a
    // word: "str." and "str" alike.
    std::string folded = fold_for_search(name);
    // "strasse" (from "straße" or written so) becomes "str".
    for (size_t at; (at = folded.find("strasse")) != std::string::npos;)
        folded.replace(at, 7, "str");
    // Blanks and punctuation go, except between two digits: "1-3" is not "13".
    std::string key;
    for (size_t i = 0; i < folded.size(); ++i) {
        if (folded[i] != ' ') {
            key += folded[i];
            continue;
        }
        size_t next = folded.find_first_not_of(' ', i);
        if (next == std::string::npos) break;
        if (!key.empty() && std::isdigit(static_cast<unsigned char>(key.back())) &&
            std::isdigit(static_cast<unsigned char>(folded[next])))
            key += '-';
        i = next - 1;
    }
    return key;
}

} // namespace tickets
