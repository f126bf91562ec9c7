#include "core/pseudonym.hpp"

#include <algorithm>
#include <cctype>

namespace tickets {

namespace {

constexpr std::string_view kPrefix = "anonymous-";
constexpr std::string_view kDomain = "@anonymous.invalid";
constexpr size_t kDigits = 16;

} // namespace

std::string pseudonym_from(std::string_view random_hex) {
    return std::string(kPrefix) + std::string(random_hex.substr(0, kDigits)) + std::string(kDomain);
}

bool is_pseudonym(std::string_view address) {
    if (address.size() != kPrefix.size() + kDigits + kDomain.size()) return false;
    if (address.substr(0, kPrefix.size()) != kPrefix) return false;
    if (address.substr(kPrefix.size() + kDigits) != kDomain) return false;
    std::string_view digits = address.substr(kPrefix.size(), kDigits);
    return std::all_of(digits.begin(), digits.end(), [](char c) {
        return std::isdigit(static_cast<unsigned char>(c)) || (c >= 'a' && c <= 'f');
    });
}

std::string anonymous_label(bool german) {
    return german ? "anonym" : "anonymous";
}

} // namespace tickets
