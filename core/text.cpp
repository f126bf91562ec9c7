#include "core/text.hpp"

#include <cctype>
#include <cstdint>
#include <cstring>

namespace tickets {

bool is_valid_utf8(std::string_view s) {
    size_t i = 0;
    while (i < s.size()) {
        // Eight ASCII bytes at a time: most text is.
        std::uint64_t block;
        if (i + 8 <= s.size() &&
            (std::memcpy(&block, s.data() + i, 8), (block & 0x8080808080808080ull) == 0)) {
            i += 8;
            continue;
        }
        unsigned char c = static_cast<unsigned char>(s[i]);
        size_t extra;
        unsigned min;
        unsigned cp;
        if (c < 0x80) {
            ++i;
            continue;
        } else if ((c & 0xE0) == 0xC0) {
            extra = 1, min = 0x80, cp = c & 0x1F;
        } else if ((c & 0xF0) == 0xE0) {
            extra = 2, min = 0x800, cp = c & 0x0F;
        } else if ((c & 0xF8) == 0xF0) {
            extra = 3, min = 0x10000, cp = c & 0x07;
        } else {
            return false;
        }
        if (i + extra >= s.size()) return false; // truncated sequence
        for (size_t k = 1; k <= extra; ++k) {
            unsigned char cc = static_cast<unsigned char>(s[i + k]);
            if ((cc & 0xC0) != 0x80) return false;
            cp = (cp << 6) | (cc & 0x3F);
        }
        // Overlong forms, UTF-16 surrogates and values past U+10FFFF are invalid.
        if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return false;
        i += extra + 1;
    }
    return true;
}

void append_utf8(std::string& out, char32_t c) {
    if (c == 0 || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF)) c = 0xFFFD;
    if (c < 0x80) {
        out += static_cast<char>(c);
    } else if (c < 0x800) {
        out += static_cast<char>(0xC0 | (c >> 6));
        out += static_cast<char>(0x80 | (c & 0x3F));
    } else if (c < 0x10000) {
        out += static_cast<char>(0xE0 | (c >> 12));
        out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (c & 0x3F));
    } else {
        out += static_cast<char>(0xF0 | (c >> 18));
        out += static_cast<char>(0x80 | ((c >> 12) & 0x3F));
        out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (c & 0x3F));
    }
}

char32_t next_code_point(std::string_view text, size_t& at) {
    auto byte = [&](size_t i) { return static_cast<unsigned char>(text[i]); };
    unsigned char lead = byte(at);
    size_t length = lead < 0x80         ? 1
                    : (lead >> 5) == 6  ? 2
                    : (lead >> 4) == 14 ? 3
                    : (lead >> 3) == 30 ? 4
                                        : 0;
    if (length == 0 || at + length > text.size()) {
        ++at;
        return 0xFFFD;
    }
    char32_t c = length == 1 ? lead : lead & (0x7F >> length);
    for (size_t i = 1; i < length; ++i) {
        if ((byte(at + i) & 0xC0) != 0x80) {
            ++at;
            return 0xFFFD;
        }
        c = (c << 6) | (byte(at + i) & 0x3F);
    }
    static constexpr char32_t kSmallest[] = {0, 0, 0x80, 0x800, 0x10000};
    if (c < kSmallest[length] || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF)) {
        ++at;
        return 0xFFFD;
    }
    at += length;
    return c;
}

std::string to_lower_ascii(std::string_view s) {
    std::string out(s);
    for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return out;
}

std::string trim(std::string_view s) {
    size_t b = 0, e = s.size();
    while (b < e && std::isspace(static_cast<unsigned char>(s[b]))) ++b;
    while (e > b && std::isspace(static_cast<unsigned char>(s[e - 1]))) --e;
    return std::string(s.substr(b, e - b));
}

std::vector<std::string> split(std::string_view s, char sep) {
    std::vector<std::string> parts;
    size_t start = 0;
    for (;;) {
        size_t pos = s.find(sep, start);
        parts.emplace_back(s.substr(start, pos == std::string_view::npos ? pos : pos - start));
        if (pos == std::string_view::npos) break;
        start = pos + 1;
    }
    return parts;
}

std::string join(const std::vector<std::string>& parts, std::string_view sep) {
    std::string out;
    for (size_t i = 0; i < parts.size(); ++i) {
        if (i) out += sep;
        out += parts[i];
    }
    return out;
}

std::string email_domain(std::string_view email) {
    size_t at = email.rfind('@');
    return at == std::string_view::npos ? std::string() : to_lower_ascii(email.substr(at + 1));
}

bool is_public_mail_domain(std::string_view domain) {
    static const std::string_view providers[] = {
        "gmail.com",   "googlemail.com", "web.de",      "gmx.de",     "gmx.net",     "gmx.at",
        "gmx.ch",      "t-online.de",    "outlook.com", "outlook.de", "hotmail.com", "hotmail.de",
        "live.de",     "yahoo.com",      "yahoo.de",    "icloud.com", "me.com",      "posteo.de",
        "mailbox.org", "freenet.de",     "aol.com",     "arcor.de",   "online.de",   "email.de",
        "proton.me",   "protonmail.com"};
    for (auto p : providers)
        if (p == domain) return true;
    return false;
}

bool is_plausible_email(std::string_view email) {
    size_t at = email.find('@');
    if (at == std::string_view::npos || at == 0 || at + 1 >= email.size()) return false;
    if (email.find('@', at + 1) != std::string_view::npos) return false;
    for (char c : email)
        if (std::isspace(static_cast<unsigned char>(c)) || c == ',' || c == '<' || c == '>')
            return false;
    return email.back() != '.';
}

std::string display_name(std::string_view name) {
    if (!is_valid_utf8(name)) return "";
    std::string out;
    size_t at = 0, characters = 0;
    while (at < name.size() && characters < 100) {
        char32_t c = next_code_point(name, at);
        bool space = c < 0x20 || c == 0x7f || c == ' ' || (c >= 0x80 && c < 0xa0);
        if (space) {
            if (!out.empty() && out.back() != ' ') out += ' ';
        } else {
            append_utf8(out, c);
        }
        ++characters;
    }
    out = trim(out);
    while (out.size() >= 2 && (out.front() == '"' || out.front() == '\'') &&
           out.back() == out.front())
        out = trim(out.substr(1, out.size() - 2));
    if (is_plausible_email(out)) return "";
    return out;
}

std::string html_escape(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (char c : text) {
        switch (c) {
        case '&':
            out += "&amp;";
            break;
        case '<':
            out += "&lt;";
            break;
        case '>':
            out += "&gt;";
            break;
        case '"':
            out += "&quot;";
            break;
        case '\'':
            out += "&#39;";
            break;
        default:
            out += c;
        }
    }
    return out;
}

} // namespace tickets
