#pragma once
// /, /t/ID and its actions, /new of the web pages.
#include "web/portal.hpp"

namespace tickets {

void add_ticket_routes(std::vector<Route>& routes, const std::filesystem::path& dir,
                       const PortalOptions& options);

} // namespace tickets
