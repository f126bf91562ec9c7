#include "core/ids.hpp"

#include "core/error.hpp"
#include "core/text.hpp"

#include <fmt/format.h>

namespace tickets {

std::string normalise_id_prefix(std::string_view text) {
    std::string s = to_lower_ascii(trim(text));
    if (!s.empty() && s.front() == '#') s.erase(0, 1);
    bool hex = !s.empty() && s.size() <= 64;
    for (char c : s) hex = hex && ((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'));
    if (!hex) throw Failure(kNotFound, fmt::format("ticket '{}': not a ticket id", text));
    if (s.size() < kMinPrefixLength)
        throw Failure(kUsage, fmt::format("ticket '{}': id prefix too short (at least {} digits)",
                                          text, kMinPrefixLength));
    return s;
}

std::string choose_unique(std::string_view prefix, const std::vector<IdCandidate>& candidates) {
    if (candidates.empty()) throw Failure(kNotFound, fmt::format("ticket {}: not found", prefix));
    if (candidates.size() == 1) return candidates.front().id;
    std::vector<std::string> shown;
    for (const auto& c : candidates)
        shown.push_back(fmt::format("{} \"{}\"", c.id.substr(0, 12), c.subject));
    throw Failure(kAmbiguous, fmt::format("ticket {}: ambiguous id, candidates: {}", prefix,
                                          join(shown, ", ")));
}

} // namespace tickets
