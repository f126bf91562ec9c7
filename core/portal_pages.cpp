#include "core/portal_pages.hpp"

#include "core/names.hpp"
#include "core/text.hpp"

#include <algorithm>
#include <fmt/format.h>
#include <map>

namespace tickets {

namespace {

std::string h(std::string_view s) {
    return html_escape(s);
}

struct Label {
    const char* de;
    const char* en;
};

const std::map<std::string, Label>& labels() {
    static const std::map<std::string, Label> l = {
        {"service", {"Kundenportal", "Customer portal"}},
        {"skip", {"Zum Inhalt", "Skip to content"}},
        {"sign_in", {"Anmelden", "Sign in"}},
        {"sign_out", {"Abmelden", "Sign out"}},
        {"email", {"E-Mail-Adresse", "Email address"}},
        {"send_link", {"Anmeldelink senden", "Send sign-in link"}},
        {"sign_in_intro",
         {"Geben Sie Ihre E-Mail-Adresse ein. Wir senden Ihnen einen Link, mit dem Sie sich "
          "anmelden; er gilt 15 Minuten und einmal.",
          "Enter your email address. We will send you a link that signs you in; it is valid "
          "for 15 minutes, once."}},
        {"link_sent", {"Link unterwegs", "Link on its way"}},
        {"link_sent_text",
         {"Wenn die Adresse bei uns registriert ist, erhalten Sie in wenigen Minuten eine "
          "E-Mail mit dem Anmeldelink.",
          "If the address is registered with us, you will receive an email with the sign-in "
          "link within a few minutes."}},
        {"confirm_sign_in", {"Anmeldung bestätigen", "Confirm sign-in"}},
        {"confirm_text",
         {"Klicken Sie auf die Schaltfläche, um sich anzumelden.", "Press the button to sign in."}},
        {"signs_in_as", {"Dieser Link meldet Sie an als", "This link signs you in as"}},
        {"link_invalid",
         {"Der Link ist ungültig, abgelaufen oder schon benutzt. Fordern Sie einen neuen an.",
          "The link is invalid, expired or used. Ask for a new one."}},
        {"requests", {"Anfragen", "Requests"}},
        {"view_all", {"Alle", "All"}},
        {"view_mine", {"Meine Anfragen", "My requests"}},
        {"view_cc", {"In Kopie", "CC"}},
        {"view_org", {"Meine Organisation", "My organisation"}},
        {"view_assigned", {"Mir zugewiesen", "Assigned to me"}},
        {"search", {"Suchen", "Search"}},
        {"search_hint",
         {"Suchbegriffe oder Filter wie status:open", "Words or filters such as status:open"}},
        {"number", {"Nummer", "Number"}},
        {"subject", {"Betreff", "Subject"}},
        {"status", {"Status", "Status"}},
        {"updated", {"Aktualisiert", "Updated"}},
        {"created", {"Erstellt", "Created"}},
        {"requester", {"Anfragende Person", "Requester"}},
        {"none_found", {"Keine Anfragen gefunden.", "No requests found."}},
        {"more",
         {"Weitere Anfragen: grenzen Sie die Suche ein.", "More requests: narrow the search."}},
        {"new_request", {"Neue Anfrage", "New request"}},
        {"type", {"Anfragetyp", "Request type"}},
        {"priority", {"Priorität", "Priority"}},
        {"product", {"Produkt", "Product"}},
        {"topic", {"Thema", "Topic"}},
        {"category", {"Kategorie", "Category"}},
        {"property", {"Objekt", "Property"}},
        {"cc",
         {"Kopie an (E-Mail-Adressen, durch Komma getrennt)",
          "CC (email addresses, separated by commas)"}},
        {"description", {"Beschreibung", "Description"}},
        {"attachments", {"Anhänge", "Attachments"}},
        {"workflow", {"Bereich", "Area"}},
        {"workflow_support", {"Support", "Support"}},
        {"workflow_property", {"Objektverwaltung", "Property management"}},
        {"visibility", {"Sichtbarkeit", "Visibility"}},
        {"private", {"Privat (nur Sie und die Verwaltung)", "Private (you and management only)"}},
        {"public",
         {"Öffentlich (alle Bewohner des Objekts)", "Public (all residents of the property)"}},
        {"anonymous", {"Anonym stellen", "Ask anonymously"}},
        {"submit_request", {"Anfrage senden", "Send request"}},
        {"required", {"Pflichtfeld", "required"}},
        {"correspondence", {"Verlauf", "Correspondence"}},
        {"reply", {"Antworten", "Reply"}},
        {"send_reply", {"Antwort senden", "Send reply"}},
        {"your_reply", {"Ihre Antwort", "Your reply"}},
        {"solve", {"Als gelöst markieren", "Mark as solved"}},
        {"solve_text",
         {"Ist Ihr Anliegen erledigt? Dann markieren Sie die Anfrage als gelöst.",
          "Is your request settled? Then mark it as solved."}},
        {"rate", {"Lösung bewerten", "Rate the solution"}},
        {"good", {"Gut", "Good"}},
        {"bad", {"Schlecht", "Bad"}},
        {"reason_optional", {"Begründung (freiwillig)", "Reason (optional)"}},
        {"send_rating", {"Bewertung senden", "Send rating"}},
        {"rated", {"Ihre Bewertung", "Your rating"}},
        {"escalate", {"Eskalieren", "Escalate"}},
        {"escalation_reason", {"Grund der Eskalation", "Reason for the escalation"}},
        {"move_to", {"Status setzen", "Set status"}},
        {"kind_description", {"Beschreibung", "Description"}},
        {"kind_comment", {"Antwort", "Reply"}},
        {"kind_note", {"Interne Notiz", "Internal note"}},
        {"kind_solution", {"Lösung", "Solution"}},
        {"kind_escalation", {"Eskalation", "Escalation"}},
        {"help", {"Hilfe", "Help"}},
        {"help_centre", {"Hilfe-Center", "Help centre"}},
        {"suggested",
         {"Vielleicht hilft Ihnen einer dieser Artikel:", "One of these articles may help:"}},
        {"suggest", {"Passende Artikel suchen", "Find matching articles"}},
        {"no_articles", {"Keine Artikel gefunden.", "No articles found."}},
        {"section", {"Rubrik", "Section"}},
        {"language", {"Sprache", "Language"}},
        {"rating", {"Bewertung", "Rating"}},
        {"back", {"Zurück zur Übersicht", "Back to the list"}},
        {"organisation", {"Organisation", "Organisation"}},
    };
    return l;
}

std::string page(const PageFrame& f, const std::string& title, const std::string& main) {
    std::string nav;
    if (!f.user.empty())
        nav = fmt::format(
            "<nav aria-label=\"{nav}\"><a href=\"/\">{requests}</a> <a href=\"/new\">{new}</a> "
            "<a href=\"/help\">{help}</a> <span class=\"who\">{user}</span> "
            "<form method=\"post\" action=\"/logout\" class=\"inline\">"
            "<input type=\"hidden\" name=\"csrf\" value=\"{csrf}\">"
            "<button type=\"submit\">{out}</button></form></nav>",
            fmt::arg("nav", f.german ? "Navigation" : "Navigation"),
            fmt::arg("requests", h(portal_label(f, "requests"))),
            fmt::arg("new", h(portal_label(f, "new_request"))),
            fmt::arg("help", h(portal_label(f, "help"))), fmt::arg("user", h(f.user)),
            fmt::arg("csrf", h(f.csrf)), fmt::arg("out", h(portal_label(f, "sign_out"))));
    std::string other = f.german ? "en" : "de";
    std::string notices;
    if (!f.notice.empty())
        notices += fmt::format("<p class=\"notice\" role=\"status\">{}</p>", h(f.notice));
    if (!f.error.empty())
        notices += fmt::format("<p class=\"error\" role=\"alert\">{}</p>", h(f.error));
    return fmt::format(
        "<!DOCTYPE html>\n<html lang=\"{lang}\"><head><meta charset=\"utf-8\">"
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
        "<title>{title} – {service}</title><link rel=\"stylesheet\" href=\"/static/portal.css\">"
        "</head><body><a class=\"skip\" href=\"#main\">{skip}</a><header><a class=\"brand\" "
        "href=\"/\">{service}</a>{nav}<a class=\"lang\" href=\"{path}?lang={other}\" "
        "hreflang=\"{other}\" lang=\"{other}\">{other_name}</a></header>"
        "<main id=\"main\">{notices}<h1>{title}</h1>{main}</main></body></html>\n",
        fmt::arg("lang", f.german ? "de" : "en"), fmt::arg("title", h(title)),
        fmt::arg("service", h(portal_label(f, "service"))),
        fmt::arg("skip", h(portal_label(f, "skip"))), fmt::arg("nav", nav),
        fmt::arg("path", h(f.path.empty() ? "/" : f.path)), fmt::arg("other", other),
        fmt::arg("other_name", f.german ? "English" : "Deutsch"), fmt::arg("notices", notices),
        fmt::arg("main", main));
}

std::string csrf_field(const PageFrame& f) {
    return fmt::format("<input type=\"hidden\" name=\"csrf\" value=\"{}\">", h(f.csrf));
}

std::string status_label(const PageFrame& f, const std::string& status) {
    if (!f.german) return status;
    std::string g = german_status(status);
    return g.empty() ? status : g;
}

std::string text_field(const PageFrame& f, const std::string& name, const std::string& value,
                       bool required, const char* type = "text") {
    return fmt::format(
        "<p><label for=\"{name}\">{label}{req}</label>"
        "<input id=\"{name}\" name=\"{name}\" type=\"{type}\" value=\"{value}\"{r}>"
        "</p>",
        fmt::arg("name", name), fmt::arg("label", h(portal_label(f, name))),
        fmt::arg("req", required ? fmt::format(" ({})", h(portal_label(f, "required"))) : ""),
        fmt::arg("type", type), fmt::arg("value", h(value)),
        fmt::arg("r", required ? " required" : ""));
}

std::string file_field(const PageFrame& f, const std::string& rule) {
    return fmt::format("<p><label for=\"files\">{}</label><input id=\"files\" name=\"files\" "
                       "type=\"file\" multiple><small>{}</small></p>",
                       h(portal_label(f, "attachments")), h(rule));
}

std::string articles_list(const std::vector<KbArticleSummary>& articles) {
    std::string out = "<ul class=\"articles\">";
    for (const auto& a : articles)
        out += fmt::format("<li><a href=\"/help/{}\">{}</a><br><small>{}</small></li>", h(a.id),
                           h(a.title), h(a.excerpt));
    return out + "</ul>";
}

} // namespace

std::string portal_label(const PageFrame& f, const std::string& key) {
    auto it = labels().find(key);
    if (it == labels().end()) return key;
    return f.german ? it->second.de : it->second.en;
}

std::string sign_in_page(const PageFrame& f, const std::string& next) {
    std::string main = fmt::format(
        "<p>{intro}</p><form method=\"post\" action=\"/login\">{csrf}"
        "<input type=\"hidden\" name=\"next\" value=\"{next}\">"
        "<p><label for=\"email\">{email}</label><input id=\"email\" name=\"email\" "
        "type=\"email\" autocomplete=\"email\" required></p>"
        "<p><button type=\"submit\">{send}</button></p></form>",
        fmt::arg("intro", h(portal_label(f, "sign_in_intro"))), fmt::arg("csrf", csrf_field(f)),
        fmt::arg("next", h(next)), fmt::arg("email", h(portal_label(f, "email"))),
        fmt::arg("send", h(portal_label(f, "send_link"))));
    return page(f, portal_label(f, "sign_in"), main);
}

std::string link_sent_page(const PageFrame& f) {
    return page(f, portal_label(f, "link_sent"),
                fmt::format("<p>{}</p>", h(portal_label(f, "link_sent_text"))));
}

std::string confirm_sign_in_page(const PageFrame& f, const std::string& token,
                                 const std::string& next, const std::string& address) {
    if (address.empty())
        return page(f, portal_label(f, "confirm_sign_in"),
                    fmt::format("<p>{}</p><p><a href=\"/login\">{}</a></p>",
                                h(portal_label(f, "link_invalid")), h(portal_label(f, "sign_in"))));
    std::string main = fmt::format(
        "<p>{as} <strong>{address}</strong></p><p>{text}</p><form method=\"post\" "
        "action=\"/login/{token}\">{csrf}"
        "<input type=\"hidden\" name=\"next\" value=\"{next}\">"
        "<p><button type=\"submit\" id=\"confirm\">{button}</button></p></form>",
        fmt::arg("as", h(portal_label(f, "signs_in_as"))), fmt::arg("address", h(address)),
        fmt::arg("text", h(portal_label(f, "confirm_text"))), fmt::arg("token", h(token)),
        fmt::arg("csrf", csrf_field(f)), fmt::arg("next", h(next)),
        fmt::arg("button", h(portal_label(f, "sign_in"))));
    return page(f, portal_label(f, "confirm_sign_in"), main);
}

std::string message_page(const PageFrame& f, const std::string& title, const std::string& text) {
    return page(
        f, title,
        fmt::format("<p>{}</p><p><a href=\"/\">{}</a></p>", h(text), h(portal_label(f, "back"))));
}

std::string list_page(const PageFrame& f, const ListView& v) {
    std::string main = "<p><a class=\"button\" href=\"/new\">" + h(portal_label(f, "new_request")) +
                       "</a></p><ul class=\"tabs\">";
    for (const auto& view : v.views)
        main += fmt::format("<li><a href=\"/?view={0}\"{1}>{2}</a></li>", h(view),
                            view == v.view ? " aria-current=\"page\"" : "",
                            h(portal_label(f, "view_" + view)));
    main +=
        fmt::format("</ul><form method=\"get\" action=\"/\" role=\"search\">"
                    "<input type=\"hidden\" name=\"view\" value=\"{view}\">"
                    "<label for=\"q\">{search}</label><input id=\"q\" name=\"q\" "
                    "type=\"search\" value=\"{q}\" placeholder=\"{hint}\">"
                    "<button type=\"submit\">{search}</button></form>",
                    fmt::arg("view", h(v.view)), fmt::arg("search", h(portal_label(f, "search"))),
                    fmt::arg("q", h(v.query)), fmt::arg("hint", h(portal_label(f, "search_hint"))));
    if (v.rows.empty()) {
        main += fmt::format("<p class=\"empty\">{}</p>", h(portal_label(f, "none_found")));
    } else {
        main +=
            fmt::format("<table class=\"requests\"><thead><tr><th scope=\"col\">{}</th>"
                        "<th scope=\"col\">{}</th><th scope=\"col\">{}</th>"
                        "<th scope=\"col\">{}</th><th scope=\"col\">{}</th></tr></thead><tbody>",
                        h(portal_label(f, "number")), h(portal_label(f, "subject")),
                        h(portal_label(f, "status")), h(portal_label(f, "requester")),
                        h(portal_label(f, "updated")));
        for (const auto& r : v.rows)
            main += fmt::format(
                "<tr><td>#{short_id}</td><td><a href=\"/t/{id}\">{subject}</a></td>"
                "<td>{status}</td><td>{requester}</td><td>{updated}</td></tr>",
                fmt::arg("short_id", h(r.id.substr(0, 7))), fmt::arg("id", h(r.id)),
                fmt::arg("subject", h(r.subject)), fmt::arg("status", h(status_label(f, r.status))),
                fmt::arg("requester", h(r.requester)), fmt::arg("updated", h(r.updated)));
        main += "</tbody></table>";
        if (v.more) main += fmt::format("<p>{}</p>", h(portal_label(f, "more")));
    }
    return page(f, portal_label(f, "requests"), main);
}

std::string ticket_page(const PageFrame& f, const TicketView& v) {
    std::string base = "/t/" + v.id;
    std::string main = "<dl class=\"fields\">";
    main +=
        fmt::format("<dt>{}</dt><dd>#{}</dd>", h(portal_label(f, "number")), h(v.id.substr(0, 7)));
    main += fmt::format("<dt>{}</dt><dd class=\"status\">{}</dd>", h(portal_label(f, "status")),
                        h(status_label(f, v.status)));
    for (const auto& [key, value] : v.fields)
        if (!value.empty())
            main += fmt::format("<dt>{}</dt><dd>{}</dd>", h(portal_label(f, key)), h(value));
    main += "</dl><h2>" + h(portal_label(f, "correspondence")) + "</h2><ol class=\"messages\">";
    for (const auto& m : v.messages) {
        main +=
            fmt::format("<li class=\"message\"><p class=\"meta\"><strong>{}</strong>{} · {} · "
                        "<time>{}</time></p><div class=\"body\">{}</div>",
                        h(m.author), m.organisation.empty() ? "" : " (" + h(m.organisation) + ")",
                        h(portal_label(f, "kind_" + m.kind)), h(m.time), h(m.body));
        if (!m.files.empty()) {
            main += "<ul class=\"files\">";
            for (const auto& file : m.files)
                main += fmt::format("<li><a href=\"{}\" download>{}</a> ({} KB)</li>", h(file.href),
                                    h(file.name), (file.size + 1023) / 1024);
            main += "</ul>";
        }
        main += "</li>";
    }
    main += "</ol>";
    if (v.can_reply)
        main += fmt::format(
            "<h2>{reply}</h2><form method=\"post\" action=\"{base}/reply\" "
            "enctype=\"multipart/form-data\">{csrf}<p><label for=\"body\">{your}</label>"
            "<textarea id=\"body\" name=\"body\" rows=\"6\" required></textarea></p>{files}"
            "<p><button type=\"submit\">{send}</button></p></form>",
            fmt::arg("reply", h(portal_label(f, "reply"))), fmt::arg("base", h(base)),
            fmt::arg("csrf", csrf_field(f)), fmt::arg("your", h(portal_label(f, "your_reply"))),
            fmt::arg("files", file_field(f, v.attachment_rule)),
            fmt::arg("send", h(portal_label(f, "send_reply"))));
    for (const auto& to : v.status_moves)
        main += fmt::format("<form method=\"post\" action=\"{}/status\" class=\"inline\">{}"
                            "<input type=\"hidden\" name=\"status\" value=\"{}\">"
                            "<button type=\"submit\">{}: {}</button></form>",
                            h(base), csrf_field(f), h(to), h(portal_label(f, "move_to")),
                            h(status_label(f, to)));
    if (v.can_solve)
        main += fmt::format("<h2>{solve}</h2><p>{text}</p><form method=\"post\" "
                            "action=\"{base}/solve\">{csrf}<p><button type=\"submit\" "
                            "id=\"solve\">{solve}</button></p></form>",
                            fmt::arg("solve", h(portal_label(f, "solve"))),
                            fmt::arg("text", h(portal_label(f, "solve_text"))),
                            fmt::arg("base", h(base)), fmt::arg("csrf", csrf_field(f)));
    if (!v.rating.empty())
        main += fmt::format("<p class=\"rating\">{}: {}</p>", h(portal_label(f, "rated")),
                            h(portal_label(f, v.rating)));
    if (v.can_rate) {
        auto choice = [&](const char* value) {
            return fmt::format("<label><input type=\"radio\" name=\"rating\" value=\"{0}\"{1} "
                               "required> {2}</label> ",
                               value, v.rate_choice == value ? " checked" : "",
                               h(portal_label(f, value)));
        };
        main +=
            fmt::format("<h2 id=\"rate\">{rate}</h2><form method=\"post\" "
                        "action=\"{base}/rate\">{csrf}<fieldset><legend>{rate}</legend>{good}{bad}"
                        "</fieldset><p><label for=\"reason\">{reason}</label><textarea "
                        "id=\"reason\" name=\"reason\" rows=\"3\"></textarea></p><p><button "
                        "type=\"submit\" id=\"send-rating\">{send}</button></p></form>",
                        fmt::arg("rate", h(portal_label(f, "rate"))), fmt::arg("base", h(base)),
                        fmt::arg("csrf", csrf_field(f)), fmt::arg("good", choice("good")),
                        fmt::arg("bad", choice("bad")),
                        fmt::arg("reason", h(portal_label(f, "reason_optional"))),
                        fmt::arg("send", h(portal_label(f, "send_rating"))));
    }
    if (v.can_escalate)
        main += fmt::format(
            "<h2>{esc}</h2><form method=\"post\" action=\"{base}/escalate\">{csrf}"
            "<p><label for=\"escalation\">{reason} ({req})</label><textarea id=\"escalation\" "
            "name=\"reason\" rows=\"3\" required></textarea></p><p><button type=\"submit\">{esc}"
            "</button></p></form>",
            fmt::arg("esc", h(portal_label(f, "escalate"))), fmt::arg("base", h(base)),
            fmt::arg("csrf", csrf_field(f)),
            fmt::arg("reason", h(portal_label(f, "escalation_reason"))),
            fmt::arg("req", h(portal_label(f, "required"))));
    main += fmt::format("<p><a href=\"/\">{}</a></p>", h(portal_label(f, "back")));
    return page(f, v.subject, main);
}

std::string new_request_page(const PageFrame& f, const NewRequestView& v) {
    auto value = [&](const std::string& key) {
        auto it = v.values.find(key);
        return it == v.values.end() ? std::string() : it->second;
    };
    auto required = [&](const std::string& key) {
        return std::find(v.required.begin(), v.required.end(), key) != v.required.end();
    };
    std::string main =
        "<form method=\"post\" action=\"/new\" enctype=\"multipart/form-data\">" + csrf_field(f);
    if (v.workflows.size() > 1) {
        main += fmt::format("<p><label for=\"workflow\">{}</label><select id=\"workflow\" "
                            "name=\"workflow\">",
                            h(portal_label(f, "workflow")));
        for (const auto& w : v.workflows)
            main += fmt::format("<option value=\"{}\"{}>{}</option>", h(w),
                                value("workflow") == w ? " selected" : "",
                                h(portal_label(f, "workflow_" + w)));
        main += "</select></p>";
    }
    main += fmt::format("<p><label for=\"type\">{}</label><select id=\"type\" name=\"type\">",
                        h(portal_label(f, "type")));
    for (const auto& t : v.types)
        main +=
            fmt::format("<option value=\"{}\"{}>{}</option>", h(t),
                        value("type") == t ? " selected" : "", h(f.german ? german_type(t) : t));
    main += "</select></p>";
    main += text_field(f, "subject", value("subject"), true);
    // Filled here after "find matching articles", and while the subject is
    // typed by /static/portal.js from /help/suggest.
    main += fmt::format("<section id=\"suggestions\" class=\"suggestions\" aria-live=\"polite\" "
                        "data-label=\"{}\">{}</section>",
                        h(portal_label(f, "suggested")),
                        v.suggestions.empty() ? ""
                                              : "<p>" + h(portal_label(f, "suggested")) + "</p>" +
                                                    articles_list(v.suggestions));
    main += fmt::format("<p><button type=\"submit\" name=\"suggest\" value=\"1\" "
                        "formnovalidate class=\"secondary\">{}</button></p>",
                        h(portal_label(f, "suggest")));
    for (const char* key : {"product", "topic", "category", "property"})
        main += text_field(f, key, value(key), required(key));
    main += text_field(f, "cc", value("cc"), required("cc"));
    main += fmt::format("<p><label for=\"description\">{} ({})</label><textarea id=\"description\" "
                        "name=\"description\" rows=\"8\" required>{}</textarea></p>",
                        h(portal_label(f, "description")), h(portal_label(f, "required")),
                        h(value("description")));
    if (v.resident)
        main += fmt::format(
            "<fieldset><legend>{vis}</legend><label><input type=\"radio\" name=\"visibility\" "
            "value=\"private\"{p}> {private}</label><br><label><input type=\"radio\" "
            "name=\"visibility\" value=\"public\"{pub}> {public}</label></fieldset>"
            "<p><label><input type=\"checkbox\" name=\"anonymous\" value=\"1\"{anon}> {anonymous}"
            "</label></p>",
            fmt::arg("vis", h(portal_label(f, "visibility"))),
            fmt::arg("p", value("visibility") == "public" ? "" : " checked"),
            fmt::arg("private", h(portal_label(f, "private"))),
            fmt::arg("pub", value("visibility") == "public" ? " checked" : ""),
            fmt::arg("public", h(portal_label(f, "public"))),
            fmt::arg("anon", value("anonymous").empty() ? "" : " checked"),
            fmt::arg("anonymous", h(portal_label(f, "anonymous"))));
    main += file_field(f, v.attachment_rule);
    main += fmt::format("<p><button type=\"submit\" id=\"submit\">{}</button></p></form>"
                        "<script src=\"/static/portal.js\" defer></script>",
                        h(portal_label(f, "submit_request")));
    return page(f, portal_label(f, "new_request"), main);
}

std::string help_page(const PageFrame& f, const HelpView& v) {
    std::string main = fmt::format(
        "<form method=\"get\" action=\"/help\" role=\"search\"><label for=\"q\">{search}</label>"
        "<input id=\"q\" name=\"q\" type=\"search\" value=\"{q}\"><button type=\"submit\">"
        "{search}</button></form>",
        fmt::arg("search", h(portal_label(f, "search"))), fmt::arg("q", h(v.query)));
    if (v.articles.empty())
        main += fmt::format("<p class=\"empty\">{}</p>", h(portal_label(f, "no_articles")));
    else
        main += articles_list(v.articles);
    return page(f, portal_label(f, "help_centre"), main);
}

std::string article_page(const PageFrame& f, const KbArticleSummary& a, const std::string& html) {
    std::string meta;
    for (const auto& [key, value] :
         {std::pair<const char*, std::string>{"section", a.section}, {"product", a.product}})
        if (!value.empty())
            meta += fmt::format("<dt>{}</dt><dd>{}</dd>", h(portal_label(f, key)), h(value));
    // `html` is the Markdown library's output for the article, rendered
    // without raw HTML (web/markdown.cpp).
    return page(f, a.title,
                (meta.empty() ? "" : "<dl class=\"fields\">" + meta + "</dl>") +
                    "<article class=\"kb\">" + html + "</article><p><a href=\"/help\">" +
                    h(portal_label(f, "help_centre")) + "</a></p>");
}

const std::string& portal_js() {
    // Suggestions while the subject is typed: the only script of the pages,
    // and the form works without it. Text goes in as textContent, never as HTML.
    static const std::string js = R"js((function () {
  var subject = document.getElementById("subject");
  var box = document.getElementById("suggestions");
  if (!subject || !box || !window.fetch) return;
  var timer;
  subject.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(function () {
      var q = subject.value.trim();
      if (q.length < 3) { box.replaceChildren(); return; }
      fetch("/help/suggest?q=" + encodeURIComponent(q), { credentials: "same-origin" })
        .then(function (r) { return r.ok ? r.json() : []; })
        .then(function (articles) {
          box.replaceChildren();
          if (!articles.length) return;
          var p = document.createElement("p");
          p.textContent = box.dataset.label;
          var list = document.createElement("ul");
          list.className = "articles";
          articles.forEach(function (a) {
            var item = document.createElement("li");
            var link = document.createElement("a");
            link.href = "/help/" + a.id;
            link.textContent = a.title;
            item.appendChild(link);
            list.appendChild(item);
          });
          box.appendChild(p);
          box.appendChild(list);
        })
        .catch(function () {});
    }, 250);
  });
})();
)js";
    return js;
}

