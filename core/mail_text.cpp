#include "core/mail_text.hpp"

#include "core/text.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <cstdint>
#include <utility>

namespace tickets {

namespace {

bool is_hex(char c) {
    return std::isxdigit(static_cast<unsigned char>(c)) != 0;
}
bool is_alnum(char c) {
    return std::isalnum(static_cast<unsigned char>(c)) != 0;
}

// The named entities that German mail actually uses, plus the XML ones.
constexpr std::array<std::pair<std::string_view, std::uint32_t>, 22> kEntities{{
    {"amp", '&'},       {"lt", '<'},       {"gt", '>'},       {"quot", '"'},     {"apos", '\''},
    {"nbsp", ' '},      {"auml", 0xE4},    {"ouml", 0xF6},    {"uuml", 0xFC},    {"Auml", 0xC4},
    {"Ouml", 0xD6},     {"Uuml", 0xDC},    {"szlig", 0xDF},   {"euro", 0x20AC},  {"eacute", 0xE9},
    {"ndash", 0x2013},  {"mdash", 0x2014}, {"bdquo", 0x201E}, {"ldquo", 0x201C}, {"rdquo", 0x201D},
    {"hellip", 0x2026}, {"copy", 0xA9},
}};

// Decodes the entity at s[i] == '&'; returns the characters consumed (0: none).
size_t decode_entity(std::string_view s, size_t i, std::string& out) {
    size_t semi = s.find(';', i);
    if (semi == std::string_view::npos || semi - i > 10) return 0;
    std::string_view name = s.substr(i + 1, semi - i - 1);
    if (name.size() > 1 && name[0] == '#') {
        bool hex = name[1] == 'x' || name[1] == 'X';
        std::string_view digits = name.substr(hex ? 2 : 1);
        if (digits.empty()) return 0;
        std::uint32_t cp = 0;
        for (char c : digits) {
            if (hex ? !is_hex(c) : !std::isdigit(static_cast<unsigned char>(c))) return 0;
            int d = std::isdigit(static_cast<unsigned char>(c)) ? c - '0'
                                                                : (std::tolower(c) - 'a' + 10);
            cp = cp * (hex ? 16 : 10) + static_cast<std::uint32_t>(d);
            if (cp > 0x10FFFF) cp = 0x110000;
        }
        append_utf8(out, cp == 0xA0 ? ' ' : cp); // a no-break space is a blank in text
        return semi - i + 1;
    }
    for (const auto& [n, cp] : kEntities)
        if (n == name) {
            append_utf8(out, cp);
            return semi - i + 1;
        }
    return 0;
}

std::string lower(std::string_view s) {
    return to_lower_ascii(s);
}

// Tags after which the text continues on a new line.
bool breaks_line(const std::string& tag) {
    static const std::array<std::string_view, 16> kBlocks{
        "br",  "p",   "/p",  "div", "/div", "tr",     "/tr", "li",
        "/li", "/h1", "/h2", "/h3", "/h4",  "/table", "/ul", "/ol"};
    return std::find(kBlocks.begin(), kBlocks.end(), tag) != kBlocks.end();
}

} // namespace

std::vector<std::string> subject_ticket_tokens(std::string_view subject) {
    std::vector<std::string> bracketed, bare;
    for (size_t i = 0; i < subject.size(); ++i) {
        if (subject[i] != '#') continue;
        size_t j = i + 1;
        while (j < subject.size() && is_hex(subject[j])) ++j;
        if (j - i - 1 < 7 || (j < subject.size() && is_alnum(subject[j]))) continue;
        std::string token = to_lower_ascii(subject.substr(i + 1, j - i - 1));
        bool in_brackets =
            i > 0 && subject[i - 1] == '[' && j < subject.size() && subject[j] == ']';
        (in_brackets ? bracketed : bare).push_back(token);
    }
    bracketed.insert(bracketed.end(), bare.begin(), bare.end());
    return bracketed;
}

std::string notification_ticket_prefix(std::string_view id) {
    if (!id.empty() && id.front() == '<') id.remove_prefix(1);
    if (!id.empty() && id.back() == '>') id.remove_suffix(1);
    constexpr std::string_view kDomain = "@tickets.local";
    if (id.size() <= kDomain.size() || lower(id.substr(id.size() - kDomain.size())) != kDomain)
        return "";
    std::string_view local = id.substr(0, id.size() - kDomain.size());
    std::string_view prefix = local.substr(0, local.find('.'));
    if (prefix.size() < 7 || !std::all_of(prefix.begin(), prefix.end(), is_hex)) return "";
    return to_lower_ascii(prefix);
}

namespace {

// The href of an <a> tag's inside ("a href=\"https://…\" class=x"), its
// entities decoded; "" when it has none.
std::string link_target(std::string_view inside);

} // namespace

std::string html_to_text(std::string_view html) {
    std::string raw;
    // The open link: its target and where its text starts in `raw`; the
    // target follows the text ("Portal <https://…>") unless they are the same.
    std::string link;
    size_t link_text_start = 0;
    size_t i = 0;
    while (i < html.size()) {
        char c = html[i];
        if (c == '<') {
            if (html.substr(i, 4) == "<!--") {
                size_t end = html.find("-->", i + 4);
                i = end == std::string_view::npos ? html.size() : end + 3;
                continue;
            }
            size_t end = html.find('>', i);
            if (end == std::string_view::npos) break;
            std::string_view inside = html.substr(i + 1, end - i - 1);
            size_t n = 0;
            if (!inside.empty() && inside[0] == '/') ++n;
            while (n < inside.size() && is_alnum(inside[n])) ++n;
            std::string tag = lower(inside.substr(0, n));
            i = end + 1;
            if (tag == "script" || tag == "style" || tag == "head" || tag == "title") {
                size_t close = lower(html.substr(i)).find("</" + tag);
                if (close == std::string::npos) break;
                i += close;
                size_t gt = html.find('>', i);
                i = gt == std::string_view::npos ? html.size() : gt + 1;
                continue;
            }
            if (tag == "a") {
                link = link_target(inside);
                link_text_start = raw.size();
            } else if (tag == "/a" && !link.empty()) {
                std::string shown = trim(raw.substr(link_text_start));
                if (shown != link && "mailto:" + shown != link) raw += " <" + link + ">";
                link.clear();
            }
            if (breaks_line(tag))
                raw += '\n';
            else if (tag == "td" || tag == "th")
                raw += ' ';
            continue;
        }
        if (c == '&') {
            if (size_t used = decode_entity(html, i, raw)) {
                i += used;
                continue;
            }
        }
        // Line breaks in the source are blanks in HTML.
        raw += (c == '\n' || c == '\r' || c == '\t') ? ' ' : c;
        ++i;
    }
    // Collapse blanks within lines, trim lines, and keep at most one empty line.
    std::string out;
    int blank_lines = 0;
    for (const auto& line : split(raw, '\n')) {
        std::string collapsed;
        for (char c : line) {
            if (c == ' ' && (collapsed.empty() || collapsed.back() == ' ')) continue;
            collapsed += c;
        }
        std::string t = trim(collapsed);
        if (t.empty()) {
            ++blank_lines;
            continue;
        }
        if (!out.empty()) out += blank_lines > 0 ? "\n\n" : "\n";
        blank_lines = 0;
        out += t;
    }
    return out.empty() ? out : out + "\n";
}

namespace {

std::string link_target(std::string_view inside) {
    std::string lowered = lower(inside);
    size_t at = lowered.find("href");
    if (at == std::string::npos) return "";
    at = lowered.find_first_not_of(" \t\r\n", at + 4);
    if (at == std::string::npos || inside[at] != '=') return "";
    at = lowered.find_first_not_of(" \t\r\n", at + 1);
    if (at == std::string::npos) return "";
    size_t end;
    if (inside[at] == '"' || inside[at] == '\'') {
        end = inside.find(inside[at], at + 1);
        ++at;
    } else {
        end = inside.find_first_of(" \t\r\n", at);
    }
    std::string_view raw =
        inside.substr(at, end == std::string_view::npos ? std::string_view::npos : end - at);
    std::string target;
    for (size_t k = 0; k < raw.size();) {
        if (raw[k] == '&')
            if (size_t used = decode_entity(raw, k, target)) {
                k += used;
                continue;
            }
        target += raw[k++];
    }
    // Only links a reader can follow; "javascript:" and anchors are noise.
    std::string l = lower(target);
    if (l.rfind("http://", 0) != 0 && l.rfind("https://", 0) != 0 && l.rfind("mailto:", 0) != 0)
        return "";
    return target;
}

std::string_view trimmed(std::string_view s) {
    while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
    while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
    return s;
}

bool starts(std::string_view s, std::string_view prefix) {
    return s.substr(0, prefix.size()) == prefix;
}

bool ends(std::string_view s, std::string_view suffix) {
    return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

// The line that introduces a quoted message.
bool starts_quote(std::string_view line, std::string_view next) {
    std::string l = lower(trimmed(line));
    if (starts(l, "-----") && (l.find("ursprüngliche nachricht") != std::string::npos ||
                               l.find("original message") != std::string::npos))
        return true;
    // "Am 01.12.2026 um 10:00 schrieb Max <max@example.de>:", "On … Max wrote:"
    if (starts(l, "am ") && l.find(" schrieb") != std::string::npos && ends(l, ":")) return true;
    if (starts(l, "on ") && ends(l, "wrote:")) return true;
    // Outlook: "Von: …" (or "From: …") followed by "Gesendet: …" ("Sent: …").
    std::string n = lower(trimmed(next));
    return (starts(l, "von:") || starts(l, "from:")) &&
           (starts(n, "gesendet:") || starts(n, "sent:") || starts(n, "datum:") ||
            starts(n, "date:"));
}

} // namespace

std::string machine_mail(std::string_view sender,
                         const std::vector<std::pair<std::string, std::string>>& headers) {
    std::string local = lower(sender.substr(0, sender.find('@')));
    if (local == "mailer-daemon" || local == "postmaster" || local == "noreply" ||
        local == "no-reply" || local == "donotreply" || local == "do-not-reply")
        return fmt::format("the sender {} is a machine", sender);
    for (const auto& [name, raw] : headers) {
        std::string value = lower(trimmed(raw));
        std::string n = lower(name);
        bool automatic = false;
        if (n == "auto-submitted")
            automatic = !value.empty() && !starts(value, "no");
        else if (n == "precedence")
            automatic = value == "bulk" || value == "junk" || value == "list";
        else if (n == "list-id" || n == "list-unsubscribe" || n == "x-autoreply" ||
                 n == "x-autorespond" || n == "x-loop")
            automatic = !value.empty();
        else if (n == "x-auto-response-suppress")
            automatic = value.find("all") != std::string::npos ||
                        value.find("oof") != std::string::npos ||
                        value.find("autoreply") != std::string::npos;
        else if (n == "return-path")
            automatic = value == "<>";
        else if (n == "content-type")
            automatic = starts(value, "multipart/report");
        if (automatic) return fmt::format("{}: {}", name, trimmed(raw));
    }
    return "";
}

std::string without_quoted_history(std::string_view text) {
    std::vector<std::string_view> lines;
    for (size_t start = 0; start <= text.size();) {
        size_t end = text.find('\n', start);
        if (end == std::string_view::npos) end = text.size();
        lines.push_back(text.substr(start, end - start));
        start = end + 1;
    }
    std::string out;
    bool cut = false;
    for (size_t i = 0; i < lines.size(); ++i) {
        std::string_view line = lines[i];
        if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
        if (starts_quote(line, i + 1 < lines.size() ? lines[i + 1] : std::string_view())) {
            cut = true;
            break;
        }
        if (starts(trimmed(line), ">")) {
            cut = true;
            continue;
        }
        out += line;
        out += '\n';
    }
    while (!out.empty() && std::isspace(static_cast<unsigned char>(out.back()))) out.pop_back();
    if (!cut || out.empty()) return std::string(text); // nothing quoted, or nothing but quotes
    return out;
}

} // namespace tickets
