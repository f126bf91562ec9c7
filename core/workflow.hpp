#pragma once
// The "support" workflow of DOMAIN.md: which status moves are allowed.
#include <optional>
#include <string>
#include <string_view>

namespace tickets {

bool is_final_status(std::string_view status);
// Nothing when `from` -> `to` is allowed, otherwise why not ("status is closed").
std::optional<std::string> forbid_move(std::string_view from, std::string_view to);

} // namespace tickets
