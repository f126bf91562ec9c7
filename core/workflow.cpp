#include "core/workflow.hpp"

#include <fmt/format.h>
#include <map>
#include <set>

namespace tickets {

namespace {

// new only ever starts a ticket; closed is final (a reply opens a follow-up).
const std::map<std::string, std::set<std::string>, std::less<>>& moves() {
    static const std::map<std::string, std::set<std::string>, std::less<>> m = {
        {"new", {"open", "pending", "hold", "solved", "closed"}},
        {"open", {"pending", "hold", "solved", "closed"}},
        {"pending", {"open", "hold", "solved", "closed"}},
        {"hold", {"open", "pending", "solved", "closed"}},
        {"solved", {"open", "closed"}},
        {"closed", {}},
    };
    return m;
}

} // namespace

bool is_final_status(std::string_view status) { return status == "closed"; }

std::optional<std::string> forbid_move(std::string_view from, std::string_view to) {
    if (from == to) return fmt::format("status is already {}", from);
    auto it = moves().find(from);
    if (it == moves().end()) return fmt::format("unknown status {}", from);
    if (it->second.count(std::string(to))) return std::nullopt;
    if (is_final_status(from)) return fmt::format("status is {}", from);
    return fmt::format("status {} cannot move to {}", from, to);
}

} // namespace tickets
