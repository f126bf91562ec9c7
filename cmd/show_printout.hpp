#pragma once
// `show --format markdown|html|pdf`: a ticket as a document for outside the
// tool (core/printout.hpp renders it; tickets-pdf lays out the PDF).
#include "cmd/context.hpp"
#include "core/printout.hpp"

#include <string>

namespace tickets {

// The printout of a ticket's JSON as `show` builds it (with its comments and
// those of tickets merged into it), labels in `language` ("de" or "en").
// Internal notes only with `internal`.
Printout printout_of(Context& ctx, Repository& repo, const Json& ticket,
                     const std::string& language, bool internal);

} // namespace tickets
