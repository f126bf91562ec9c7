#pragma once
// The text of the full-text index and of search words, folded so that the
// spellings German writers mix find each other: "Schlüssel", "schluessel"
// and "SCHLÜSSEL" are all "schluessel", "Hauptstraße" is "hauptstrasse",
// "Café" is "cafe". The index holds folded text and every distinct term
// of it; a search word is looked up among the terms as a substring, which
// finds it inside compounds ("abrechnung" in "nebenkostenabrechnung").
#include <string>
#include <string_view>
#include <vector>

namespace tickets {

// Lower case; ä, ö, ü, ß as ae, oe, ue, ss; the other Latin letters
// without their accents; Greek and Cyrillic in lower case; punctuation,
// symbols and control characters as one blank each. Invalid UTF-8 bytes
// become blanks too, so the result is valid UTF-8.
std::string fold_for_search(std::string_view text);

// The terms of folded text: its runs of characters between blanks, as
// SQLite's "ascii" tokenizer splits them (the index uses it on this text).
std::vector<std::string_view> search_terms(std::string_view folded);

// Characters (not bytes) of a term: the substring lookup needs three.
size_t term_length(std::string_view term);

} // namespace tickets
