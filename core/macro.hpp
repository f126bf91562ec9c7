#pragma once
// Canned replies (Zendesk's macros, Zammad's text modules), from the
// [macros.NAME] tables of the config (flattened to "NAME.key" by
// Config::section("macros")):
//
//   [macros.rueckfrage]
//   title = "Rückfrage: Wohnung"   # what `macro list` shows
//   reply = """Guten Tag {{requester.name}},
//   zu Ticket {{ticket.number}}: in welcher Wohnung genau?
//   Viele Grüße, {{agent.name}}"""
//   internal = false                # true: the reply is an internal note
//   status = "pending"              # field changes: status, priority,
//   priority = "normal"             #   assign (an address, "me" or
//   assign = "me"                   #   "none") and tags to add
//   tags = "rückfrage"
//
// Placeholders: {{ticket.number}} (the 12 digits of mail subjects),
// {{ticket.id}}, {{ticket.subject}}, {{ticket.status}} (the German label of
// the status after the macro's changes), {{ticket.property}},
// {{requester.email}}, {{requester.name}}, {{agent.email}}, {{agent.name}}.
// The field changes are applied first, then the reply. Pure: core/ only.
#include "core/ticket.hpp"

#include <map>
#include <string>
#include <vector>

namespace tickets {

struct Macro {
    std::string name, title, reply;
    bool internal = false;
    std::string status, priority, assign; // empty: unchanged; assign "none" clears
    std::vector<std::string> tags;        // added
};

// Throws Failure(kConfig) naming the key of a bad or unknown setting, an
// unknown placeholder, or a macro that does nothing.
std::vector<Macro> parse_macros(const std::map<std::string, std::string>& section);

struct Person {
    std::string email, name;
};

// A person's name from their address when nothing better is known:
// "lena.fischer@x.de" -> "Lena Fischer"; "anonym" for a pseudonym.
std::string name_from_address(const std::string& email);

// The reply with its placeholders filled for the ticket.
std::string fill_reply(const std::string& text, const Ticket& t, const Person& requester,
                       const Person& agent);

} // namespace tickets
