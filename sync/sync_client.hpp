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
