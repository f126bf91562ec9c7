// tickets list [FILTER…]: tickets matching a filter (see FILTERS in tickets(1)).
#include "cmd/commands.hpp"
#include "cmd/common.hpp"
#include "cmd/render.hpp"
#include "core/error.hpp"
#include "core/filter.hpp"
#include "core/text.hpp"

#include <fmt/format.h>
#include <iostream>

namespace tickets {

namespace {

struct ListFlags {
    std::vector<std::string> terms;
    bool mine = false, cc = false, org = false, deleted = false, reverse = false;
    bool json = false, ids = false;
    std::string sort = "updated", columns = "id,status,priority,type,subject,requester,updated";
    long limit = -1;
};

void run(Context& ctx, ListFlags& o) {
    std::vector<std::string> terms = o.terms;
    // The views of the customer portal, as filter terms.
    if (o.mine) terms.push_back("requester:me");
    if (o.cc) terms.push_back("cc:me");
    if (o.org) {
        std::string org = ctx.organisation_of(ctx.me());
        if (org.empty())
            throw Failure(kUsage,
                          fmt::format("--org: {} belongs to no organisation (a private mail "
                                      "address; set domains.DOMAIN to name one)",
                                      ctx.me()));
        terms.push_back("org:" + org);
    }
    Filter f = parse_filter(terms, ctx.now(), ctx.me_if_known());
    if (o.limit < -1) throw Failure(kUsage, "--limit must be 0 or more");
    Repository& repo = ctx.repo();
    // Deadlines counted in another working calendar are counted again first.
    bool reads_sla =
        o.sort == "sla" ||
        (!o.json && !o.ids && ("," + o.columns + ",").find(",sla,") != std::string::npos);
    for (const auto& c : f.fields) reads_sla |= c.field == "sla";
    for (const auto& d : f.dates) reads_sla |= d.field == "sla.due";
    if (reads_sla) repo.refresh_sla();
    ListOptions options{o.sort, o.reverse, o.limit, o.deleted};
    if (o.ids) {
        for (const auto& id : repo.list_ids(f, options)) std::cout << id << "\n";
        return;
    }
    if (o.json) {
        JsonArrayPrinter printer;
        repo.each_ticket(f, options, {}, [&](const Json& t) { printer.add(t); });
        printer.finish();
        return;
    }
    std::vector<std::string> columns = split(o.columns, ',');
    TicketPrinter printer(ctx, columns);
    repo.each_ticket(f, options, keys_of_columns(columns), [&](const Json& t) { printer.add(t); });
    printer.finish();
}

} // namespace

void add_list(CLI::App& app, Context& ctx) {
    auto o = std::make_shared<ListFlags>();
    auto* cmd = app.add_subcommand("list", "List tickets matching a filter");
    cmd->alias("ls");
    add_filter_terms(cmd, o->terms,
                     "Filter terms (status:open type:incident -status:closed …) and search words");
    cmd->add_flag("--mine", o->mine, "My requests");
    cmd->add_flag("--cc", o->cc, "Requests where I am in CC");
    cmd->add_flag("--org", o->org, "My organisation's requests");
    cmd->add_flag("--deleted", o->deleted, "Include deleted tickets");
    cmd->add_option("--sort", o->sort,
                    "updated, created, priority, status, subject, due, sla or id")
        ->capture_default_str();
    cmd->add_flag("--reverse", o->reverse, "Reverse the sort order");
    cmd->add_option("--limit", o->limit, "At most N tickets")->type_name("N");
    cmd->add_option("--columns", o->columns, "Columns to show, comma-separated")
        ->capture_default_str();
    cmd->add_flag("-q,--ids", o->ids, "Print full ids only, one per line");
    add_json_flag(cmd, o->json);
    cmd->callback([&ctx, o, cmd] {
        for (auto& term : negated_filter_terms(cmd)) o->terms.push_back(term);
        run(ctx, *o);
    });
}

} // namespace tickets
