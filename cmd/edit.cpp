// tickets edit ID… [--subject …] [--priority …] [--add-tag …] …: change fields.
#include "cmd/commands.hpp"
#include "cmd/common.hpp"
#include "core/access.hpp"
#include "core/error.hpp"
#include "core/names.hpp"
#include "core/text.hpp"
#include "store/property_register.hpp"

#include <algorithm>
#include <fmt/format.h>

namespace tickets {

namespace {

struct EditOptions {
    std::vector<std::string> ids;
    std::optional<std::string> subject, description, type, priority, product, topic, category,
        property, requester, group, due;
    std::vector<std::string> add_cc, remove_cc, add_tag, remove_tag;
    std::vector<std::string> audience; // given: not empty ("" alone clears)
    bool make_public = false, make_private = false, json = false;
};

// Field values are checked once, before any ticket is touched.
Json fixed_fields(Context& ctx, const EditOptions& o) {
    Json set = Json::object();
    auto put = [&](const char* key, const std::optional<std::string>& v) {
        if (!v) return;
        require_utf8(*v, key);
        set[key] = *v;
    };
    if (o.subject && trim(*o.subject).empty())
        throw Failure(kUsage, "edit: the subject cannot be empty");
    put("subject", o.subject ? std::optional(trim(*o.subject)) : std::nullopt);
    put("description", o.description);
    put("product", o.product);
    put("topic", o.topic);
    put("category", o.category);
    put("property", o.property ? std::optional(PropertyRegister(ctx.config()).name_of(*o.property))
                               : std::nullopt);
    put("group", o.group);
    if (o.type) {
        auto t = canonical_type(*o.type);
        if (!t) throw Failure(kUsage, fmt::format("edit: unknown type '{}'", *o.type));
        set["type"] = *t;
    }
    if (o.priority) {
        auto p = canonical_priority(*o.priority);
        if (!p) throw Failure(kUsage, fmt::format("edit: unknown priority '{}'", *o.priority));
        set["priority"] = *p;
    }
    if (o.requester) {
        std::string r = to_lower_ascii(trim(*o.requester));
        if (!is_plausible_email(r))
            throw Failure(kUsage, fmt::format("edit: '{}' is not a mail address", r));
        set["requester"] = r;
        set["organisation"] = ctx.organisation_of(r);
    }
    if (o.due) {
        auto at = parse_instant(*o.due);
        if (!o.due->empty() && !at)
            throw Failure(kUsage, fmt::format("edit: due '{}' is not a date", *o.due));
        set["due"] = at ? format_instant(*at) : "";
    }
    if (o.make_public) set["visibility"] = "public";
    if (o.make_private) {
        set["visibility"] = "private";
        set["audience"] = Json::array(); // only a public ticket has an audience
    }
    if (!o.audience.empty()) {
        Json roles = Json::array();
        for (const auto& r : o.audience) {
            if (trim(r).empty()) continue; // --audience "" clears it
            auto role = canonical_role(trim(r));
            if (!role || !is_resident(*role))
                throw Failure(kUsage, fmt::format("edit: audience '{}' is not a resident role "
                                                  "(tenant, owner, board)",
                                                  r));
            roles.push_back(*role);
        }
        if (o.make_private && !roles.empty())
            throw Failure(kUsage, "edit: only a public ticket has an audience");
        set["audience"] = roles;
    }
    return set;
}

std::vector<std::string> edited_list(std::vector<std::string> list,
                                     const std::vector<std::string>& add,
                                     const std::vector<std::string>& remove) {
    for (const auto& a : add)
        if (std::find(list.begin(), list.end(), a) == list.end()) list.push_back(a);
    for (const auto& r : remove) list.erase(std::remove(list.begin(), list.end(), r), list.end());
    return list;
}

void run(Context& ctx, EditOptions& o) {
    for (auto* cc : {&o.add_cc, &o.remove_cc})
        for (auto& a : *cc) {
            a = to_lower_ascii(trim(a));
            if (!is_plausible_email(a))
                throw Failure(kUsage, fmt::format("edit: '{}' is not a mail address", a));
        }
    for (const auto& tag : o.add_tag) require_utf8(tag, "tag");
    Json fixed = fixed_fields(ctx, o);
    bool lists =
        !o.add_cc.empty() || !o.remove_cc.empty() || !o.add_tag.empty() || !o.remove_tag.empty();
    if (fixed.empty() && !lists)
        throw Failure(kUsage, "edit: nothing to change (see 'tickets help edit')");
    change_tickets(ctx, o.ids, o.json, [&](Repository& repo, const Ticket& t) {
        Json set = fixed;
        if (!o.add_cc.empty() || !o.remove_cc.empty())
            set["cc"] = edited_list(t.cc, o.add_cc, o.remove_cc);
        if (!o.add_tag.empty() || !o.remove_tag.empty())
            set["tags"] = edited_list(t.tags, o.add_tag, o.remove_tag);
        return make_event(ctx, repo, "set", t.id, with_sla_targets(ctx, t, "set", set));
    });
}

} // namespace

void add_edit(CLI::App& app, Context& ctx) {
    auto o = std::make_shared<EditOptions>();
    auto* cmd = app.add_subcommand("edit", "Change fields of tickets");
    cmd->add_option("id", o->ids, "Ticket ids (- reads stdin)")->required();
    cmd->add_option("--subject", o->subject, "New subject");
    cmd->add_option("--description", o->description, "New description");
    cmd->add_option("--type", o->type, "question, incident, feature or urgent");
    cmd->add_option("--priority", o->priority, "low, normal, high or urgent");
    cmd->add_option("--product", o->product, "Product");
    cmd->add_option("--topic", o->topic, "Topic");
    cmd->add_option("--category", o->category, "Category");
    cmd->add_option("--property", o->property, "Property (Liegenschaft)");
    cmd->add_option("--requester", o->requester, "Requester")->type_name("EMAIL");
    cmd->add_option("--group", o->group, "Group");
    cmd->add_option("--due", o->due, "Due date (YYYY-MM-DD; empty clears)")->type_name("DATE");
    cmd->add_option("--add-cc", o->add_cc, "Add addresses to CC")
        ->type_name("EMAIL")
        ->delimiter(',');
    cmd->add_option("--remove-cc", o->remove_cc, "Remove addresses from CC")
        ->type_name("EMAIL")
        ->delimiter(',');
    cmd->add_option("--add-tag", o->add_tag, "Add tags")->type_name("TAG")->delimiter(',');
    cmd->add_option("--remove-tag", o->remove_tag, "Remove tags")->type_name("TAG")->delimiter(',');
    cmd->add_option("--audience", o->audience,
                    "Residents a public ticket is for: tenant, owner, board (empty: all)")
        ->type_name("ROLES")
        ->delimiter(',')
        ->allow_extra_args(false);
    auto* pub = cmd->add_flag("--public", o->make_public, "Make public");
    cmd->add_flag("--private", o->make_private, "Make private")->excludes(pub);
    add_json_flag(cmd, o->json);
    cmd->callback([&ctx, o] { run(ctx, *o); });
}

} // namespace tickets
