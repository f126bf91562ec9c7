// Printouts of a ticket (core/printout.hpp): Markdown and HTML that show
// every text as written, whatever markup it holds.
#include "core/printout.hpp"

#include <doctest/doctest.h>

using namespace tickets;

namespace {

Printout sample() {
    Printout p;
    p.language = "de";
    p.number = "3f2a1c9e0b4d";
    p.subject = "Heizung *kalt* <b>";
    p.fields = {{"Status", "Offen"}, {"Anfragender", "Lena Fischer <l.fischer@x.de> (x.de)"}};
    p.entries = {{"01.07.2026 10:30 · Lena Fischer <l.fischer@x.de>",
                  "Beschreibung",
                  false,
                  "Zeile 1\n1. Punkt\n  # kein Titel\n- kein Punkt\n<script>alert(1)</script> & "
                  "[Link](http://x)",
                  {}},
                 {"02.07.2026 09:00 · agent@support.example.com",
                  "interne Notiz",
                  true,
                  "Rückruf",
                  {"rechnung.pdf (application/pdf, 12.3 kB)"}}};
    return p;
}

} // namespace

TEST_CASE("markdown: a heading per ticket and entry, every text as written") {
    std::string md = printout_markdown({sample()});
    CHECK(md.rfind("# Ticket #3f2a1c9e0b4d: Heizung \\*kalt\\* \\<b\\>\n", 0) == 0);
    CHECK(md.find("- **Anfragender:** Lena Fischer \\<l.fischer@x.de\\> (x.de)\n") !=
          std::string::npos);
    // Line by line, with the markers of lists, headings and HTML escaped.
    CHECK(md.find("Zeile 1\\\n1\\. Punkt\\\n  \\# kein Titel\\\n\\- kein Punkt\\\n"
                  "\\<script\\>alert(1)\\</script\\> \\& \\[Link\\](http://x)\n") !=
          std::string::npos);
    CHECK(md.find("*Anhänge:*\n\n- rechnung.pdf (application/pdf, 12.3 kB)\n") !=
          std::string::npos);
    CHECK(md.find("<script>") == std::string::npos);
    // Several tickets, divided by a rule.
    CHECK(printout_markdown({sample(), sample()}).find("\n---\n\n# Ticket") != std::string::npos);
}

TEST_CASE("markdown: line ends of every kind, values kept on their line") {
    Printout p = sample();
    p.subject = "Betreff\n# kein Titel";
    p.fields = {{"Produkt", "a\r\n> kein Zitat"}};
    p.entries = {{"h", "k", false, "x\r# kein Titel\r---\nC:\\", {}}};
    std::string md = printout_markdown({p});
    CHECK(md.rfind("# Ticket #3f2a1c9e0b4d: Betreff # kein Titel\n", 0) == 0); // one line
    CHECK(md.find("- **Produkt:** a \\> kein Zitat\n") != std::string::npos);
    CHECK(md.find("x\\\n\\# kein Titel\\\n\\---\\\nC:\\\\\n") != std::string::npos);
}

TEST_CASE("html: one page, every text escaped, internal notes marked") {
    std::string html = printout_html({sample()});
    CHECK(html.rfind("<!DOCTYPE html>\n<html lang=\"de\">", 0) == 0);
    CHECK(html.find("<title>Ticket #3f2a1c9e0b4d: Heizung *kalt* &lt;b&gt;</title>") !=
          std::string::npos);
    CHECK(html.find("&lt;script&gt;alert(1)&lt;/script&gt; &amp; [Link](http://x)") !=
          std::string::npos);
    CHECK(html.find("<script") == std::string::npos);
    CHECK(html.find("<section class=\"internal\">") != std::string::npos);
    CHECK(html.find("<dt>Anfragender</dt><dd>Lena Fischer &lt;l.fischer@x.de&gt; (x.de)</dd>") !=
          std::string::npos);
}

TEST_CASE("labels in German and English") {
    CHECK(printout_label("requester", "de") == "Anfragender");
    CHECK(printout_label("requester", "en") == "Requester");
    CHECK(printout_label("internal", "en") == "internal note");
    CHECK(printout_json({sample()})[0]["page_label"] == "Seite");
}