const std::string& portal_css() {
    static const std::string css = R"css(
:root { --ink: #1b1f24; --muted: #4a5360; --line: #c9ced6; --accent: #0b5cad; --bg: #ffffff;
        --soft: #f2f4f7; --bad: #a4161a; --good: #1e6b30; }
* { box-sizing: border-box; }
body { margin: 0; font: 16px/1.5 system-ui, sans-serif; color: var(--ink); background: var(--bg); }
header { display: flex; flex-wrap: wrap; gap: .75rem; align-items: center; padding: .75rem 1rem;
         border-bottom: 1px solid var(--line); background: var(--soft); }
header nav { display: flex; flex-wrap: wrap; gap: .75rem; align-items: center; flex: 1; }
.brand { font-weight: 700; color: var(--ink); text-decoration: none; }
.who { color: var(--muted); }
main { max-width: 60rem; margin: 0 auto; padding: 1rem; }
a { color: var(--accent); }
a:focus, button:focus, input:focus, textarea:focus, select:focus { outline: 3px solid #f0a000;
         outline-offset: 1px; }
.skip { position: absolute; left: -999px; }
.skip:focus { left: 1rem; top: 1rem; background: #fff; padding: .5rem; }
label { display: block; font-weight: 600; }
fieldset label { display: inline; font-weight: 400; }
input[type=text], input[type=email], input[type=search], textarea, select { width: 100%;
         max-width: 40rem; padding: .5rem; font: inherit; border: 1px solid var(--muted);
         border-radius: 4px; }
button, .button { display: inline-block; padding: .5rem 1rem; font: inherit; color: #fff;
         background: var(--accent); border: 0; border-radius: 4px; text-decoration: none;
         cursor: pointer; }
button.secondary { background: var(--muted); }
form.inline { display: inline; }
.tabs { list-style: none; padding: 0; display: flex; flex-wrap: wrap; gap: .5rem; }
.tabs a[aria-current] { font-weight: 700; text-decoration: none; color: var(--ink); }
table.requests { width: 100%; border-collapse: collapse; }
table.requests th, table.requests td { text-align: left; padding: .4rem; border-bottom: 1px solid var(--line); }
@media (max-width: 40rem) { table.requests thead { display: none; }
  table.requests td { display: block; border: 0; padding: .1rem .4rem; }
  table.requests tr { display: block; border-bottom: 1px solid var(--line); padding: .4rem 0; } }
dl.fields { display: grid; grid-template-columns: max-content 1fr; gap: .25rem 1rem; }
dl.fields dt { font-weight: 600; }
dl.fields dd { margin: 0; }
ol.messages { list-style: none; padding: 0; }
li.message { border: 1px solid var(--line); border-radius: 4px; padding: .5rem 1rem; margin: .5rem 0; }
.meta { color: var(--muted); margin: 0; }
.body { white-space: pre-wrap; overflow-wrap: anywhere; }
.notice { background: #e7f3ea; color: var(--good); padding: .5rem 1rem; }
.error { background: #fbeaea; color: var(--bad); padding: .5rem 1rem; }
.suggestions { background: var(--soft); padding: .5rem 1rem; }
article.kb { overflow-wrap: anywhere; }
)css";
    return css;
}

} // namespace tickets
