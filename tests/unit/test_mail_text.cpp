#include "core/mail_text.hpp"

#include <doctest/doctest.h>

using namespace tickets;

TEST_CASE("ticket tokens in a subject") {
    using V = std::vector<std::string>;
    CHECK(subject_ticket_tokens("Re: [#3f2a1c9] Heizung ausgefallen") == V{"3f2a1c9"});
    CHECK(subject_ticket_tokens("AW: [#3F2A1C9D] Heizung") == V{"3f2a1c9d"});
    CHECK(subject_ticket_tokens("Heizung #3f2a1c9, bitte") == V{"3f2a1c9"});
    // Bracketed tokens first, whatever their position.
    CHECK(subject_ticket_tokens("Rechnung #2024001 zu [#3f2a1c9]") == V{"3f2a1c9", "2024001"});
    CHECK(subject_ticket_tokens("#3f2a1c").empty());   // too short
    CHECK(subject_ticket_tokens("#3f2a1c9x").empty()); // runs on into a word
    CHECK(subject_ticket_tokens("3f2a1c9 ohne #").empty());
}

TEST_CASE("ticket in the message ids of our notifications") {
    CHECK(notification_ticket_prefix("<3f2a1c9d0e1f@tickets.local>") == "3f2a1c9d0e1f");
    CHECK(notification_ticket_prefix("3f2a1c9d0e1f.0123456789abcdef.customer@tickets.local") ==
          "3f2a1c9d0e1f");
    CHECK(notification_ticket_prefix("<CAF=abc@mail.gmail.com>").empty());
    CHECK(notification_ticket_prefix("<nothex-zz@tickets.local>").empty());
    CHECK(notification_ticket_prefix("").empty());
}

TEST_CASE("HTML to text") {
    CHECK(html_to_text("<html><head><title>x</title><style>p{color:red}</style></head>"
                       "<body><p>Sehr geehrte Damen und Herren,</p><p>die Heizung f&auml;llt "
                       "aus.<br>Gr&uuml;&szlig;e</p><!-- sig --><script>alert(1)</script></body>"
                       "</html>") ==
          "Sehr geehrte Damen und Herren,\n\ndie Heizung fällt aus.\nGrüße\n");
    CHECK(html_to_text("a&nbsp;&amp;&#160;b &#x20AC;&#8364; &lt;tag&gt; &bogus; &") ==
          "a & b €€ <tag> &bogus; &\n");
    CHECK(html_to_text("<div>  viele \n\n  Leerzeichen  </div>") == "viele Leerzeichen\n");
    CHECK(html_to_text("<table><tr><td>Wohnung</td><td>3. OG</td></tr></table>") ==
          "Wohnung 3. OG\n");
    CHECK(html_to_text("").empty());
}

TEST_CASE("a machine's mail") {
    using H = std::vector<std::pair<std::string, std::string>>;
    CHECK(machine_mail("mieter@muster-hv.de", {}) == "");
    CHECK(machine_mail("mieter@muster-hv.de", H{{"Auto-Submitted", "no"}}) == "");
    CHECK(machine_mail("mieter@muster-hv.de", H{{"Auto-Submitted", "auto-replied"}}) ==
          "Auto-Submitted: auto-replied");
    CHECK(machine_mail("a@b.de", H{{"Precedence", " Bulk "}}) == "Precedence: Bulk");
    CHECK(machine_mail("a@b.de", H{{"Precedence", "first-class"}}) == "");
    CHECK(machine_mail("a@b.de", H{{"List-Id", "<mieter.example.org>"}}) != "");
    CHECK(machine_mail("a@b.de", H{{"X-Autoreply", "yes"}}) != "");
    CHECK(machine_mail("a@b.de", H{{"X-Auto-Response-Suppress", "OOF, AutoReply"}}) != "");
    CHECK(machine_mail("a@b.de", H{{"Return-Path", "<>"}}) == "Return-Path: <>");
    CHECK(machine_mail("a@b.de", H{{"Return-Path", "<a@b.de>"}}) == "");
    CHECK(machine_mail("a@b.de",
                       H{{"Content-Type", "multipart/report; report-type=delivery-status"}}) != "");
    CHECK(machine_mail("a@b.de", H{{"Content-Type", "text/plain"}}) == "");
    CHECK(machine_mail("MAILER-DAEMON@mx.example.org", {}) ==
          "the sender MAILER-DAEMON@mx.example.org is a machine");
    CHECK(machine_mail("postmaster@example.org", {}) != "");
}

TEST_CASE("quoted history is cut from a reply") {
    CHECK(without_quoted_history("Danke, geht wieder.\n\n-----Ursprüngliche Nachricht-----\n"
                                 "Von: support\nalter Text") == "Danke, geht wieder.");
    CHECK(without_quoted_history("Passt.\r\n\r\nAm 01.12.2026 um 10:00 schrieb Support "
                                 "<support@hv.example>:\r\n> Wir kommen morgen.\r\n") == "Passt.");
    CHECK(without_quoted_history("Fine.\nOn Tue, Dec 1, 2026 at 10:00 Support wrote:\n> x") ==
          "Fine.");
    CHECK(without_quoted_history("Oben.\n> zitiert\nUnten.") == "Oben.\nUnten.");
    CHECK(without_quoted_history(
              "Ok\n\nVon: Support <s@hv.example>\nGesendet: Montag\nBetreff: x") == "Ok");
    CHECK(without_quoted_history("Von: hier bis dort ist es weit.") ==
          "Von: hier bis dort ist es weit.");
    CHECK(without_quoted_history("> nur Zitat") == "> nur Zitat");
    CHECK(without_quoted_history("Am Montag schrieb ich schon einmal: bitte") ==
          "Am Montag schrieb ich schon einmal: bitte");
}

TEST_CASE("links in HTML mail keep their targets") {
    CHECK(html_to_text("<p>Bitte im <a href=\"https://portal.example.de/t/1?a=1&amp;b=2\">"
                       "Portal</a> antworten.</p>") ==
          "Bitte im Portal <https://portal.example.de/t/1?a=1&b=2> antworten.\n");
    // A link shown as its own address, or a mail address, is not repeated.
    CHECK(html_to_text("<a href='https://x.de'>https://x.de</a>") == "https://x.de\n");
    CHECK(html_to_text("<a href=\"mailto:hv@x.de\">hv@x.de</a>") == "hv@x.de\n");
    // Script links and anchors are left out.
    CHECK(html_to_text("<a href=\"javascript:alert(1)\">hier</a>") == "hier\n");
    CHECK(html_to_text("<A HREF=https://y.de/a>Y</A>") == "Y <https://y.de/a>\n");
}
