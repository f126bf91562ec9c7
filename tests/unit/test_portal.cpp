// The pure parts of the web pages and the knowledge base: page text
// (core/portal_pages.hpp), the attachment policy (core/attachment_policy.hpp),
// article versions (core/kb.hpp) and the sign-in mail.
#include "core/attachment_policy.hpp"
#include "core/error.hpp"
#include "core/kb.hpp"
#include "core/portal_pages.hpp"
#include "core/sign_in_mail.hpp"

#include <doctest/doctest.h>

using namespace tickets;

namespace {

const std::string kEvil = "<script>alert(1)</script>\"'&";
const std::string kEscaped = "&lt;script&gt;alert(1)&lt;/script&gt;&quot;&#39;&amp;";

size_t count(const std::string& text, const std::string& part) {
    size_t n = 0;
    for (size_t at = text.find(part); at != std::string::npos; at = text.find(part, at + 1)) ++n;
    return n;
}

Event version(const std::string& title, Instant time, std::int64_t lamport,
              const std::string& article = "") {
    Event e;
    e.type = "article";
    e.ticket = article;
    e.author = "agent@support.example.com";
    e.time = time;
    e.lamport = lamport;
    KbArticle a;
    a.title = title;
    a.body = "Text von " + title;
    e.payload = kb_payload(a);
    return seal(e);
}

} // namespace

TEST_CASE("pages: every text the user or a ticket brings is escaped") {
    PageFrame f;
    f.user = kEvil + "@x.de";
    f.csrf = kEvil;
    f.notice = kEvil;
    TicketView v;
    v.id = std::string(64, 'a');
    v.subject = kEvil;
    v.status = "open";
    v.fields = {{"product", kEvil}};
    v.messages = {{kEvil, kEvil, "03.12.2026 10:00", "comment", kEvil, {{kEvil, "/t/x", 10}}}};
    v.can_rate = true;
    std::string page = ticket_page(f, v);
    CHECK(page.find("<script>") == std::string::npos);
    // title, heading, field, author, organisation, body, file name, notice, user, csrf fields
    CHECK(count(page, kEscaped) >= 10);
    CHECK(page.find("lang=\"de\"") != std::string::npos);
    CHECK(page.find(">Offen<") != std::string::npos); // the status in German
}

TEST_CASE("pages: English labels, the rating form preselected, no forms one may not use") {
    PageFrame f;
    f.german = false;
    f.user = "kunde@firma.de";
    TicketView v;
    v.id = std::string(64, 'b');
    v.subject = "Printer";
    v.status = "solved";
    v.can_reply = false;
    v.can_rate = true;
    v.rate_choice = "bad";
    std::string page = ticket_page(f, v);
    CHECK(page.find("Rate the solution") != std::string::npos);
    CHECK(page.find("value=\"bad\" checked") != std::string::npos);
    CHECK(page.find("value=\"good\" checked") == std::string::npos);
    CHECK(page.find("/reply") == std::string::npos);
    CHECK(page.find("/solve") == std::string::npos);
    CHECK(page.find("/escalate") == std::string::npos);
}

TEST_CASE("pages: request types by their German names, sent by their own") {
    PageFrame f;
    f.user = "kunde@firma.de";
    NewRequestView v;
    v.types = {"question", "incident"};
    std::string page = new_request_page(f, v);
    CHECK(page.find("<option value=\"incident\">Störung</option>") != std::string::npos);
    f.german = false;
    CHECK(new_request_page(f, v).find("<option value=\"incident\">incident</option>") !=
          std::string::npos);
}

TEST_CASE("pages: the list's views, the search kept, an empty result said") {
    PageFrame f;
    f.user = "kunde@firma.de";
    ListView v;
    v.views = {"all", "mine", "cc"};
    v.view = "mine";
    v.query = "status:open " + kEvil;
    std::string page = list_page(f, v);
    CHECK(page.find("href=\"/?view=mine\" aria-current=\"page\"") != std::string::npos);
    CHECK(page.find("Keine Anfragen gefunden.") != std::string::npos);
    CHECK(page.find("value=\"status:open " + kEscaped + "\"") != std::string::npos);
    v.rows = {{std::string(64, 'c'), "Drucker", "pending", "01.12.2026 09:00", "kunde@firma.de"}};
    page = list_page(f, v);
    CHECK(page.find("#ccccccc") != std::string::npos);
    CHECK(page.find(">Wartend<") != std::string::npos);
}

