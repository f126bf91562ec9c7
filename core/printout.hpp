#pragma once
// A ticket as a document for people outside the tool: pasted into a wiki or
// another tool (Markdown), a mail or a browser (HTML), the paper file
// (PDF, laid out by the helper tickets-pdf). cmd/show_printout.cpp fills it
// from a ticket; the renderers here only write text. Pure.
#include "core/event.hpp"

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace tickets {

struct Printout {
    struct Entry {
        std::string heading; // "01.07.2026 10:30 · Lena Fischer <l.fischer@x.de> (x.de)"
        std::string kind;    // "Beschreibung", "öffentlich", "interne Notiz", "Lösung" …
        bool internal = false;
        std::string body;
        std::vector<std::string> attachments; // "rechnung.pdf (application/pdf, 12.3 kB)"
    };
    std::string language = "de"; // of the labels: de or en
    std::string number;          // the ticket number mail subjects carry: "3f2a1c9e0b4d"
    std::string subject;
    std::vector<std::pair<std::string, std::string>> fields; // label, value; set ones only
    std::vector<Entry> entries; // the description first, then the correspondence in time order
};

// CommonMark: a heading per ticket and entry, the fields as a list, every
// text escaped so that it reads as written (no markup, no raw HTML).
std::string printout_markdown(const std::vector<Printout>& tickets);
// One self-contained HTML page (no scripts, no external resources), every
// text escaped.
std::string printout_html(const std::vector<Printout>& tickets);
// The printouts as JSON, as tickets-pdf reads them.
Json printout_json(const std::vector<Printout>& tickets);

// The labels of the printouts in a language ("de" or "en").
std::string printout_label(std::string_view key, std::string_view language);

} // namespace tickets
