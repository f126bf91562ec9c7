#pragma once
// Consistency of the store: every event's hash, and the materialised
// tables against a fresh fold of the events.
#include "store/repository.hpp"

#include <string>
#include <vector>

namespace tickets {

struct FsckReport {
    size_t tickets = 0, events = 0;
    std::vector<std::string> problems; // one line each, naming the ticket
};

FsckReport check_store(Repository& repo);
// Drops and rewrites every materialised row (inside the caller's transaction).
size_t rebuild_store(Repository& repo);
// Folds every ticket again and rewrites its rows in place (keeping their
// rowids): after a change of the fold.
size_t refold_store(Repository& repo);

} // namespace tickets
