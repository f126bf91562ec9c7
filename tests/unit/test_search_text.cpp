#include "core/search_text.hpp"

#include <doctest/doctest.h>

using namespace tickets;

TEST_CASE("German spellings fold to one") {
    CHECK(fold_for_search("Schlüssel") == "schluessel");
    CHECK(fold_for_search("SCHLÜSSEL") == "schluessel");
    CHECK(fold_for_search("Hauptstraße") == "hauptstrasse");
    CHECK(fold_for_search("HAUPTSTRASSE") == "hauptstrasse");
    CHECK(fold_for_search("Äpfel Öfen Übergabe") == "aepfel oefen uebergabe");
    CHECK(fold_for_search("\u1E9E") == "ss"); // capital sharp s
    // Decomposed umlauts (as macOS writes file names) and other accents.
    CHECK(fold_for_search("Gru\u0308ße") == "gruesse");
    CHECK(fold_for_search("Café Crème, Łódź, Œuvre") == "cafe creme  lodz  oeuvre");
    CHECK(fold_for_search("Ñandú ÿ Ÿ Þórr Ærø") == "nandu y y thorr aero");
}

TEST_CASE("punctuation, symbols and bad bytes become blanks") {
    CHECK(fold_for_search("2.OG, Tür-Nr. 3") == "2 og  tuer nr  3");
    CHECK(fold_for_search("„Heizung“ – kalt…") == " heizung    kalt ");
    CHECK(fold_for_search("a\xff"
                          "b") == "a b");               // not UTF-8
    CHECK(fold_for_search("a\xc3") == "a ");            // cut off
    CHECK(fold_for_search("x\xc0\xafy") == "x  y");     // overlong
    CHECK(fold_for_search("Heizung 🔥") == "heizung  "); // emoji
    CHECK(fold_for_search("Δ Ж") == "δ ж");             // Greek and Cyrillic capitals
    CHECK(fold_for_search("日本") == "日本");           // other scripts as they are
}

TEST_CASE("terms are the runs between blanks") {
    auto terms = search_terms("  2 og  tuer nr  ");
    REQUIRE(terms.size() == 4);
    CHECK(terms[0] == "2");
    CHECK(terms[1] == "og");
    CHECK(terms[3] == "nr");
    CHECK(search_terms("   ").empty());
    CHECK(term_length("schluessel") == 10);
    CHECK(term_length("日本") == 2);
}
