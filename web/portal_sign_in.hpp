#pragma once
// /login, /login/TOKEN and /logout of the web pages.
#include "web/portal.hpp"

namespace tickets {

void add_sign_in_routes(std::vector<Route>& routes, const std::filesystem::path& dir,
                        const PortalOptions& options);

} // namespace tickets
