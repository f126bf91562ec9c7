#pragma once
// Sync of the knowledge base (store/kb_store.hpp) beside the tickets'
// events: pull() and push() of sync/sync_client.hpp call these. A server
// without /v1/kb (older than the knowledge base) is skipped.
#include "store/repository.hpp"
#include "sync/remote.hpp"

#include <string>

namespace tickets {

struct KbSyncCounts {
    std::size_t received = 0, added = 0;              // pull
    std::size_t sent = 0, accepted = 0, rejected = 0; // push
    Json rejections = Json::array();                  // [{"id", "ticket", "type", "reason"}]
};

KbSyncCounts pull_kb(Repository& repo, Remote& remote, const std::string& remote_name);
KbSyncCounts push_kb(Repository& repo, Remote& remote, const std::string& remote_name);

} // namespace tickets
