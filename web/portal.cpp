#include "web/portal.hpp"

#include "web/portal_help.hpp"
#include "web/portal_sign_in.hpp"
#include "web/portal_tickets.hpp"

namespace tickets {

void add_portal_routes(std::vector<Route>& routes, const std::filesystem::path& repo_dir,
                       const PortalOptions& options) {
    add_sign_in_routes(routes, repo_dir, options);
    add_ticket_routes(routes, repo_dir, options);
    add_help_routes(routes, repo_dir, options);
}

} // namespace tickets
