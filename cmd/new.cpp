// tickets new SUBJECT -m DESCRIPTION [fields…]: open a ticket.
#include "cmd/commands.hpp"
#include "cmd/common.hpp"
#include "cmd/create.hpp"
#include "cmd/notify.hpp"
#include "core/error.hpp"
#include "core/ids.hpp"
#include "core/pseudonym.hpp"
#include "core/text.hpp"
#include "store/accounts.hpp"
#include "store/kb_store.hpp"
#include "store/ticket_defaults.hpp"

#include <fmt/format.h>
#include <iostream>

namespace tickets {

namespace {

struct NewOptions {
    std::vector<std::string> subject;
    std::string message, file;
    TicketDraft draft;
    std::vector<std::string> attach;
    bool is_private = false, is_public = false, anonymous = false, json = false;
};

void run(Context& ctx, NewOptions& o) {
    TicketDraft d = o.draft;
    d.subject = join(o.subject, " ");
    if (trim(d.subject).empty())
        throw Failure(kUsage, "a subject is required: tickets new SUBJECT -m DESCRIPTION");
    d.description = *read_text(ctx, o.message, o.file, "description", true);
    if (o.is_public) d.visibility = "public";
    ctx.me();
    Repository& repo = ctx.repo_for_write();
    Repository::WriteTransaction tx(repo);
    if (o.anonymous) {
        // The ticket and everything its requester writes on it carry a
        // pseudonym made for it; who it is stays in this store and the server's.
        if (!d.requester.empty() && to_lower_ascii(trim(d.requester)) != ctx.me())
            throw Failure(kUsage, "--anonymous opens a ticket you request yourself; leave out "
                                  "--requester");
        d.requester = pseudonym_from(new_nonce());
        Accounts(repo).add_pseudonym(d.requester, ctx.me());
    }
    if (!o.attach.empty()) d.attachments = store_attachments(repo, o.attach);
    Ticket t = create_ticket(ctx, repo, std::move(d));
    tx.commit();
    after_commit(ctx);
    if (o.json)
        print_json(ticket_to_json(t, true));
    else
        std::cout << abbrev(repo, t.id) << "\n";
    // Articles of the knowledge base that may answer it, for the agent on
    // the phone: on stderr, so that scripts reading the id are not disturbed.
    auto articles = KbStore(repo).suggest(t.subject, 3);
    if (!articles.empty()) {
        ctx.say("help centre articles that may answer it:");
        for (const auto& a : articles)
            ctx.say(fmt::format("  {}  {}", a.id.substr(0, kShortIdLength), a.title));
    }
}

} // namespace

void add_new(CLI::App& app, Context& ctx) {
    auto o = std::make_shared<NewOptions>();
    auto* cmd = app.add_subcommand("new", "Open a new ticket");
    cmd->add_option("subject", o->subject, "Subject (Betreff)")->type_name("SUBJECT");
    cmd->add_option("-m,--message", o->message, "Description")->type_name("TEXT");
    cmd->add_option("-F,--file", o->file, "Read the description from FILE (- for stdin)")
        ->type_name("FILE");
    cmd->add_option("--type", o->draft.type, "question, incident, feature or urgent")
        ->type_name("TYPE");
    cmd->add_option("--priority", o->draft.priority,
                    "low, normal, high or urgent (default from type)")
        ->type_name("PRIORITY");
    cmd->add_option("--product", o->draft.product, "Product (e.g. PowerHaus)");
    cmd->add_option("--topic", o->draft.topic, "Product topic (e.g. Buchhaltung)");
    cmd->add_option("--category", o->draft.category, "Category (e.g. Heizung)");
    cmd->add_option("--property", o->draft.property, "Property / building (Liegenschaft)");
    cmd->add_option("--cc", o->draft.cc, "Addresses in CC (several, or comma-separated)")
        ->type_name("EMAIL")
        ->delimiter(',');
    cmd->add_option("--requester", o->draft.requester, "Requester (default: you)")
        ->type_name("EMAIL");
    cmd->add_option("--assignee", o->draft.assignee, "Assign directly (the ticket starts open)")
        ->type_name("EMAIL");
    cmd->add_option("--group", o->draft.group, "Group handling the ticket");
    cmd->add_option("--tag", o->draft.tags, "Tags (several, or comma-separated)")
        ->type_name("TAG")
        ->delimiter(',');
    cmd->add_option("--due", o->draft.due, "Due date (YYYY-MM-DD)")->type_name("DATE");
    cmd->add_option("--attach", o->attach, "Attach files (several)")->type_name("FILE");
    auto* priv =
        cmd->add_flag("--private", o->is_private, "Only requester and management see it (default)");
    cmd->add_flag("--public", o->is_public, "All residents of the property see it")->excludes(priv);
    cmd->add_flag("--anonymous", o->anonymous,
                  "Hide who you are from everyone but management (a pseudonym writes)");
    cmd->add_option("--audience", o->draft.audience,
                    "Only these residents see the public ticket: tenant, owner, board")
        ->type_name("ROLES")
        ->delimiter(',')
        ->allow_extra_args(false);
    add_json_flag(cmd, o->json);
    cmd->callback([&ctx, o] { run(ctx, *o); });
}

} // namespace tickets
