#include "store/apply_events.hpp"

#include "core/fold.hpp"

#include <map>

namespace tickets {

void apply_events(Repository& repo, std::vector<Event> events, AppliedEvents& result) {
    std::map<std::string, std::vector<Event>> by_ticket;
    for (auto& e : events) {
        std::string id = e.ticket_id();
        by_ticket[id].push_back(std::move(e));
    }
    for (auto& [id, list] : by_ticket) {
        bool existed = repo.has_ticket(id);
        std::vector<Event> fresh; // an event listed twice in the batch counts once
        for (auto& e : list) {
            if (repo.append(e)) {
                ++result.added;
                fresh.push_back(std::move(e));
            } else {
                ++result.known;
            }
        }
        if (fresh.empty()) continue;
        result.touched.insert(id);
        if (existed) {
            repo.refold(id);
            continue;
        }
        Ticket t = fold(std::move(fresh));
        if (t.id != id) {
            // Its create event came in an earlier batch (or not at all, which
            // refold reports): the log has everything so far.
            repo.refold(id);
            continue;
        }
        // Reading the events back from the log would cost a query and a parse
        // per event; a clone or an import is made of such tickets.
        repo.materialise(t, /*fresh=*/true);
        ++result.new_tickets;
    }
}

} // namespace tickets
