#pragma once
// The workflows of DOMAIN.md as data: each is a small table of statuses,
// the moves between them and how the other commands (assign, resolve,
// reopen, close, delete, a customer's reply, the sweep) touch the status.
// Two are built in: "support" (the default) and "property". A ticket's
// workflow is recorded in its create event, so the fold never depends on
// local config.
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace tickets {

struct WorkflowStatus {
    std::string name;   // canonical English name ("in-progress")
    std::string german; // the label users know ("In Bearbeitung")
    bool active = true; // work still to do: escalation allowed, no rating yet
};

struct Workflow {
    std::string name;
    std::vector<WorkflowStatus> statuses; // in the order of the work
    std::string initial;                  // a new ticket without an assignee
    std::string initial_assigned;         // a new ticket created with an assignee
    // from -> the statuses `tickets status` (a "status" event) may move to.
    std::vector<std::pair<std::string, std::vector<std::string>>> moves;
    std::string done;         // work finished: sets solved_at; `rate` is allowed from here on
    std::string final;        // where `delete` ends
    bool final_locks = false; // the final status takes no edits, moves or assignment
    std::string resolve_to;   // `resolve` moves here (empty: no resolve in this workflow)
    std::string close_to;     // `close` moves here (empty: no close in this workflow)
    std::pair<std::string, std::string> reopen; // `reopen`: from -> to
    // A public reply of the requester or a CC: from -> to (support: it
    // reopens a solved ticket and takes a pending one back to open).
    std::vector<std::pair<std::string, std::string>> customer_reply_moves;
    std::pair<std::string, std::string> assign_opens; // assigning someone: from -> to
    bool sweeps = false; // `tickets sweep` reminds pending and closes solved tickets
    // Who may move the status (core/access.hpp forbid_status_change):
    // false: as before workflows (support: agents, and a customer solving
    // their own ticket); true: only management, and the ticket's assignee
    // (a service provider or caretaker) for the moves in assignee_moves.
    bool management_moves = false;
    std::vector<std::pair<std::string, std::string>> assignee_moves; // from -> to

    bool has_status(std::string_view status) const;
    bool is_active(std::string_view status) const;
    // The statuses that are not active ("solved or closed"), for messages.
    std::vector<std::string> inactive_statuses() const;
};

const Workflow& support_workflow();
const Workflow& property_workflow();
// "support", "property": the names `core.workflow` accepts.
const std::vector<std::string>& workflow_names();
// Nothing for a name no built-in workflow has.
const Workflow* find_workflow(std::string_view name);
// The workflow a ticket records; empty or unknown names read as "support"
// (events written before workflows were recorded have none).
const Workflow& workflow_of(std::string_view name);

// The support workflow's final status (closed).
bool is_final_status(std::string_view status);
// Nothing when `from` -> `to` is allowed in the workflow, otherwise why not
// ("status is closed", "status open cannot move to done"). The two-argument
// form is the support workflow.
std::optional<std::string> forbid_move(const Workflow& w, std::string_view from,
                                       std::string_view to);
std::optional<std::string> forbid_move(std::string_view workflow, std::string_view from,
                                       std::string_view to);
std::optional<std::string> forbid_move(std::string_view from, std::string_view to);

} // namespace tickets
