#pragma once
// Appending a batch of checked events and bringing the materialised rows of
// the tickets they touch up to date: what `import` and `pull` share.
//
// In two steps, so that a bulk load can run them on two threads: preparing
// is pure (grouping, folding, building rows), applying writes the store.
#include "core/id_filter.hpp"
#include "store/materialised_row.hpp"
#include "store/repository.hpp"

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

namespace tickets {

// One ticket's share of a batch. When its create event is in the batch, the
// ticket folded from the batch alone and its row are ready too: that is the
// whole ticket if the store does not hold it yet (every ticket of an import
// or a clone), and saves reading its events back from the log.
struct PreparedTicket {
    std::string id;
    std::vector<Event> events; // in the order of the batch
    std::optional<Ticket> folded;
    MaterialisedRow row; // of *folded
};

// Groups `events` (hashes already checked) by ticket and folds them. It
// reads nothing from the store (a second thread may run it) but the working
// calendar of the SLA rows (Repository::sla_calendar_for).
std::vector<PreparedTicket> prepare_tickets(std::vector<Event> events, const Repository& repo);

struct AppliedEvents {
    std::size_t new_tickets = 0; // tickets the store did not hold before
    std::size_t added = 0;       // events appended
    std::size_t known = 0;       // events the log already held
    // The tickets whose rows were rewritten, by 64 bits of their ids: a
    // clone's 100,000 ids as strings took 15 MB. (Two ids sharing 64 bits
    // would count once: about one chance in 10^9 at that size.)
    IdFilter touched;
};

// Appends the events inside the caller's write transaction and rewrites the
// rows of every ticket that got new events: from the prepared fold when the
// ticket is new and all of its events were, else re-folded from the log
// (during a bulk load, at its end: see Repository::refold_when_indexed).
// The tickets stay the caller's (see core/pipeline.hpp for why).
void apply_prepared(Repository& repo, const std::vector<PreparedTicket>& tickets,
                    AppliedEvents& result);

// Records the verdicts (core/fold.hpp) that concern these tickets' events
// and folds those tickets again; after apply_prepared, in its transaction.
// Verdicts of other events are ignored.
void apply_verdicts(Repository& repo, const std::vector<PreparedTicket>& tickets,
                    const Verdicts& verdicts);

// Checks a line's or an answer's {"event id": "why"}; Failure(kDataErr)
// naming what is wrong.
Verdicts verdicts_from_json(const nlohmann::json& j);

// Loads what apply_prepared will look up for these tickets into the cache:
// called for the next batch while the current one is applied, so that the
// lookups' cache misses overlap instead of coming one after another.
void prefetch_prepared(const Repository& repo, const std::vector<PreparedTicket>& tickets,
                       const AppliedEvents& result);

inline void apply_events(Repository& repo, std::vector<Event> events, AppliedEvents& result) {
    apply_prepared(repo, prepare_tickets(std::move(events), repo), result);
}

} // namespace tickets
