#pragma once
// What push, pull, sync and clone share: the token of a remote and a
// progress line on stderr.
#include "cmd/context.hpp"
#include "sync/remote.hpp"
#include "sync/sync_client.hpp"

#include <memory>
#include <string>

namespace tickets {

// The token: the remote's --token-env variable, else config
// remote.NAME.token, else $TICKETS_TOKEN. Failure(kNoPerm) when none is set.
std::string remote_token(Context& ctx, const RemoteInfo& remote);
std::unique_ptr<Remote> connect(Context& ctx, const RemoteInfo& remote);
RemoteInfo require_remote(Repository& repo, const std::string& name);
// Overwrites one line on stderr when it is a terminal; silent otherwise.
Progress progress_line(Context& ctx);
void end_progress(Context& ctx);

// The steps of pull, push, sync and clone, with their --json summaries
// (defined in pull.cpp and push.cpp).
Json run_pull(Context& ctx, const std::string& remote_name);
Json run_push(Context& ctx, const std::string& remote_name);

} // namespace tickets
