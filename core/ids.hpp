#pragma once
// Ticket ids are SHA-256 hex digests; people use unique prefixes, as in Git.
#include <string>
#include <string_view>
#include <vector>

namespace tickets {

constexpr size_t kShortIdLength = 7;
constexpr size_t kMinPrefixLength = 4;

// Lower-cases and checks a prefix typed by a user; throws Failure(kNotFound)
// for text that cannot be an id and Failure(kUsage) for a prefix under 4 digits.
std::string normalise_id_prefix(std::string_view text);

// Picks the one ticket among `candidates` (the ids starting with `prefix`):
// throws Failure(kNotFound) for none, Failure(kAmbiguous) listing them for several.
std::string choose_unique(std::string_view prefix, const std::vector<std::string>& candidates);

} // namespace tickets
