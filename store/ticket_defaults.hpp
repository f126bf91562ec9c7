#pragma once
// What the configuration says about a new ticket, for every way of making
// one: the commands (cmd/create.cpp) and the server's own tickets
// (sync/server_automation.cpp).
#include "core/time.hpp"
#include "store/config.hpp"

#include <string>

namespace tickets {

// core.workflow, checked; Failure(kConfig) names a workflow that does not exist.
std::string configured_workflow(const Config& config);
// priority.TYPE (canonical), else the type's default; Failure(kConfig) on a bad value.
std::string configured_priority(const Config& config, const std::string& type);

// A create event's nonce: random, so that two identical tickets made in the
// same second differ.
std::string new_nonce();

// The clock of commands and of the server: TICKETS_NOW when set (checked:
// Failure(kUsage)), else the system clock.
Instant clock_now();

} // namespace tickets
