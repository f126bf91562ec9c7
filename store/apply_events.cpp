#include "store/apply_events.hpp"

#include "core/error.hpp"
#include "core/event_schema.hpp"
#include "core/fold.hpp"
#include "store/repository.hpp"

#include <map>

namespace tickets {

std::vector<PreparedTicket> prepare_tickets(std::vector<Event> events, const Repository& repo) {
    std::map<std::string, PreparedTicket> by_ticket;
    for (auto& e : events) {
        std::string id = e.ticket_id();
        PreparedTicket& p = by_ticket[id];
        p.id = id;
        p.events.push_back(std::move(e));
    }
    std::vector<PreparedTicket> out;
    out.reserve(by_ticket.size());
    for (auto& [id, p] : by_ticket) {
        bool has_create = false;
        for (const auto& e : p.events)
            has_create = has_create || (e.type == "create" && e.id == id);
        if (has_create) {
            p.folded = fold(p.events);
            p.row = materialised_row(*p.folded, repo.sla_calendar_for(*p.folded));
        }
        out.push_back(std::move(p));
    }
    return out;
}

void prefetch_prepared(const Repository& repo, const std::vector<PreparedTicket>& tickets,
                       const AppliedEvents& result) {
    for (const auto& p : tickets) {
        result.touched.prefetch(p.id);
        for (const auto& e : p.events) repo.prefetch_bulk_id(e.id);
    }
}

void apply_prepared(Repository& repo, const std::vector<PreparedTicket>& tickets,
                    AppliedEvents& result) {
    for (const auto& p : tickets) {
        bool existed = repo.has_ticket(p.id);
        size_t fresh = 0; // an event listed twice in the batch counts once
        for (const auto& e : p.events) {
            if (repo.append(e))
                ++fresh;
            else
                ++result.known;
        }
        result.added += fresh;
        if (fresh == 0) continue;
        result.touched.insert(p.id);
        // The prepared fold is the ticket only if the store knew none of it.
        if (!existed && p.folded && fresh == p.events.size()) {
            repo.materialise(p.row, /*fresh=*/true);
            ++result.new_tickets;
            continue;
        }
        repo.refold_when_indexed(p.id);
        if (!existed) ++result.new_tickets;
    }
}

void apply_verdicts(Repository& repo, const std::vector<PreparedTicket>& tickets,
                    const Verdicts& verdicts) {
    if (verdicts.empty()) return;
    for (const auto& p : tickets) {
        bool any = false;
        for (const auto& e : p.events)
            if (auto v = verdicts.find(e.id); v != verdicts.end()) {
                repo.record_verdict(e.id, p.id, v->second);
                any = true;
            }
        if (any) repo.refold_when_indexed(p.id);
    }
}

Verdicts verdicts_from_json(const nlohmann::json& j) {
    if (!j.is_object()) throw Failure(kDataErr, "'verdicts' must be an object");
    Verdicts out;
    for (const auto& [id, why] : j.items()) {
        if (!is_hex64(id) || !why.is_string())
            throw Failure(kDataErr, "'verdicts' must map event ids to reasons");
        out.emplace(id, why.get<std::string>());
    }
    return out;
}

} // namespace tickets
