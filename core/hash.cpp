#include "core/hash.hpp"

// Nettle's SHA-256 (SHA-NI where the CPU has it): libcrypto does the same,
// but loading it cost every command several milliseconds (bench/RESULTS.md).
#include <nettle/sha2.h>

namespace tickets {

std::string sha256_hex(std::string_view bytes) {
    uint8_t digest[SHA256_DIGEST_SIZE];
    sha256_ctx context;
    sha256_init(&context);
    sha256_update(&context, bytes.size(), reinterpret_cast<const uint8_t*>(bytes.data()));
    sha256_digest(&context, SHA256_DIGEST_SIZE, digest);
    static const char* hex = "0123456789abcdef";
    std::string out;
    out.reserve(2 * SHA256_DIGEST_SIZE);
    for (uint8_t byte : digest) {
        out.push_back(hex[byte >> 4]);
        out.push_back(hex[byte & 15]);
    }
    return out;
}

} // namespace tickets