TEST_CASE("attachment policy: parsed from the config, checked by content") {
    AttachmentPolicy p = attachment_policy({{"max_count", "4"}, {"types", "pdf, image"}});
    CHECK(p.max_count == 4);
    CHECK(p.max_bytes == 10u * 1024 * 1024);
    CHECK(describe(p, true) == "Höchstens 4 Dateien zu je bis zu 10 MB: PDF, Bilder.");
    CHECK(describe(p, false) == "At most 4 files of up to 10 MB each: PDF, images.");
    CHECK_FALSE(attachment_refusal(p, "a.pdf", "%PDF-1.4 ...", 0, true));
    CHECK_FALSE(attachment_refusal(p, "b.png", "\x89PNG\r\n\x1a\n....", 3, true));
    // The name does not count, the content does.
    CHECK(attachment_refusal(p, "c.pdf", "MZ\x90", 0, false) ==
          std::optional<std::string>("c.pdf: this kind of file is not allowed"));
    CHECK(attachment_refusal(p, "d.pdf", "%PDF-", 4, true) ==
          std::optional<std::string>("d.pdf: höchstens 4 Dateien pro Nachricht"));
    AttachmentPolicy small = attachment_policy({{"max_size", "1KB"}});
    CHECK(small.types.empty()); // any kind
    CHECK_FALSE(attachment_refusal(small, "e.txt", std::string(1024, 'x'), 0, true));
    CHECK(attachment_refusal(small, "e.txt", std::string(1025, 'x'), 0, false) ==
          std::optional<std::string>("e.txt: larger than 1 KB"));
    CHECK(attachment_policy({{"max_size", "3 MB"}}).max_bytes == 3u * 1024 * 1024);
    CHECK(describe(attachment_policy({{"max_count", "0"}}), true) == "Keine Anhänge.");
    for (const auto& [key, value] : std::vector<std::pair<std::string, std::string>>{
             {"max_count", "-1"},
             {"max_count", "101"},
             {"max_size", "10GB"},
             {"max_size", "MB"},
             {"max_size", "0"},
             {"max_size", "26MB"}, // above what an event may name
             {"types", "exe"},
             {"colour", "blau"}})
        CHECK_THROWS_AS(attachment_policy({{key, value}}), Failure);
}

TEST_CASE("kb: the newest version in the fold's order decides, the first names the article") {
    Event first = version("Heizung", 100, 1);
    Event second = version("Heizung entlüften", 200, 5, first.id);
    Event concurrent = version("Heizkörper", 150, 5, first.id); // same clock, earlier time
    CHECK_FALSE(kb_version_problem(first));
    auto a = kb_fold({second, first, concurrent});
    REQUIRE(a);
    CHECK(a->id == first.id);
    CHECK(a->title == "Heizung entlüften");
    CHECK(a->version == second.id);
    CHECK(a->created == 100);
    CHECK(a->updated == 200);
    CHECK_FALSE(kb_fold({}));
    Event untitled = version("", 300, 6, first.id);
    CHECK(kb_version_problem(untitled) == std::optional<std::string>("an article needs a title"));
    // An event's wire form round-trips, the first version without an article id.
    CHECK(event_from_json(event_to_json(first)).id == first.id);
    CHECK(event_from_json(event_to_json(second)).ticket == first.id);
}

TEST_CASE("kb: excerpts are the first words without Markdown's marks") {
    CHECK(kb_excerpt("# Titel\n\n**Fett** und `Code` [Link](http://x)", 30) ==
          "Titel Fett und Code Linkhttp://x");
    CHECK(kb_excerpt("eins zwei drei vier", 2) == "eins zwei …");
    CHECK(kb_excerpt("", 5).empty());
}

TEST_CASE("sign-in mail: the link, its language, a name from the key, not the token") {
    NotifySettings s;
    s.from = "service@support.example.com";
    MailMessage m = sign_in_message("kunde@firma.de", "https://help.example.org/login/abc",
                                    "0123456789ab", s, 0);
    CHECK(m.name == "signin-0123456789ab.eml");
    CHECK(m.to == std::vector<std::string>{"kunde@firma.de"});
    CHECK(m.subject == "Ihr Anmeldelink");
    CHECK(m.body.find("https://help.example.org/login/abc\n") != std::string::npos);
    s.language = "en";
    CHECK(sign_in_message("k@f.de", "l", "k", s, 0).subject == "Your sign-in link");
}
