#pragma once
// A ticket before it exists: what `new`, CSV import and follow-ups fill in.
// Validation lives here so that every way of creating a ticket checks the
// same things.
#include "core/event.hpp"
#include "core/ticket.hpp"

#include <string>
#include <vector>

namespace tickets {

struct TicketDraft {
    std::string subject, description;
    std::string requester, organisation;
    std::string requester_name; // as the sender's mail names them ("Lena Fischer"); may be empty
    std::vector<std::string> cc, tags;
    std::string product, topic, category, property;
    std::string type = "question";
    std::string priority; // empty: the default for the type
    std::string assignee, group;
    std::string visibility = "private";
    std::vector<std::string> audience; // resident roles of a public ticket (English or German)
    std::string follow_up_of;
    std::string due; // ISO-8601 or empty
    Json attachments = Json::array();
    std::string nonce;      // makes two identical tickets created in the same second distinct
    std::string message_id; // mail intake: the Message-Id of the mail that opened it
    std::string workflow;   // core/workflow.hpp: support or property; empty: support
};

// Checks and normalises (canonical type/priority names, lower-case emails);
// throws Failure(kUsage) or Failure(kDataErr) naming the bad field.
// `default_priority` is the configured priority for the draft's type.
TicketDraft validated(TicketDraft d, const std::string& default_priority);

// A draft with a ticket's fields (what create rules decide on, and what a
// follow-up keeps), without its description, attachments and ids.
TicketDraft draft_of(const Ticket& t);

// The follow-up that a public reply to a closed ticket opens: the closed
// ticket's fields and workflow, the reply as its description.
TicketDraft follow_up_draft(const Ticket& closed, const std::string& body, const Json& attachments);

// The payload of the create event. "workflow" is written only for a
// workflow other than support, so support tickets' events are as before.
Json create_payload(const TicketDraft& d);

} // namespace tickets
