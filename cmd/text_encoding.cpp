#include "cmd/text_encoding.hpp"

#include "core/error.hpp"
#include "core/text.hpp"

#include <cerrno>
#include <fmt/format.h>
#include <iconv.h>
#include <memory>

namespace tickets {

namespace {

bool starts_with(std::string_view text, std::string_view prefix) {
    return text.substr(0, prefix.size()) == prefix;
}

// The iconv name of an encoding as users write it; "" for UTF-8.
std::string iconv_name(std::string_view bytes, std::string_view encoding) {
    std::string e = to_lower_ascii(encoding);
    if (e == "auto") {
        if (starts_with(bytes, "\xFF\xFE") || starts_with(bytes, "\xFE\xFF")) return "UTF-16";
        return is_valid_utf8(bytes) ? "" : "WINDOWS-1252";
    }
    if (e == "utf-8" || e == "utf8") return "";
    // ISO-8859-1 is read as its superset: the bytes 0x80-0x9f are
    // Windows-1252's quotes, dashes and euro sign in practice.
    if (e == "windows-1252" || e == "cp1252" || e == "iso-8859-1" || e == "latin1" ||
        e == "latin-1")
        return "WINDOWS-1252";
    if (e == "iso-8859-15" || e == "latin9") return "ISO-8859-15";
    if (e == "utf-16") return "UTF-16";
    throw Failure(kUsage, fmt::format("unknown encoding '{}' (use auto, utf-8, windows-1252, "
                                      "iso-8859-1, iso-8859-15 or utf-16)",
                                      encoding));
}

} // namespace

std::string decode_to_utf8(std::string bytes, std::string_view encoding, std::string_view what) {
    std::string from = iconv_name(bytes, encoding);
    if (from.empty()) {
        if (starts_with(bytes, "\xEF\xBB\xBF")) bytes.erase(0, 3);
        if (!is_valid_utf8(bytes))
            throw Failure(kDataErr, fmt::format("{}: not UTF-8 (give --encoding, e.g. "
                                                "windows-1252)",
                                                what));
        return bytes;
    }
    iconv_t cd = iconv_open("UTF-8", from.c_str());
    if (cd == reinterpret_cast<iconv_t>(-1))
        throw Failure(kUnavailable, fmt::format("{}: this system cannot decode {}", what, from));
    std::unique_ptr<void, int (*)(iconv_t)> close(cd, iconv_close);
    // Grown as needed: German text is little more than its bytes in UTF-8,
    // and room for the worst case (three times) cost an import of 100,000
    // rows 100 MB of memory.
    std::string out(bytes.size() + bytes.size() / 8 + 16, '\0');
    char* in = bytes.data();
    size_t in_left = bytes.size();
    size_t done = 0;
    for (;;) {
        char* to = out.data() + done;
        size_t out_left = out.size() - done;
        size_t rc = iconv(cd, &in, &in_left, &to, &out_left);
        done = out.size() - out_left;
        if (rc != static_cast<size_t>(-1)) break;
        if (errno != E2BIG)
            throw Failure(kDataErr, fmt::format("{}: byte {} (0x{:02x}) is not {} text", what,
                                                bytes.size() - in_left + 1,
                                                static_cast<unsigned char>(*in), from));
        out.resize(out.size() + out.size() / 2 + 16);
    }
    out.resize(done);
    // iconv keeps a byte-order mark of UTF-16 as U+FEFF.
    if (starts_with(out, "\xEF\xBB\xBF")) out.erase(0, 3);
    return out;
}

} // namespace tickets
