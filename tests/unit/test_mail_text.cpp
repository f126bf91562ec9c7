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
