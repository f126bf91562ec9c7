#include "core/hash.hpp"

#include <openssl/evp.h>

namespace tickets {

std::string sha256_hex(std::string_view bytes) {
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int length = 0;
    // Fetched once: EVP_sha256() makes every EVP_Digest look the algorithm
    // up again, a tenth of the cost of hashing an event.
    static EVP_MD* const sha256 = EVP_MD_fetch(nullptr, "SHA256", nullptr);
    EVP_Digest(bytes.data(), bytes.size(), digest, &length, sha256 ? sha256 : EVP_sha256(),
               nullptr);
    static const char* hex = "0123456789abcdef";
    std::string out;
    out.reserve(length * 2);
    for (unsigned int i = 0; i < length; ++i) {
        out.push_back(hex[digest[i] >> 4]);
        out.push_back(hex[digest[i] & 15]);
    }
    return out;
}

} // namespace tickets
