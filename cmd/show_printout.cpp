#include "cmd/show_printout.hpp"

#include "cmd/common.hpp"
#include "cmd/render.hpp"
#include "core/names.hpp"
#include "core/notify.hpp"
#include "core/text.hpp"
#include "core/time.hpp"
#include "store/accounts.hpp"

#include <fmt/format.h>

namespace tickets {

Printout printout_of(Context& ctx, Repository& repo, const Json& t, const std::string& language,
                     bool internal) {
    bool german = language != "en";
    auto label = [&](const char* key) { return printout_label(key, language); };
    const TimeZone& zone = ctx.time_zone();
    auto when = [&](const Json& j, const char* key) -> std::string {
        auto at = parse_instant(member_text(j, key));
        if (!at) return "";
        return german ? format_local_german(*at, zone) : format_local(*at, zone);
    };
    Accounts accounts(repo);
    Printout p;
    p.language = german ? "de" : "en";
    p.number = member_text(t, "id").substr(0, kMailTokenLength);
    p.subject = member_text(t, "subject");
    auto field = [&](const char* key, std::string value) {
        if (!value.empty()) p.fields.emplace_back(label(key), std::move(value));
    };
    std::string status = member_text(t, "status");
    field("status", german ? german_status(status) : status);
    field("type", member_text(t, "type"));
    field("priority", member_text(t, "priority"));
    field("requester", requester_text(accounts, t, false));
    field("cc", member_text(t, "cc"));
    field("assignee", member_text(t, "assignee"));
    field("group", member_text(t, "group"));
    field("product", member_text(t, "product"));
    field("topic", member_text(t, "topic"));
    field("category", member_text(t, "category"));
    field("property", member_text(t, "property"));
    field("tags", member_text(t, "tags"));
    field("created", when(t, "created_at"));
    field("updated", when(t, "updated_at"));
    field("due", when(t, "due_at"));
    field("solved", when(t, "solved_at"));
    field("closed", when(t, "closed_at"));

    std::string requester = person_in(ctx, accounts, t, "requester", "requester_name", false);
    p.entries.push_back({when(t, "created_at") + " · " + requester,
                         label("description"),
                         false,
                         member_text(t, "description"),
                         {}});
    for (const auto& c : t.value("comments", Json::array())) {
        bool note = c.value("internal", false);
        if (note && !internal) continue;
        std::string kind = member_text(c, "kind");
        Printout::Entry e;
        e.heading =
            when(c, "time") + " · " + person_in(ctx, accounts, c, "author", "author_name", false);
        e.kind = note                    ? label("internal")
                 : kind == "comment"     ? label("public")
                 : kind == "attachment"  ? label("attachment")
                 : kind == "description" ? label("description")
                                         : label(kind.c_str());
        if (c.contains("merged_from"))
            e.kind += fmt::format(", {} #{}", label("ticket"),
                                  member_text(c, "merged_from").substr(0, kMailTokenLength));
        e.internal = note;
        e.body = member_text(c, "body");
        for (const auto& a : c.value("attachments", Json::array()))
            e.attachments.push_back(fmt::format("{} ({}, {})", member_text(a, "name"),
                                                member_text(a, "mime"),
                                                human_size(a.value("size", std::int64_t{0}))));
        p.entries.push_back(std::move(e));
    }
    return p;
}

} // namespace tickets
