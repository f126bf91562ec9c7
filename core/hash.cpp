#include "core/hash.hpp"

// OpenSSL's low-level SHA-256 (deprecated in 3.0, still shipped): the EVP
// interface loads the provider machinery on first use, 1 ms of every
// `tickets new`, for the same block function (SHA-NI where the CPU has it).
#define OPENSSL_SUPPRESS_DEPRECATED
#include <openssl/sha.h>

namespace tickets {

std::string sha256_hex(std::string_view bytes) {
    unsigned char digest[SHA256_DIGEST_LENGTH];
    SHA256_CTX context;
    SHA256_Init(&context);
    SHA256_Update(&context, bytes.data(), bytes.size());
    SHA256_Final(digest, &context);
    static const char* hex = "0123456789abcdef";
    std::string out;
    out.reserve(2 * SHA256_DIGEST_LENGTH);
    for (unsigned char byte : digest) {
        out.push_back(hex[byte >> 4]);
        out.push_back(hex[byte & 15]);
    }
    return out;
}

} // namespace tickets
