#include "core/json_text.hpp"

#include "core/text.hpp"

#include <charconv>

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

template <typename Number> void append_number(std::string& out, Number n) {
    char buffer[24];
    auto end = std::to_chars(buffer, buffer + sizeof buffer, n).ptr;
    out.append(buffer, end);
}

} // namespace

void append_json_string(std::string& out, const std::string& s) {
    // dump() refuses invalid UTF-8 (strict): let it, with its own error.
    if (!is_valid_utf8(s)) {
        out += nlohmann::json(s).dump(-1, ' ', false, nlohmann::json::error_handler_t::strict);
        return;
    }
    out += '"';
    size_t run = 0; // start of the bytes not yet copied
    for (size_t i = 0; i < s.size(); ++i) {
        auto c = static_cast<unsigned char>(s[i]);
        if (c >= 0x20 && c != '"' && c != '\\') continue;
        out.append(s, run, i - run);
        run = i + 1;
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

std::string json_text(const nlohmann::json& j) {
    std::string out;
    append_json_text(out, j);
    return out;
}

} // namespace tickets
