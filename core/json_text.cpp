#include "core/json_text.hpp"

#include "core/text.hpp"

#include <algorithm>
#include <charconv>
#include <cstdint>
#include <cstring>

namespace tickets {

namespace {

// The escapes dump() writes for bytes below 0x20 other than these five:
// \u00XX in lower-case hex.
void append_control(std::string& out, unsigned char c) {
    static const char* const kHex = "0123456789abcdef";
    switch (c) {
    case '\b':
        out += "\\b";
        return;
    case '\t':
        out += "\\t";
        return;
    case '\n':
        out += "\\n";
        return;
    case '\f':
        out += "\\f";
        return;
    case '\r':
        out += "\\r";
        return;
    default:
        out += "\\u00";
        out += kHex[c >> 4];
        out += kHex[c & 0xF];
    }
}

// Whether any of the eight bytes at p is one that a JSON string escapes
// (below 0x20, '"' or '\\'), tested on all eight at once: ticket text is
// mostly letters, and an import writes each text three times (the event,
// the document, the comments' document), byte by byte a tenth of its
// parsing thread. The classic "has a byte below n" test: (x - n*ones) & ~x
// & highs is non-zero exactly when some byte of x is below n (n <= 128).
bool any_byte_to_escape(const char* p) {
    constexpr std::uint64_t ones = 0x0101010101010101ull, highs = 0x8080808080808080ull;
    std::uint64_t x;
    std::memcpy(&x, p, sizeof x);
    auto below = [](std::uint64_t v, std::uint64_t n) { return (v - n * ones) & ~v & highs; };
    std::uint64_t quote = x ^ ('"' * ones), backslash = x ^ ('\\' * ones);
    return (below(x, 0x20) | below(quote, 1) | below(backslash, 1)) != 0;
}

template <typename Number> void append_number(std::string& out, Number n) {
    char buffer[24];
    auto end = std::to_chars(buffer, buffer + sizeof buffer, n).ptr;
    out.append(buffer, end);
}

} // namespace

void append_json_string(std::string& out, std::string_view s) {
    // dump() refuses invalid UTF-8 (strict): let it, with its own error.
    if (!is_valid_utf8(s)) {
        out += nlohmann::json(std::string(s))
                   .dump(-1, ' ', false, nlohmann::json::error_handler_t::strict);
        return;
    }
    out += '"';
    size_t run = 0; // start of the bytes not yet copied
    for (size_t i = 0; i < s.size();) {
        if (i + 8 <= s.size() && !any_byte_to_escape(s.data() + i)) {
            i += 8;
            continue;
        }
        auto c = static_cast<unsigned char>(s[i++]);
        if (c >= 0x20 && c != '"' && c != '\\') continue;
        out.append(s, run, i - 1 - run);
        run = i;
        if (c == '"')
            out += "\\\"";
        else if (c == '\\')
            out += "\\\\";
        else
            append_control(out, c);
    }
    out.append(s, run, s.size() - run);
    out += '"';
}

void append_json_strings(std::string& out, const std::vector<std::string>& values) {
    out += '[';
    for (std::size_t i = 0; i < values.size(); ++i) {
        if (i > 0) out += ',';
        append_json_string(out, values[i]);
    }
    out += ']';
}

void append_json_text(std::string& out, const nlohmann::json& j) {
    using Type = nlohmann::json::value_t;
    switch (j.type()) {
    case Type::object: {
        out += '{';
        bool first = true;
        for (const auto& [key, value] : j.items()) {
            if (!first) out += ',';
            first = false;
            append_json_string(out, key);
            out += ':';
            append_json_text(out, value);
        }
        out += '}';
        return;
    }
    case Type::array: {
        out += '[';
        bool first = true;
        for (const auto& value : j) {
            if (!first) out += ',';
            first = false;
            append_json_text(out, value);
        }
        out += ']';
        return;
    }
    case Type::string:
        append_json_string(out, j.get_ref<const std::string&>());
        return;
    case Type::boolean:
        out += j.get<bool>() ? "true" : "false";
        return;
    case Type::null:
        out += "null";
        return;
    case Type::number_integer:
        append_number(out, j.get<std::int64_t>());
        return;
    case Type::number_unsigned:
        append_number(out, j.get<std::uint64_t>());
        return;
    default: // floating point and binary: as rare as they are subtle
        out += j.dump(-1, ' ', false, nlohmann::json::error_handler_t::strict);
    }
}

JsonObjectText::JsonObjectText(std::size_t fields, std::size_t bytes) {
    fields_.reserve(fields);
    values_.reserve(bytes);
}

JsonObjectText& JsonObjectText::close(const char* key, std::size_t begin) {
    if (!fields_.empty() && std::strcmp(fields_.back().key, key) >= 0) in_key_order_ = false;
    fields_.push_back({key, begin, values_.size()});
    return *this;
}

JsonObjectText& JsonObjectText::raw(const char* key, std::string_view json) {
    std::size_t begin = values_.size();
    values_ += json;
    return close(key, begin);
}

JsonObjectText& JsonObjectText::string(const char* key, const std::string& value) {
    std::size_t begin = values_.size();
    append_json_string(values_, value);
    return close(key, begin);
}

JsonObjectText& JsonObjectText::string_or_null(const char* key, const std::string& value) {
    return value.empty() ? raw(key, "null") : string(key, value);
}

JsonObjectText& JsonObjectText::number(const char* key, std::int64_t value) {
    std::size_t begin = values_.size();
    append_number(values_, value);
    return close(key, begin);
}

JsonObjectText& JsonObjectText::boolean(const char* key, bool value) {
    return raw(key, value ? "true" : "false");
}

JsonObjectText& JsonObjectText::strings(const char* key, const std::vector<std::string>& values) {
    std::size_t begin = values_.size();
    append_json_strings(values_, values);
    return close(key, begin);
}

std::string JsonObjectText::text() const {
    std::vector<Field> reordered;
    if (!in_key_order_) {
        reordered = fields_;
        // nlohmann::json keeps object keys in a std::map<std::string>: byte order.
        std::sort(reordered.begin(), reordered.end(),
                  [](const Field& a, const Field& b) { return std::strcmp(a.key, b.key) < 0; });
    }
    const std::vector<Field>& sorted = in_key_order_ ? fields_ : reordered;
    std::string out;
    out.reserve(values_.size() + 16 * sorted.size() + 2);
    out += '{';
    for (std::size_t i = 0; i < sorted.size(); ++i) {
        if (i > 0) out += ',';
        append_json_string(out, sorted[i].key);
        out += ':';
        out.append(values_, sorted[i].begin, sorted[i].end - sorted[i].begin);
    }
    out += '}';
    return out;
}

std::string json_text(const nlohmann::json& j) {
    std::string out;
    append_json_text(out, j);
    return out;
}

} // namespace tickets
