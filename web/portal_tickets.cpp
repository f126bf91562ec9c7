// The signed-in pages about tickets: the lists, a ticket with its
// correspondence and what the user may do with it, and the new-request form.
#include "web/portal_tickets.hpp"

#include "core/attachment_policy.hpp"
#include "core/calendar.hpp"
#include "core/draft.hpp"
#include "core/error.hpp"
#include "core/event_schema.hpp"
#include "core/filter.hpp"
#include "core/names.hpp"
#include "core/pseudonym.hpp"
#include "core/text.hpp"
#include "core/workflow.hpp"
#include "store/blobs.hpp"
#include "store/config.hpp"
#include "store/kb_store.hpp"
#include "store/property_register.hpp"
#include "store/ticket_defaults.hpp"
#include "store/time_zone.hpp"
#include "sync/visibility.hpp"
#include "web/portal_context.hpp"

#include <fmt/format.h>

namespace tickets {

namespace {

constexpr int kListRows = 100; // the newest first; a search narrows the rest

struct PortalSettings {
    AttachmentPolicy attachments;
    std::vector<std::string> types, workflows;
    std::map<std::string, std::string> required; // type -> "product, property"
    TimeZone zone;
};

PortalSettings portal_settings(Repository& repo) {
    Config config = Config::load(repo.dir());
    PortalSettings s;
    s.attachments = attachment_policy(config.section("portal.attachments"));
    for (const auto& t : split(config.get_or("portal.types", ""), ','))
        if (auto type = canonical_type(trim(t))) s.types.push_back(*type);
    if (s.types.empty()) s.types = all_types();
    for (const auto& w : split(config.get_or("portal.workflows", ""), ','))
        if (find_workflow(trim(w))) s.workflows.push_back(trim(w));
    if (s.workflows.empty()) s.workflows = {configured_workflow(config)};
    for (const auto& [type, fields] : config.section("portal.required"))
        if (auto canonical = canonical_type(type)) s.required[*canonical] = fields;
    s.zone = configured_time_zone(config.get_or("calendar.timezone", "Europe/Berlin"));
    return s;
}

std::string local_time(const PortalRequest& p, const PortalSettings& s, Instant t) {
    return p.frame.german ? format_local_german(t, s.zone) : format_local(t, s.zone);
}

std::string person(const PortalRequest& p, const std::string& address) {
    return is_pseudonym(address) ? anonymous_label(p.frame.german) : address;
}

std::string param(const ServerRequest& req, const std::string& name) {
    auto it = req.params.find(name);
    return it == req.params.end() ? "" : it->second;
}

// The lists the user has: everything they may see, and the parts of it.
std::vector<std::string> views_of(PortalRequest& p) {
    std::vector<std::string> views = {"all", "mine", "cc"};
    const User& u = p.user;
    bool org_wide = false;
    if (!u.restricted && !u.organisation.empty()) {
        auto org = p.accounts.organisation(u.organisation);
        org_wide = u.role == "main-contact" || u.role == "admin" || (org && org->shared);
    }
    if (org_wide) views.push_back("org");
    if (u.role == "provider" || u.role == "caretaker") views.push_back("assigned");
    return views;
}

ListScope scope_of(PortalRequest& p, const std::string& view,
                   const std::vector<std::string>& views) {
    const User& u = p.user;
    bool org_wide = std::find(views.begin(), views.end(), "org") != views.end();
    std::vector<std::string> addresses = u.aliases;
    addresses.push_back(u.email);
    ListScope s;
    if (view == "all" || view == "mine") s.requesters = addresses;
    if (view == "all" || view == "cc") s.cc = {u.email};
    if (view == "all" || view == "assigned") s.assignees = {u.email};
    if ((view == "all" || view == "org") && org_wide)
        if (auto org = p.accounts.organisation(u.organisation)) s.domains = org->domains;
    s.public_properties = view == "all" && is_resident(u.role) && !u.restricted;
    return s;
}

ServerResponse list(PortalRequest& p) {
    PortalSettings settings = portal_settings(p.repo);
    ListView v;
    v.views = views_of(p);
    v.view = param(p.req, "view");
    if (std::find(v.views.begin(), v.views.end(), v.view) == v.views.end()) v.view = "all";
    v.query = param(p.req, "q");
    Filter filter;
    try {
        std::vector<std::string> terms;
        for (const auto& t : split(v.query, ' '))
            if (!trim(t).empty()) terms.push_back(trim(t));
        filter = parse_filter(terms, p.now, p.user.email);
    } catch (const Failure& f) {
        p.frame.error = f.what();
        return html_response(400, list_page(p.frame, v));
    }
    ListOptions opts;
    if (!is_staff(p.user.role) || v.view != "all")
        opts.scope =
            scope_of(p, v.view, v.views); // a person's few tickets, then checked one by one
    else
        opts.limit = kListRows + 1;            // staff see every ticket: the newest
    opts.public_text = !is_staff(p.user.role); // never found by an internal note's words
    VisibilityCache visibility(p.repo, p.accounts, p.user);
    p.repo.each_ticket(filter, opts, {"id", "subject", "status", "updated_at", "requester"},
                       [&](const Json& t) {
                           if (v.more) return;
                           std::string id = t.value("id", "");
                           if (!visibility.visible(id)) return;
                           if (static_cast<int>(v.rows.size()) == kListRows) {
                               v.more = true;
                               return;
                           }
                           auto updated = parse_instant(t.value("updated_at", ""));
                           v.rows.push_back({id, t.value("subject", ""), t.value("status", ""),
                                             updated ? local_time(p, settings, *updated) : "",
                                             person(p, t.value("requester", ""))});
                       });
    return html_response(200, list_page(p.frame, v));
}

// The ticket of the route's id when the user may see it; the same answer
// for one that does not exist.
Ticket visible_ticket(PortalRequest& p) {
    const std::string& id = p.req.matches.at(0);
    VisibilityCache visibility(p.repo, p.accounts, p.user);
    if (!p.repo.has_ticket(id) || !visibility.visible(id))
        throw Failure(kNotFound, p.frame.german ? "Diese Anfrage gibt es nicht."
                                                : "There is no such request.");
    return p.repo.folded(id);
}

TicketView view_of(PortalRequest& p, const Ticket& t, const PortalSettings& s) {
    const Workflow& w = workflow_of(t.workflow);
    TicketView v;
    v.id = t.id;
    v.subject = t.subject;
    v.status = t.status;
    v.fields = {{"type", p.frame.german ? german_type(t.type) : t.type},
                {"priority", p.frame.german ? german_priority(t.priority) : t.priority},
                {"product", t.product},
                {"topic", t.topic},
                {"category", t.category},
                {"property", t.property},
                {"requester", person(p, t.requester)},
                {"created", local_time(p, s, t.created)},
                {"updated", local_time(p, s, t.updated)}};
    auto organisation = [&](const std::string& author) {
        return is_pseudonym(author) ? "" : p.accounts.organisation_of_domain(email_domain(author));
    };
    auto files = [&](const std::vector<Attachment>& list) {
        std::vector<FileLink> out;
        for (const auto& a : list)
            out.push_back({a.name, "/t/" + t.id + "/files/" + a.sha256, a.size});
        return out;
    };
    Message first{person(p, t.requester),
                  organisation(t.requester),
                  local_time(p, s, t.created),
                  "description",
                  t.description,
                  {}};
    v.messages.push_back(first);
    for (const auto& c : t.comments) {
        if (c.internal && !is_staff(p.user.role)) continue; // never to the customer side
        if (c.kind == "attachment" && c.id == t.id) {       // the create's files
            v.messages.front().files = files(c.attachments);
            continue;
        }
        std::string kind = c.internal ? "note" : c.kind == "attachment" ? "comment" : c.kind;
        v.messages.push_back({person(p, c.author), organisation(c.author), local_time(p, s, c.time),
                              kind, c.body, files(c.attachments)});
    }
    bool own = p.user.is(t.requester);
    bool active = w.is_active(t.status);
    v.can_solve = own && active && !w.resolve_to.empty() && t.first_response.has_value();
    v.can_rate = own && !w.done.empty() && !active && t.status != w.final;
    v.rating = t.rating;
    v.rate_choice = param(p.req, "rating");
    v.can_escalate = active && !w.management_moves;
    if ((p.user.role == "provider" || p.user.role == "caretaker") && t.assignee == p.user.email)
        for (const auto& [from, to] : w.assignee_moves)
            if (from == t.status) v.status_moves.push_back(to);
    v.attachment_rule = describe(s.attachments, p.frame.german);
    return v;
}

ServerResponse ticket(PortalRequest& p) {
    PortalSettings s = portal_settings(p.repo);
    Ticket t = visible_ticket(p);
    if (auto it = p.req.params.find("done"); it != p.req.params.end())
        p.frame.notice = it->second != "follow-up" ? (p.frame.german ? "Gespeichert." : "Saved.")
                         : p.frame.german
                             ? "Die Anfrage war geschlossen: Ihre Antwort hat diese neue Anfrage "
                               "eröffnet."
                             : "The request was closed: your reply opened this new one.";
    return html_response(200, ticket_page(p.frame, view_of(p, t, s)));
}

// A sent file's name without the sender's folders.
std::string file_name(const FormFile& f) {
    std::string name = std::filesystem::path(f.filename).filename().string();
    return name.empty() || !is_valid_utf8(name) ? "attachment" : name;
}

// The files of a form as attachments (blobs stored), after the policy's
// checks of all of them; call it once the user may write to the ticket.
Json attachments_of(PortalRequest& p, const AttachmentPolicy& policy) {
    Json list = Json::array();
    int index = 0;
    for (const auto& f : p.req.files) {
        if (f.filename.empty() && f.content.empty()) continue; // no file chosen
        if (auto why = attachment_refusal(policy, file_name(f), f.content, index++, p.frame.german))
            throw Failure(kDataErr, *why);
    }
    for (const auto& f : p.req.files) {
        if (f.filename.empty() && f.content.empty()) continue;
        std::string name = file_name(f);
        list.push_back({{"name", name},
                        {"sha256", put_blob(p.repo.dir(), f.content)},
                        {"mime", sniff_mime(f.content)},
                        {"size", f.content.size()}});
    }
    return list;
}

std::string required_text(const PortalRequest& p, const std::string& field) {
    std::string v = trim(form_value(p.req, field));
    if (v.empty() || !is_valid_utf8(v))
        throw Failure(kUsage, p.frame.german ? "Bitte füllen Sie alle Pflichtfelder aus."
                                             : "Please fill in every required field.");
    return v;
}

// A change of the ticket by the user: pushed, then back to the ticket.
ServerResponse change(PortalRequest& p, const std::string& type, Json payload) {
    Ticket t = visible_ticket(p);
    std::string skipped;
    if (auto why = push_as_user(p, type, t.id, std::move(payload), nullptr, &skipped))
        return error_page(p.frame, 409, *why);
    if (!skipped.empty()) {
        // A reply to a closed ticket: the server opened a follow-up with it.
        Ticket after = p.repo.folded(t.id);
        if (type == "comment" && after.follow_ups.size() > t.follow_ups.size())
            return redirect("/t/" + after.follow_ups.back() + "?done=follow-up");
        return error_page(p.frame, 409, skipped);
    }
    return redirect("/t/" + t.id + "?done=1");
}

ServerResponse new_form(PortalRequest& p, NewRequestView v, const PortalSettings& s) {
    v.types = s.types;
    v.workflows = s.workflows;
    v.attachment_rule = describe(s.attachments, p.frame.german);
    v.resident = is_resident(p.user.role);
    std::string type = v.values.count("type") ? v.values["type"] : s.types.front();
    if (auto it = s.required.find(type); it != s.required.end())
        for (const auto& f : split(it->second, ',')) v.required.push_back(trim(f));
    return html_response(p.frame.error.empty() ? 200 : 400, new_request_page(p.frame, v));
}

ServerResponse create(PortalRequest& p) {
    PortalSettings s = portal_settings(p.repo);
    NewRequestView v;
    for (const char* key : {"workflow", "type", "subject", "product", "topic", "category",
                            "property", "cc", "description", "visibility", "anonymous"})
        v.values[key] = form_value(p.req, key);
    // "Find matching articles": the form again, with suggestions.
    if (!form_value(p.req, "suggest").empty()) {
        v.suggestions = KbStore(p.repo).suggest(v.values["subject"], 5);
        return new_form(p, v, s);
    }
    try {
        TicketDraft d;
        d.subject = required_text(p, "subject");
        d.description = required_text(p, "description");
        std::string type = v.values["type"];
        if (std::find(s.types.begin(), s.types.end(), type) == s.types.end())
            type = s.types.front();
        d.type = type;
        if (auto it = s.required.find(type); it != s.required.end())
            for (const auto& f : split(it->second, ','))
                if (!trim(f).empty()) required_text(p, trim(f));
        d.product = trim(v.values["product"]);
        d.topic = trim(v.values["topic"]);
        d.category = trim(v.values["category"]);
        d.property = trim(v.values["property"]);
        for (const auto& cc : split(v.values["cc"], ','))
            if (!trim(cc).empty()) d.cc.push_back(trim(cc));
        std::string workflow = v.values["workflow"];
        d.workflow =
            std::find(s.workflows.begin(), s.workflows.end(), workflow) != s.workflows.end()
                ? workflow
                : s.workflows.front();
        bool resident = is_resident(p.user.role);
        d.visibility = resident && v.values["visibility"] == "public" ? "public" : "private";
        d.requester = p.user.email;
        bool anonymous = resident && !v.values["anonymous"].empty();
        if (anonymous) d.requester = pseudonym_from(new_nonce());
        // An anonymous request names no organisation: it would tell who asked.
        if (!anonymous)
            d.organisation = p.accounts.organisation_of_domain(email_domain(p.user.email));
        d.nonce = new_nonce();
        d.attachments = attachments_of(p, s.attachments);
        Config config = Config::load(p.repo.dir());
        d.property = PropertyRegister(config).name_of(d.property); // as `tickets new` names it
        d = validated(std::move(d), configured_priority(config, d.type));
        std::string id;
        if (auto why = push_as_user(p, "create", "", create_payload(d), &id))
            throw Failure(kNoPerm, *why);
        return redirect("/t/" + id + "?done=1");
    } catch (const Failure& f) {
        if (f.code() != kUsage && f.code() != kDataErr && f.code() != kNoPerm) throw;
        p.frame.error = f.what();
        return new_form(p, v, s);
    }
}

} // namespace

void add_ticket_routes(std::vector<Route>& routes, const std::filesystem::path& dir,
                       const PortalOptions& o) {
    const std::string t = "/t/([0-9a-f]{64})";
    routes.push_back(signed_in("GET", "/", dir, o, list));
    routes.push_back(signed_in("GET", t, dir, o, ticket));
    routes.push_back(signed_in("GET", t + "/rate/(good|bad)", dir, o, [](PortalRequest& p) {
        // The solution mail's link: the ticket with the rating chosen.
        PortalSettings s = portal_settings(p.repo);
        Ticket ticket = visible_ticket(p);
        TicketView v = view_of(p, ticket, s);
        v.rate_choice = p.req.matches.at(1);
        return html_response(200, ticket_page(p.frame, v));
    }));
    routes.push_back(signed_in("GET", t + "/files/([0-9a-f]{64})", dir, o, [](PortalRequest& p) {
        Ticket ticket = visible_ticket(p);
        const std::string& sha = p.req.matches.at(1);
        for (const auto& c : ticket.comments) {
            if (c.internal && !is_staff(p.user.role)) continue;
            for (const auto& a : c.attachments) {
                if (a.sha256 != sha) continue;
                auto content = read_blob(p.repo.dir(), sha);
                if (!content) break;
                ServerResponse r{200, std::move(*content), "", "application/octet-stream"};
                secure(r);
                // Downloaded, never shown in the page's origin.
                std::string ascii;
                for (char ch : a.name)
                    ascii += (ch >= 0x20 && ch < 0x7f && ch != '"' && ch != '\\') ? ch : '_';
                r.headers.emplace_back("Content-Disposition",
                                       fmt::format("attachment; filename=\"{}\"", ascii));
                return r;
            }
        }
        throw Failure(kNotFound, p.frame.german ? "Diesen Anhang gibt es nicht."
                                                : "There is no such attachment.");
    }));
    routes.push_back(signed_in("POST", t + "/reply", dir, o, [](PortalRequest& p) {
        PortalSettings s = portal_settings(p.repo);
        visible_ticket(p); // before any file of the form is stored
        Json payload = {{"body", required_text(p, "body")}};
        Json files = attachments_of(p, s.attachments);
        if (!files.empty()) payload["attachments"] = files;
        return change(p, "comment", payload);
    }));
    routes.push_back(signed_in("POST", t + "/solve", dir, o, [](PortalRequest& p) {
        return change(p, "resolve", Json::object());
    }));
    routes.push_back(signed_in("POST", t + "/rate", dir, o, [](PortalRequest& p) {
        std::string rating = form_value(p.req, "rating");
        if (rating != "good" && rating != "bad")
            throw Failure(kUsage, p.frame.german ? "Bitte wählen Sie Gut oder Schlecht."
                                                 : "Please choose good or bad.");
        Json payload = {{"rating", rating}};
        std::string reason = trim(form_value(p.req, "reason"));
        if (!reason.empty() && is_valid_utf8(reason)) payload["reason"] = reason;
        return change(p, "rate", payload);
    }));
    routes.push_back(signed_in("POST", t + "/escalate", dir, o, [](PortalRequest& p) {
        return change(p, "escalate", {{"reason", required_text(p, "reason")}});
    }));
    routes.push_back(signed_in("POST", t + "/status", dir, o, [](PortalRequest& p) {
        return change(p, "status", {{"status", required_text(p, "status")}});
    }));
    routes.push_back(signed_in("GET", "/new", dir, o, [](PortalRequest& p) {
        PortalSettings s = portal_settings(p.repo);
        return new_form(p, NewRequestView{}, s);
    }));
    routes.push_back(signed_in("POST", "/new", dir, o, create));
}

} // namespace tickets
