#pragma once
// The customers' web pages of `tickets serve`, at / beside the sync API at
// /v1/ (sync/http_server.cpp adds them). Server-rendered HTML
// (core/portal_pages.hpp); every change a page makes is an event pushed on
// the user's behalf through the same path as `tickets push`
// (sync/sync_server.hpp push_events), and every page shows what a pull
// would give the user, so the pages and sync obey one set of rules.
#include "store/repository.hpp"
#include "sync/http_listener.hpp"

#include <filesystem>
#include <string>
#include <vector>

namespace tickets {

struct PortalOptions {
    // Where the pages are reached, for the links in mail: serve.url, else
    // the address the server listens on.
    std::string base_url;
};

// Whether a Cookie header holds a live session of the pages (the listener
// asks before it reads a form's body).
bool portal_session_valid(Repository& repo, const std::string& cookie_header);

void add_portal_routes(std::vector<Route>& routes, const std::filesystem::path& repo_dir,
                       const PortalOptions& options);

} // namespace tickets
