#include "core/draft.hpp"

#include "core/access.hpp"
#include "core/error.hpp"
#include "core/names.hpp"
#include "core/pseudonym.hpp"
#include "core/text.hpp"
#include "core/workflow.hpp"

#include <fmt/format.h>

namespace tickets {

namespace {

void check_email(const std::string& email, const char* field) {
    if (!is_plausible_email(email))
        throw Failure(kUsage, fmt::format("{}: '{}' is not a mail address", field, email));
}

} // namespace

TicketDraft validated(TicketDraft d, const std::string& default_priority) {
    for (const std::string* text :
         {&d.subject, &d.description, &d.product, &d.topic, &d.category, &d.property, &d.group})
        if (!is_valid_utf8(*text)) throw Failure(kDataErr, "ticket text is not valid UTF-8");
    for (const auto& tag : d.tags)
        if (!is_valid_utf8(tag)) throw Failure(kDataErr, "tag is not valid UTF-8");
    d.subject = trim(d.subject);
    if (d.subject.empty()) throw Failure(kUsage, "a subject is required");
    if (d.subject.find('\n') != std::string::npos)
        throw Failure(kUsage, "the subject must be one line");
    if (trim(d.description).empty()) throw Failure(kUsage, "a description is required");
    auto type = canonical_type(d.type);
    if (!type)
        throw Failure(
            kUsage, fmt::format("unknown type '{}' (question, incident, feature, urgent)", d.type));
    d.type = *type;
    if (d.priority.empty()) d.priority = default_priority;
    auto priority = canonical_priority(d.priority);
    if (!priority)
        throw Failure(kUsage,
                      fmt::format("unknown priority '{}' (low, normal, high, urgent)", d.priority));
    d.priority = *priority;
    d.requester = to_lower_ascii(trim(d.requester));
    d.requester_name = is_pseudonym(d.requester) ? "" : display_name(d.requester_name);
    check_email(d.requester, "requester");
    for (auto& cc : d.cc) {
        cc = to_lower_ascii(trim(cc));
        check_email(cc, "cc");
    }
    if (!d.assignee.empty()) {
        d.assignee = to_lower_ascii(trim(d.assignee));
        check_email(d.assignee, "assignee");
    }
    if (d.visibility != "private" && d.visibility != "public")
        throw Failure(kUsage,
                      fmt::format("visibility must be private or public, not '{}'", d.visibility));
    for (auto& role : d.audience) {
        auto canonical = canonical_role(trim(role));
        if (!canonical || !is_resident(*canonical))
            throw Failure(kUsage, fmt::format("audience: '{}' is not a resident role (tenant, "
                                              "owner, board; Mieter, Eigentümer, Beirat)",
                                              role));
        role = *canonical;
    }
    if (!d.audience.empty() && d.visibility != "public")
        throw Failure(kUsage, "audience: only a public ticket has an audience (add --public)");
    if (d.workflow.empty()) d.workflow = support_workflow().name;
    if (!find_workflow(d.workflow))
        throw Failure(kUsage, fmt::format("unknown workflow '{}' ({})", d.workflow,
                                          join(workflow_names(), ", ")));
    if (!d.due.empty() && !parse_instant(d.due))
        throw Failure(kUsage, fmt::format("due: '{}' is not a date (YYYY-MM-DD)", d.due));
    return d;
}

TicketDraft draft_of(const Ticket& t) {
    TicketDraft d;
    d.subject = t.subject;
    d.requester = t.requester;
    d.requester_name = t.requester_name;
    d.organisation = t.organisation;
    d.cc = t.cc;
    d.tags = t.tags;
    d.product = t.product;
    d.topic = t.topic;
    d.category = t.category;
    d.property = t.property;
    d.type = t.type;
    d.priority = t.priority;
    d.assignee = t.assignee;
    d.group = t.group;
    d.visibility = t.visibility;
    if (d.visibility == "public") d.audience = t.audience;
    d.workflow = t.workflow;
    return d;
}

TicketDraft follow_up_draft(const Ticket& closed, const std::string& body,
                            const Json& attachments) {
    TicketDraft d = draft_of(closed);
    d.description = body;
    // Its own priority (from its type) and assignee, as any new ticket.
    d.priority.clear();
    d.assignee.clear();
    d.group.clear();
    d.follow_up_of = closed.id;
    d.attachments = attachments;
    return d;
}

Json create_payload(const TicketDraft& d) {
    Json p = {{"subject", d.subject},
              {"description", d.description},
              {"requester", d.requester},
              {"organisation", d.organisation},
              {"cc", d.cc},
              {"tags", d.tags},
              {"product", d.product},
              {"topic", d.topic},
              {"category", d.category},
              {"property", d.property},
              {"type", d.type},
              {"priority", d.priority},
              {"assignee", d.assignee},
              {"group", d.group},
              {"visibility", d.visibility},
              {"nonce", d.nonce}};
    // Only when known, so that the events of tickets without one hash as before.
    if (!d.requester_name.empty()) p["requester_name"] = d.requester_name;
    if (!d.follow_up_of.empty()) p["follow_up_of"] = d.follow_up_of;
    if (!d.audience.empty()) p["audience"] = d.audience;
    if (!d.due.empty()) p["due"] = format_instant(*parse_instant(d.due));
    if (!d.attachments.empty()) p["attachments"] = d.attachments;
    if (!d.message_id.empty()) p["message_id"] = d.message_id;
    if (d.workflow != support_workflow().name) p["workflow"] = d.workflow;
    return p;
}

} // namespace tickets
