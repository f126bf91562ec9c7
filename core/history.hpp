#pragma once
// The history lines of `show`: what an event other than correspondence did
// to its ticket ("status: pending", "assigned to a@b.de"), in English.
// Comments, escalations and solutions are correspondence and have none.
#include "core/event.hpp"

#include <optional>
#include <string>

namespace tickets {

std::optional<std::string> describe_change(const Event& e);

} // namespace tickets
