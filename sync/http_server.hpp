#pragma once
// `tickets serve`: the sync protocol of docs/PROTOCOL.md over HTTP/1.1
// (cpp-httplib), for many clients at once.
#include "core/error.hpp"
#include "store/repository.hpp"

#include <filesystem>
#include <string>

namespace tickets {

struct ServeOptions {
    std::string host = "127.0.0.1";
    int port = 8080;
    bool access_log = true;
};

// Serves until SIGTERM or SIGINT, then finishes the requests in flight and
// returns. The limits come from the store's configuration ([serve],
// sync/server_limits.hpp). Throws Failure(kUnavailable) when the address
// cannot be bound, Failure(kConfig) on a bad limit.
void serve(const std::filesystem::path& repo_dir, const ServeOptions& options);

// The HTTP status of a failure's exit code (kNotFound 404, kNoPerm 403, …).
int http_status_of(const Failure& f);
// The store connection of the calling worker thread: SQLite connections
// must not be shared between threads, and opening one per request would
// cost more.
Repository& thread_repo(const std::filesystem::path& dir);

} // namespace tickets
