#pragma once
// The limits of `tickets serve` from the [serve] section of the store's
// configuration (defaults in sync/http_listener.hpp, documented in
// tickets(1)).
#include "store/config.hpp"
#include "sync/http_listener.hpp"

namespace tickets {

// Throws Failure(kConfig) naming the key when a value is not a positive
// whole number.
ServerLimits server_limits(const Config& config);

} // namespace tickets
