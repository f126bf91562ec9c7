#include "core/search_text.hpp"

#include "core/text.hpp"

#include <array>

namespace tickets {

namespace {

// What a code point of U+00C0 to U+017F (Latin-1's letters and Latin
// Extended-A) becomes, in runs: {how many code points, as what}. Latin-1's
// small letters U+00E0-U+00FE are its capitals' (U+00C0-U+00DE) plus 0x20.
struct Run {
    int count;
    const char* as;
};
// clang-format off
constexpr Run kLatinRuns[] = {
    // U+00C0 À … U+00DF ß
    {4, "a"}, {1, "ae"}, {1, "a"}, {1, "ae"}, {1, "c"}, {4, "e"}, {4, "i"}, {1, "d"}, {1, "n"},
    {4, "o"}, {1, "oe"}, {1, " "}, {1, "o"}, {3, "u"}, {1, "ue"}, {1, "y"}, {1, "th"}, {1, "ss"},
    // U+0100 Ā … U+017F ſ
    {6, "a"}, {8, "c"}, {4, "d"}, {10, "e"}, {8, "g"}, {4, "h"}, {10, "i"}, {2, "ij"}, {2, "j"},
    {3, "k"}, {10, "l"}, {9, "n"}, {6, "o"}, {2, "oe"}, {6, "r"}, {8, "s"}, {6, "t"}, {12, "u"},
    {2, "w"}, {3, "y"}, {6, "z"}, {1, "s"}};
// clang-format on
constexpr char32_t kLatinFirst = 0xC0, kLatinLast = 0x17F;

const std::array<const char*, kLatinLast - kLatinFirst + 1>& latin_table() {
    static const auto table = [] {
        std::array<const char*, kLatinLast - kLatinFirst + 1> t{};
        size_t at = 0;
        for (const auto& run : kLatinRuns) {
            for (int i = 0; i < run.count; ++i) t[at++] = run.as;
            if (at == 0xE0 - kLatinFirst) { // the small letters, from their capitals
                for (char32_t c = 0xE0; c <= 0xFE; ++c)
                    t[c - kLatinFirst] = t[c - 0x20 - kLatinFirst];
                t[0xFF - kLatinFirst] = "y"; // ÿ
                at = 0x100 - kLatinFirst;
            }
        }
        return t;
    }();
    return table;
}

bool is_separator(char32_t c) {
    return c < 0x30 || (c > 0x39 && c < 0x41) || (c > 0x5A && c < 0x61) || (c > 0x7A && c < 0xC0) ||
           (c >= 0x2000 && c <= 0x2BFF) || // punctuation, arrows, symbols, box drawing
           (c >= 0x2E00 && c <= 0x2E7F) || (c >= 0x3000 && c <= 0x303F) ||
           (c >= 0xFE00 && c <= 0xFE0F) || c == 0xFEFF || (c >= 0x1F000 && c <= 0x1FAFF);
}

} // namespace

std::string fold_for_search(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (size_t at = 0; at < text.size();) {
        unsigned char b = static_cast<unsigned char>(text[at]);
        if (b < 0x80) { // the common case, without decoding
            ++at;
            if (b >= 'A' && b <= 'Z')
                out += static_cast<char>(b + ('a' - 'A'));
            else
                out += is_separator(b) ? ' ' : static_cast<char>(b);
            continue;
        }
        char32_t c = next_code_point(text, at);
        if (c >= kLatinFirst && c <= kLatinLast)
            out += latin_table()[c - kLatinFirst];
        else if (c == 0x1E9E) // capital sharp s
            out += "ss";
        else if (c >= 0x300 && c <= 0x36F) {
            // A combining accent (text in decomposed form): dropped, but the
            // diaeresis of a German umlaut written so is its "e".
            if (c == 0x308 && !out.empty() &&
                (out.back() == 'a' || out.back() == 'o' || out.back() == 'u'))
                out += 'e';
        } else if (c == 0xFFFD || is_separator(c))
            out += ' ';
        else if ((c >= 0x391 && c <= 0x3A9) || (c >= 0x410 && c <= 0x42F))
            append_utf8(out, c + 0x20); // Greek and Cyrillic capitals
        else if (c >= 0x400 && c <= 0x40F)
            append_utf8(out, c + 0x50);
        else
            append_utf8(out, c);
    }
    return out;
}

std::vector<std::string_view> search_terms(std::string_view folded) {
    std::vector<std::string_view> terms;
    size_t at = 0;
    while (at < folded.size()) {
        size_t start = folded.find_first_not_of(' ', at);
        if (start == std::string_view::npos) break;
        size_t end = folded.find(' ', start);
        if (end == std::string_view::npos) end = folded.size();
        terms.push_back(folded.substr(start, end - start));
        at = end;
    }
    return terms;
}

size_t term_length(std::string_view term) {
    size_t n = 0;
    for (char c : term)
        if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) ++n;
    return n;
}

} // namespace tickets
