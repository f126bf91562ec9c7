#pragma once
// /help, /help/ID and the style sheet of the web pages.
#include "web/portal.hpp"

namespace tickets {

void add_help_routes(std::vector<Route>& routes, const std::filesystem::path& dir,
                     const PortalOptions& options);

} // namespace tickets
