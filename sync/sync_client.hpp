#pragma once
// The client side of sync: remotes of a store, pull and push. Both can be cut
// off at any point and simply run again: the pull cursor moves in the same
// transaction as the events it covers, and a push only marks what the server
// confirmed.
#include "store/repository.hpp"
#include "sync/remote.hpp"

#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace tickets {

struct RemoteInfo {
    std::string name, url;
    std::string token_env; // name of the environment variable holding the token
    std::int64_t cursor = 0;
};

std::vector<RemoteInfo> list_remotes(Repository& repo);
std::optional<RemoteInfo> find_remote(Repository& repo, const std::string& name);
void add_remote(Repository& repo, const RemoteInfo& remote);
// Forgets the remote and what the store knew about it; false if unknown.
bool remove_remote(Repository& repo, const std::string& name);

// A clone defers to its server (DESIGN.md: the server is the authority of a
// team): the remote named origin, else the first by name; none for a store
// without remotes.
std::optional<RemoteInfo> authority(Repository& repo);

// What the server says about itself (GET /v1/info: its workflow, the
// identity of its own events, ...), asked by every pull (a clone's first)
// and kept with the remote; written only when it changed.
void learn_server_settings(Repository& repo, Remote& remote, const std::string& remote_name);
// Who stands behind the pseudonyms of anonymous tickets, as far as the
// user may know (GET /v1/pseudonyms: staff all, others their own), kept
// in the store's pseudonyms table; asked by every pull.
void learn_pseudonyms(Repository& repo, Remote& remote);
// One of the authority's settings, if it told.
std::optional<std::string> server_setting(Repository& repo, const std::string& key);

// An event a remote refused, as `rejected` and `show` list it.
struct Rejection {
    std::string remote, event, ticket, type, reason;
};
// Every refusal this store keeps (of one ticket, when given), oldest first.
std::vector<Rejection> rejections(Repository& repo, const std::string& ticket_id = "");
// Drops refused events from the log for good (Repository::drop_events)
// with what the store kept about them; a dropped create takes its ticket
// and the ticket's other events along. Inside the caller's write transaction.
void drop_rejections(Repository& repo, const std::vector<Rejection>& dropped);

using Progress = std::function<void(const std::string& line)>;

struct PullSummary {
    std::size_t received = 0; // events the server sent
    std::size_t added = 0;    // of those, new to this store
    std::size_t tickets = 0;  // tickets changed
};
PullSummary pull(Repository& repo, Remote& remote, const std::string& remote_name,
                 const Progress& progress);

struct PushSummary {
    std::size_t sent = 0, accepted = 0, duplicate = 0, rejected = 0;
    Json rejections = Json::array(); // [{"id", "ticket", "type", "reason"}]
};
PushSummary push(Repository& repo, Remote& remote, const std::string& remote_name,
                 const Progress& progress);

} // namespace tickets
