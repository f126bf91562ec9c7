#pragma once
// Appending a batch of checked events and bringing the materialised rows of
// the tickets they touch up to date: what `import` and `pull` share.
#include "store/repository.hpp"

#include <cstddef>
#include <set>
#include <string>
#include <vector>

namespace tickets {

struct AppliedEvents {
    std::size_t new_tickets = 0;   // tickets the store did not hold before
    std::size_t added = 0;         // events appended
    std::size_t known = 0;         // events the log already held
    std::set<std::string> touched; // tickets whose rows were rewritten
};

// Appends `events` (any order, any tickets; hashes already checked) inside
// the caller's write transaction. A ticket new to the store whose create
// event is in the batch is folded from the batch alone; any other touched
// ticket is re-folded from the log, which then holds all its events.
void apply_events(Repository& repo, std::vector<Event> events, AppliedEvents& result);

} // namespace tickets
