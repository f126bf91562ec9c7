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

// A ticket whose id starts with a prefix, with its subject to tell it apart.
struct IdCandidate {
    std::string id, subject;
};
// Picks the one ticket among `candidates` (the ids starting with `prefix`):
// throws Failure(kNotFound) for none, Failure(kAmbiguous) listing them with
// their subjects for several.
std::string choose_unique(std::string_view prefix, const std::vector<IdCandidate>& candidates);

} // namespace tickets
