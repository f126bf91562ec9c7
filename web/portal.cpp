#include "web/portal.hpp"

#include "store/ticket_defaults.hpp"
#include "web/portal_context.hpp"
#include "web/portal_help.hpp"
#include "web/portal_sign_in.hpp"
#include "web/portal_tickets.hpp"

namespace tickets {

bool portal_session_valid(Repository& repo, const std::string& cookie_header) {
    return session_of(repo, cookie_header, clock_now()).has_value();
}

void add_portal_routes(std::vector<Route>& routes, const std::filesystem::path& repo_dir,
                       const PortalOptions& options) {
    add_sign_in_routes(routes, repo_dir, options);
    add_ticket_routes(routes, repo_dir, options);
    add_help_routes(routes, repo_dir, options);
}

} // namespace tickets
