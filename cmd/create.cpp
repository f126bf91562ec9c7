#include "cmd/create.hpp"

#include "cmd/automation.hpp"
#include "cmd/common.hpp"
#include "cmd/notify.hpp"
#include "core/attachment_policy.hpp"
#include "core/error.hpp"
#include "core/event_schema.hpp"
#include "core/fold.hpp"
#include "core/hash.hpp"
#include "core/names.hpp"
#include "core/pseudonym.hpp"
#include "core/text.hpp"
#include "core/workflow.hpp"
#include "store/accounts.hpp"
#include "store/blobs.hpp"
#include "store/property_register.hpp"
#include "store/ticket_defaults.hpp"
#include "sync/sync_client.hpp"

#include <filesystem>
#include <fmt/format.h>

namespace tickets {

namespace {

// A clone's new tickets get the server's workflow (learnt at clone and
// pull): the server decides, whatever core.workflow says here.
std::string new_ticket_workflow(Context& ctx, Repository& repo) {
    auto learnt = server_setting(repo, "workflow");
    if (!learnt) return configured_workflow(ctx.config());
    if (!find_workflow(*learnt))
        throw Failure(kConfig, fmt::format("the server's workflow '{}' is unknown to this version "
                                           "of tickets; upgrade it",
                                           *learnt));
    return *learnt;
}

// What the SLA policies choose by, from a draft.
Ticket draft_ticket(const TicketDraft& d) {
    Ticket t;
    t.priority = d.priority;
    t.type = d.type;
    t.organisation = d.organisation;
    t.product = d.product;
    return t;
}

} // namespace

Json store_attachments(Repository& repo, const std::vector<std::string>& files) {
    Json list = Json::array();
    std::vector<std::string> contents;
    for (const auto& f : files) { // all readable before any write
        contents.push_back(read_file(f));
        if (contents.back().size() > kMaxAttachmentBytes)
            throw Failure(kDataErr, fmt::format("cannot attach {}: {} bytes, more than {} MiB", f,
                                                contents.back().size(), kMaxAttachmentBytes >> 20));
    }
    for (size_t i = 0; i < files.size(); ++i) {
        std::string sha = put_blob(repo.dir(), contents[i]);
        list.push_back({{"name", std::filesystem::path(files[i]).filename().string()},
                        {"sha256", sha},
                        {"mime", sniff_mime(contents[i])},
                        {"size", contents[i].size()}});
    }
    return list;
}

CreateDefaults create_defaults(Context& ctx, Repository& repo) {
    const Config& config = ctx.config();
    auto rules = config.section("rules");
    return CreateDefaults{
        ctx.me(),
        ctx.now(),
        new_ticket_workflow(ctx, repo),
        PropertyRegister(config),
        rules.empty() ? std::vector<CreateRule>{} : parse_rules(rules),
        acting_user(ctx, repo),
        ctx.sla_settings(),
        ctx.sla_settings().policies.empty() ? nullptr : &repo.work_calendar(),
        [&config](const std::string& type) { return configured_priority(config, type); },
        [&ctx](const std::string& email) { return ctx.organisation_of(email); }};
}

Event draft_event(const CreateDefaults& c, TicketDraft draft, std::int64_t lamport,
                  bool check_rights) {
    if (draft.requester.empty()) draft.requester = c.author;
    if (draft.organisation.empty()) draft.organisation = c.organisation_of(draft.requester);
    if (draft.nonce.empty()) draft.nonce = new_nonce();
    draft.property = c.properties.name_of(draft.property);
    // The workflow is fixed at creation and recorded in the create event, so
    // that every replica folds the ticket alike whatever its own config says.
    if (draft.workflow.empty()) draft.workflow = c.workflow;
    std::string priority = c.priority_of(draft.type);
    bool priority_given = !draft.priority.empty();
    draft = validated(std::move(draft), priority);
    apply_rules(c.rules, draft, priority_given);
    Json payload = create_payload(draft);
    if (auto targets = sla_targets_for(draft_ticket(draft), c.sla))
        payload["sla"] = sla_targets_json(targets);
    Event e = sealed_event("create", "", c.author, c.time, lamport, std::move(payload), "");
    if (check_rights && c.acting)
        if (auto why = forbid_push(*c.acting, nullptr, e))
            throw Failure(kNoPerm, fmt::format("new ticket: {}", *why));
    return e;
}

Event create_event(Context& ctx, Repository& repo, TicketDraft draft) {
    // A follow-up is the right of the reply that opened it, and mail intake
    // has its own rules for senders (cmd/mail_in.cpp).
    bool check_rights = draft.follow_up_of.empty() && draft.message_id.empty();
    CreateDefaults c = create_defaults(ctx, repo);
    // An anonymous ticket is written by its pseudonym, when the acting user
    // is the one behind it (core/pseudonym.hpp).
    if (is_pseudonym(draft.requester) &&
        Accounts(repo).pseudonym_owner(draft.requester) == c.author)
        c.author = draft.requester;
    return draft_event(c, std::move(draft), repo.next_lamport(), check_rights);
}

Ticket create_ticket(Context& ctx, Repository& repo, TicketDraft draft) {
    Event e = create_event(ctx, repo, std::move(draft));
    Ticket t;
    apply_event(t, e);
    // A new event makes a new ticket: its rows are inserted, not upserted
    // (see Repository::materialise). The same create given twice (same
    // content, same second) is the ticket already there.
    repo.materialise(t, /*fresh=*/repo.append(e));
    queue_notifications(ctx, repo, Ticket{}, e, t);
    return t;
}

} // namespace tickets
