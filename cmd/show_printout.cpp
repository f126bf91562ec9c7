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

namespace {

std::string text_of(const Json& j, const char* key) {
    const Json& v = j.value(key, Json());
    if (v.is_string()) return v.get<std::string>();
    if (v.is_array()) return join(v.get<std::vector<std::string>>(), ", ");
    return "";
}

} // namespace

Printout printout_of(Context& ctx, Repository& repo, const Json& t, const std::string& language,
                     bool internal) {
    bool german = language != "en";
    auto label = [&](const char* key) { return printout_label(key, language); };
    const TimeZone& zone = ctx.time_zone();
    auto when = [&](const Json& j, const char* key) -> std::string {
        auto at = parse_instant(text_of(j, key));
        if (!at) return "";
        return german ? format_local_german(*at, zone) : format_local(*at, zone);
    };
    Accounts accounts(repo);
    Printout p;
    p.language = german ? "de" : "en";
    p.number = text_of(t, "id").substr(0, kMailTokenLength);
    p.subject = text_of(t, "subject");
    auto field = [&](const char* key, std::string value) {
        if (!value.empty()) p.fields.emplace_back(label(key), std::move(value));
    };
    std::string status = text_of(t, "status");
    field("status", german ? german_status(status) : status);
    field("type", text_of(t, "type"));
    field("priority", text_of(t, "priority"));
    std::string org = text_of(t, "organisation");
    field("requester",
          person(accounts, text_of(t, "requester"), text_of(t, "requester_name"), false) +
              (org.empty() ? "" : " (" + org + ")"));
    field("cc", text_of(t, "cc"));
    field("assignee", text_of(t, "assignee"));
    field("group", text_of(t, "group"));
    field("product", text_of(t, "product"));
    field("topic", text_of(t, "topic"));
    field("category", text_of(t, "category"));
    field("property", text_of(t, "property"));
    field("tags", text_of(t, "tags"));
    field("created", when(t, "created_at"));
    field("updated", when(t, "updated_at"));
    field("due", when(t, "due_at"));
    field("solved", when(t, "solved_at"));
    field("closed", when(t, "closed_at"));

    std::string requester = person_in(ctx, accounts, t, "requester", "requester_name", false);
    p.entries.push_back({when(t, "created_at") + " · " + requester,
                         label("description"),
                         false,
                         text_of(t, "description"),
                         {}});
    for (const auto& c : t.value("comments", Json::array())) {
        bool note = c.value("internal", false);
        if (note && !internal) continue;
        std::string kind = text_of(c, "kind");
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
                                  text_of(c, "merged_from").substr(0, kMailTokenLength));
        e.internal = note;
        e.body = text_of(c, "body");
        for (const auto& a : c.value("attachments", Json::array()))
            e.attachments.push_back(fmt::format("{} ({}, {})", text_of(a, "name"),
                                                text_of(a, "mime"),
                                                human_size(a.value("size", std::int64_t{0}))));
        p.entries.push_back(std::move(e));
    }
    return p;
}

} // namespace tickets
