#include "core/base64.hpp"

#include <nettle/base64.h>

namespace tickets {

std::string base64_encode(std::string_view bytes) {
    std::string out(BASE64_ENCODE_RAW_LENGTH(bytes.size()), '\0');
    base64_encode_raw(out.data(), bytes.size(), reinterpret_cast<const uint8_t*>(bytes.data()));
    return out;
}

std::optional<std::string> base64_decode(std::string_view text) {
    // Strict: whole groups of four, no line breaks or spaces (which Nettle's
    // decoder would skip).
    if (text.size() % 4 != 0) return std::nullopt;
    for (char c : text)
        if (c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == '\v')
            return std::nullopt;
    std::string out(BASE64_DECODE_LENGTH(text.size()), '\0');
    base64_decode_ctx context;
    base64_decode_init(&context);
    size_t length = out.size();
    if (!base64_decode_update(&context, &length, reinterpret_cast<uint8_t*>(out.data()),
                              text.size(), text.data()) ||
        !base64_decode_final(&context))
        return std::nullopt;
    out.resize(length);
    return out;
}

} // namespace tickets
