#include "core/workflow.hpp"

#include <algorithm>
#include <fmt/format.h>

namespace tickets {

bool Workflow::has_status(std::string_view status) const {
    return std::any_of(statuses.begin(), statuses.end(),
                       [&](const WorkflowStatus& s) { return s.name == status; });
}

bool Workflow::is_active(std::string_view status) const {
    return std::any_of(statuses.begin(), statuses.end(),
                       [&](const WorkflowStatus& s) { return s.name == status && s.active; });
}

std::vector<std::string> Workflow::inactive_statuses() const {
    std::vector<std::string> out;
    for (const auto& s : statuses)
        if (!s.active) out.push_back(s.name);
    return out;
}

// DOMAIN.md "Workflow support": new only ever starts a ticket; closed is
// final (a reply opens a follow-up).
const Workflow& support_workflow() {
    static const Workflow w = [] {
        Workflow s;
        s.name = "support";
        s.statuses = {{"new", "Neu", true},         {"open", "Offen", true},
                      {"pending", "Wartend", true}, {"hold", "Offen (in Entwicklung)", true},
                      {"solved", "Gelöst", false},  {"closed", "Geschlossen", false}};
        s.initial = "new";
        s.initial_assigned = "open";
        s.moves = {
            {"new", {"open", "pending", "hold", "solved", "closed"}},
            {"open", {"pending", "hold", "solved", "closed"}},
            {"pending", {"open", "hold", "solved", "closed"}},
            {"hold", {"open", "pending", "solved", "closed"}},
            {"solved", {"open", "closed"}},
            {"closed", {}},
        };
        s.done = "solved";
        s.final = "closed";
        s.final_locks = true;
        s.resolve_to = "solved";
        s.close_to = "closed";
        s.reopen = {"solved", "open"};
        s.customer_reply_moves = {{"solved", "open"}, {"pending", "open"}};
        s.assign_opens = {"new", "open"};
        s.sweeps = true;
        return s;
    }();
    return w;
}

// DOMAIN.md "Workflow property" (DIN SPEC 77008 style): open -> approved
// (management orders the work) -> in-progress -> done. One step back is
// allowed (approved -> open withdraws the order, in-progress -> approved
// hands the work back), and done -> in-progress reopens unfinished work.
// Nothing moves on its own: no resolve, no close, no reopen by a reply, no
// sweep; done is not locked.
const Workflow& property_workflow() {
    static const Workflow w = [] {
        Workflow p;
        p.name = "property";
        p.statuses = {{"open", "Offen", true},
                      {"approved", "Freigegeben", true},
                      {"in-progress", "In Bearbeitung", true},
                      {"done", "Erledigt", false}};
        p.initial = "open";
        p.initial_assigned = "open";
        p.moves = {
            {"open", {"approved"}},
            {"approved", {"in-progress", "open"}},
            {"in-progress", {"done", "approved"}},
            {"done", {"in-progress"}},
        };
        p.done = "done";
        p.final = "done";
        p.final_locks = false;
        p.reopen = {"done", "in-progress"};
        p.sweeps = false;
        p.management_moves = true;
        p.assignee_moves = {{"approved", "in-progress"}, {"in-progress", "done"}};
        return p;
    }();
    return w;
}

const std::vector<std::string>& workflow_names() {
    static const std::vector<std::string> names = {"support", "property"};
    return names;
}

const Workflow* find_workflow(std::string_view name) {
    if (name == "support") return &support_workflow();
    if (name == "property") return &property_workflow();
    return nullptr;
}

const Workflow& workflow_of(std::string_view name) {
    const Workflow* w = find_workflow(name);
    return w ? *w : support_workflow();
}

bool is_final_status(std::string_view status) {
    return status == support_workflow().final;
}

std::optional<std::string> forbid_move(const Workflow& w, std::string_view from,
                                       std::string_view to) {
    if (from == to) return fmt::format("status is already {}", from);
    auto it = std::find_if(w.moves.begin(), w.moves.end(),
                           [&](const auto& m) { return m.first == from; });
    if (it == w.moves.end()) return fmt::format("unknown status {}", from);
    if (w.final_locks && from == w.final) return fmt::format("status is {}", from);
    if (!w.has_status(to)) return fmt::format("{} is not a status of the {} workflow", to, w.name);
    if (std::find(it->second.begin(), it->second.end(), to) != it->second.end())
        return std::nullopt;
    return fmt::format("status {} cannot move to {}", from, to);
}

std::optional<std::string> forbid_move(std::string_view workflow, std::string_view from,
                                       std::string_view to) {
    return forbid_move(workflow_of(workflow), from, to);
}

std::optional<std::string> forbid_move(std::string_view from, std::string_view to) {
    return forbid_move(support_workflow(), from, to);
}

} // namespace tickets
