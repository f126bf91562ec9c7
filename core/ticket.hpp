#pragma once
// The state of a ticket: what the fold of its events yields.
#include "core/event.hpp"
#include "core/sla.hpp"

#include <optional>
#include <string>
#include <vector>

namespace tickets {

struct Attachment {
    std::string name;
    std::string sha256;
    std::string mime;
    std::int64_t size = 0;
};

struct Comment {
    std::string id; // id of the event that wrote it
    std::string author;
    std::string author_name; // the display name of a mail's sender, if it had one
    Instant time = 0;
    std::string kind = "comment"; // comment, description?, escalation, solution
    std::string body;
    bool internal = false;
    std::vector<Attachment> attachments;
};

// A relation to another ticket (`tickets link`): related, parent or child.
struct Link {
    std::string ticket, relation;
};
bool is_link_relation(const std::string& relation);
// What the other ticket is to this one: parent <-> child, related <-> related.
std::string inverse_relation(const std::string& relation);

struct Escalation {
    std::string by;
    Instant time = 0;
    std::string reason;
};

// An event the fold kept in the log but did not apply, with the reason.
struct Skipped {
    std::string event;
    std::string type;
    std::string reason;
};

struct Ticket {
    std::string id;
    std::string subject, description;
    std::string requester, organisation;
    std::string
        requester_name; // from the create (a mail's From); cleared when the requester changes
    std::vector<std::string> cc, tags;
    std::string product, topic, category, property;
    std::string type = "question", priority = "low", status = "new";
    std::string workflow = "support"; // core/workflow.hpp; from the create event
    std::string assignee, group;
    std::string visibility = "private";
    std::vector<std::string>
        audience; // of a public property ticket: tenant, owner, board; empty: all
    bool escalated = false;
    int escalation_count = 0;
    std::vector<Escalation> escalations;
    std::string rating, rating_reason;
    std::string follow_up_of;
    std::vector<std::string> follow_ups;
    std::vector<Link> links;              // in the order they were made
    std::string merged_into;              // closed as merged into this ticket (`tickets merge`)
    std::vector<std::string> merged_from; // the tickets merged into this one
    bool deleted = false;
    Instant created = 0, updated = 0;
    std::optional<Instant> first_response, solved_at, closed_at, due;
    // What the sweep (core/sweep.hpp) decides on: when the ticket last became
    // pending, the last public reply of the requester or a CC, and the
    // reminders sent since the later of the two; why it was closed.
    std::optional<Instant> pending_since, customer_replied_at, last_reminder_at;
    int reminders_sent = 0;
    int reminder_count = 0; // every reminder the ticket was sent (reports)
    std::string close_reason;
    // The SLA targets recorded in the events (core/sla.hpp), and the moments
    // the clocks react to: status changes, answers, the customer's replies.
    std::optional<SlaTargets> sla;
    std::vector<SlaMark> sla_marks;
    std::vector<Comment> comments;
    std::vector<Skipped> skipped;
    std::int64_t event_count = 0;

    std::string short_id() const { return id.substr(0, 7); }
};

// The stable JSON schema of a ticket (documented in man/tickets.1). With
// `with_comments` false the correspondence is left out (list output); events
// the fold skipped are always listed under "skipped_events".
Json ticket_to_json(const Ticket& t, bool with_comments);
// ticket_to_json(t, false) as compact JSON text with sorted keys (the
// materialised ticket_docs.doc).
std::string ticket_document(const Ticket& t);
Json comment_to_json(const Comment& c);

} // namespace tickets
