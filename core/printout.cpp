#include "core/printout.hpp"
#include "core/text.hpp"

#include <algorithm>
#include <fmt/format.h>

namespace tickets {

namespace {

// Backslash-escapes what CommonMark (and GitHub's tables and strike-through)
// would read as markup, so that a text reads as written: inline markers
// anywhere, and at the start of a line (`lines`: the text is a block of
// lines, not a value inside one) the markers of headings, lists and quotes,
// "1." included. Before punctuation a backslash is always a literal.
std::string markdown_text(std::string_view raw, bool lines = false) {
    const std::string_view inline_markup = "\\`*_[]<>|~&";
    const std::string_view line_markup = "#+-=>";
    // CommonMark ends a line at CR too: line ends become "\n" in a block of
    // lines, spaces in a value that must stay on its line.
    std::string normal;
    for (size_t i = 0; i < raw.size(); ++i) {
        bool end = raw[i] == '\n' || raw[i] == '\r';
        if (raw[i] == '\r' && i + 1 < raw.size() && raw[i + 1] == '\n') ++i;
        normal += end ? (lines ? '\n' : ' ') : raw[i];
    }
    std::string_view text = normal;
    std::string out;
    size_t line = 0; // where the current line's text starts, after indentation
    for (size_t i = 0; i < text.size(); ++i) {
        char c = text[i];
        if (lines && c == ' ' && i == line) ++line;
        bool escape = inline_markup.find(c) != std::string_view::npos;
        if (lines && i == line && line_markup.find(c) != std::string_view::npos) escape = true;
        if (lines && (c == '.' || c == ')') && i > line &&
            std::all_of(text.begin() + static_cast<std::ptrdiff_t>(line),
                        text.begin() + static_cast<std::ptrdiff_t>(i),
                        [](char d) { return d >= '0' && d <= '9'; }))
            escape = true;
        if (escape) out += '\\';
        out += c;
        if (c == '\n') line = i + 1;
    }
    return out;
}

std::string title(const Printout& p) {
    return fmt::format("{} #{}: {}", printout_label("ticket", p.language), p.number, p.subject);
}

} // namespace

std::string printout_label(std::string_view key, std::string_view language) {
    static const struct {
        const char *key, *de, *en;
    } kLabels[] = {
        {"ticket", "Ticket", "Ticket"},
        {"status", "Status", "Status"},
        {"type", "Anfragetyp", "Type"},
        {"priority", "Priorität", "Priority"},
        {"requester", "Anfragender", "Requester"},
        {"cc", "CC", "CC"},
        {"assignee", "Bearbeiter", "Assignee"},
        {"group", "Gruppe", "Group"},
        {"product", "Produkt", "Product"},
        {"topic", "Thema", "Topic"},
        {"category", "Kategorie", "Category"},
        {"property", "Liegenschaft", "Property"},
        {"tags", "Schlagworte", "Tags"},
        {"created", "Erstellt", "Created"},
        {"updated", "Geändert", "Updated"},
        {"due", "Fällig", "Due"},
        {"solved", "Gelöst", "Solved"},
        {"closed", "Geschlossen", "Closed"},
        {"description", "Beschreibung", "Description"},
        {"public", "öffentlich", "public"},
        {"internal", "interne Notiz", "internal note"},
        {"solution", "Lösung", "solution"},
        {"escalation", "Eskalation", "escalation"},
        {"attachment", "Anhänge", "attachments"},
        {"attachments", "Anhänge", "Attachments"},
        {"page", "Seite", "Page"},
    };
    for (const auto& l : kLabels)
        if (key == l.key) return language == "en" ? l.en : l.de;
    return std::string(key);
}

std::string printout_markdown(const std::vector<Printout>& tickets) {
    std::string out;
    for (const auto& p : tickets) {
        if (!out.empty()) out += "\n---\n\n";
        out += "# " + markdown_text(title(p)) + "\n\n";
        for (const auto& [label, value] : p.fields)
            out += fmt::format("- **{}:** {}\n", markdown_text(label), markdown_text(value));
        for (const auto& e : p.entries) {
            out += fmt::format("\n## {} ({})\n\n", markdown_text(e.heading), markdown_text(e.kind));
            if (!e.body.empty()) {
                // Each line its own, as written: a hard break at every line
                // end but the last ones (a trailing break would show).
                std::string body = markdown_text(e.body, true);
                while (!body.empty() && body.back() == '\n') body.pop_back();
                std::string broken;
                for (char c : body) broken += c == '\n' ? std::string("\\\n") : std::string(1, c);
                out += broken + "\n";
            }
            if (!e.attachments.empty()) {
                out += fmt::format("\n*{}:*\n\n",
                                   markdown_text(printout_label("attachments", p.language)));
                for (const auto& a : e.attachments) out += "- " + markdown_text(a) + "\n";
            }
        }
    }
    return out;
}

std::string printout_html(const std::vector<Printout>& tickets) {
    std::string language = tickets.empty() ? "de" : tickets.front().language;
    std::string out = fmt::format(
        "<!DOCTYPE html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n"
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        "<title>{}</title>\n<style>\n"
        "body {{ font-family: sans-serif; max-width: 50em; margin: 1em auto; padding: 0 1em; "
        "color: #111; background: #fff; }}\n"
        "dl {{ display: grid; grid-template-columns: max-content auto; gap: 0.2em 1em; }}\n"
        "dt {{ font-weight: bold; }} dd {{ margin: 0; }}\n"
        "section {{ border-top: 1px solid #888; margin-top: 1em; }}\n"
        "section.internal {{ background: #fff4d6; }}\n"
        ".body {{ white-space: pre-wrap; overflow-wrap: anywhere; }}\n"
        "</style>\n</head>\n<body>\n",
        html_escape(language),
        html_escape(tickets.size() == 1 ? title(tickets.front())
                                        : printout_label("ticket", language)));
    for (const auto& p : tickets) {
        out += fmt::format("<article>\n<h1>{}</h1>\n<dl>\n", html_escape(title(p)));
        for (const auto& [label, value] : p.fields)
            out += fmt::format("<dt>{}</dt><dd>{}</dd>\n", html_escape(label), html_escape(value));
        out += "</dl>\n";
        for (const auto& e : p.entries) {
            out += fmt::format("<section{}>\n<h2>{} <small>({})</small></h2>\n",
                               e.internal ? " class=\"internal\"" : "", html_escape(e.heading),
                               html_escape(e.kind));
            if (!e.body.empty()) out += "<p class=\"body\">" + html_escape(e.body) + "</p>\n";
            if (!e.attachments.empty()) {
                out += fmt::format("<p>{}:</p>\n<ul>\n",
                                   html_escape(printout_label("attachments", p.language)));
                for (const auto& a : e.attachments) out += "<li>" + html_escape(a) + "</li>\n";
                out += "</ul>\n";
            }
            out += "</section>\n";
        }
        out += "</article>\n";
    }
    return out + "</body>\n</html>\n";
}

Json printout_json(const std::vector<Printout>& tickets) {
    Json out = Json::array();
    for (const auto& p : tickets) {
        Json fields = Json::array();
        for (const auto& [label, value] : p.fields) fields.push_back({label, value});
        Json entries = Json::array();
        for (const auto& e : p.entries)
            entries.push_back({{"heading", e.heading},
                               {"kind", e.kind},
                               {"internal", e.internal},
                               {"body", e.body},
                               {"attachments", e.attachments}});
        out.push_back({{"title", title(p)},
                       {"number", p.number},
                       {"page_label", printout_label("page", p.language)},
                       {"attachments_label", printout_label("attachments", p.language)},
                       {"fields", fields},
                       {"entries", entries}});
    }
    return out;
}

} // namespace tickets
