#pragma once
// Rules applied when a ticket is created, from the [rules.NAME] tables of
// the config (flattened to "NAME.key" by Config::section("rules")):
//
//   [rules.licht-hauswart]
//   category = "Elektro"          # conditions: all given ones must hold
//   property = "Musterstraße 1"   #   (category, property, product, type:
//   words = "glühbirne, lampe"    #   equal ignoring case; words: any of
//   assign = "hauswart@muster-hv.de"  # them in the subject)
//   priority = "high"             # actions: assign (when no assignee was
//   cc = "verwalter@muster-hv.de" #   given), priority (when none was
//   tag = "licht"                 #   given), add CC addresses and tags
//
// Rules run in the order of their names; a later one's assignee or
// priority wins. Pure: core/ only.
#include "core/draft.hpp"

#include <map>
#include <string>
#include <vector>

namespace tickets {

struct CreateRule {
    std::string name;
    std::string category, property, product, type;
    std::vector<std::string> words;
    std::string assign, priority;
    std::vector<std::string> cc, tags;
};

// Throws Failure(kConfig) naming the key of a bad or unknown setting, or a
// rule without conditions or without actions.
std::vector<CreateRule> parse_rules(const std::map<std::string, std::string>& section);

bool rule_matches(const CreateRule& r, const TicketDraft& d);

// Applies every matching rule to a validated draft; `priority_given` says
// whether the priority was chosen explicitly (then rules leave it). Returns
// the names of the rules applied.
std::vector<std::string> apply_rules(const std::vector<CreateRule>& rules, TicketDraft& d,
                                     bool priority_given);

} // namespace tickets
