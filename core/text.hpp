#pragma once
// Small text helpers shared by the domain code.
#include <string>
#include <string_view>
#include <vector>

namespace tickets {

bool is_valid_utf8(std::string_view s);
// Appends a code point as UTF-8; U+FFFD for NUL, a surrogate or one past
// U+10FFFF.
void append_utf8(std::string& out, char32_t c);
// The code point starting at text[at], advancing `at` past it; U+FFFD,
// advancing one byte, where no well-formed sequence starts.
char32_t next_code_point(std::string_view text, size_t& at);
std::string to_lower_ascii(std::string_view s);
std::string trim(std::string_view s);
std::vector<std::string> split(std::string_view s, char sep);
std::string join(const std::vector<std::string>& parts, std::string_view sep);
// Text for HTML, in elements and quoted attributes: & < > " ' as references.
std::string html_escape(std::string_view text);

// "mieter@muster-hv.de" -> "muster-hv.de"; empty when there is no "@".
std::string email_domain(std::string_view email);
// Mail providers for private people: an address there says nothing about
// an organisation.
bool is_public_mail_domain(std::string_view domain);
// A plausible address: one "@", non-empty local part and a dotted or
// single-label domain, no spaces. Mail intake does the strict parsing.
bool is_plausible_email(std::string_view email);
// A person's name as a mail's From gives it, made safe to show and store:
// one line (control characters as spaces, runs of spaces as one), without
// surrounding quotes, at most 100 characters; empty when it is not UTF-8 or
// only repeats the address ("a@b.de" <a@b.de>).
std::string display_name(std::string_view name);

} // namespace tickets
