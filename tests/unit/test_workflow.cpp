#include "core/names.hpp"
#include "core/workflow.hpp"

#include <doctest/doctest.h>

using namespace tickets;

TEST_CASE("support workflow moves") {
    CHECK_FALSE(forbid_move("new", "open"));
    CHECK_FALSE(forbid_move("open", "pending"));
    CHECK_FALSE(forbid_move("pending", "hold"));
    CHECK_FALSE(forbid_move("solved", "open"));
    CHECK_FALSE(forbid_move("solved", "closed"));
    CHECK(forbid_move("closed", "open").value() == "status is closed");
    CHECK(forbid_move("solved", "pending").value() == "status solved cannot move to pending");
    CHECK(forbid_move("open", "open").value() == "status is already open");
    CHECK(forbid_move("open", "new").has_value());
}

TEST_CASE("German and English names") {
    CHECK(canonical_status("gelöst") == "solved");
    CHECK(canonical_status("Gelöst") == "solved");
    CHECK(canonical_status("GESCHLOSSEN") == "closed");
    CHECK(canonical_status("Wartend") == "pending");
    CHECK_FALSE(canonical_status("fertig")); // "done" is the property workflow's
    CHECK(canonical_type("Störung") == "incident");
    CHECK(canonical_type("Anwenderhilfe") == "question");
    CHECK(canonical_priority("hoch") == "high");
    CHECK(german_status("hold") == "Offen (in Entwicklung)");
}

TEST_CASE("priorities") {
    CHECK(default_priority_for_type("question") == "low");
    CHECK(default_priority_for_type("incident") == "normal");
    CHECK(default_priority_for_type("feature") == "normal");
    CHECK(default_priority_for_type("urgent") == "high");
    CHECK(raise_priority("low") == "normal");
    CHECK(raise_priority("high") == "urgent");
    CHECK(raise_priority("urgent") == "urgent");
}

TEST_CASE("the workflow tables") {
    const Workflow& s = support_workflow();
    CHECK(s.name == "support");
    CHECK(s.initial == "new");
    CHECK(s.initial_assigned == "open");
    CHECK(s.final == "closed");
    CHECK(s.final_locks);
    CHECK(s.sweeps);
    CHECK_FALSE(s.management_moves);
    CHECK(s.is_active("pending"));
    CHECK_FALSE(s.is_active("solved"));
    CHECK(s.inactive_statuses() == std::vector<std::string>{"solved", "closed"});

    const Workflow& p = property_workflow();
    CHECK(p.name == "property");
    std::vector<std::string> names;
    for (const auto& st : p.statuses) names.push_back(st.name);
    CHECK(names == std::vector<std::string>{"open", "approved", "in-progress", "done"});
    CHECK(p.initial == "open");
    CHECK(p.initial_assigned == "open"); // assigning a provider does not move the status
    CHECK(p.done == "done");
    CHECK(p.final == "done");
    CHECK_FALSE(p.final_locks); // done can be reopened
    CHECK(p.resolve_to.empty());
    CHECK(p.close_to.empty());
    CHECK(p.customer_reply_moves.empty());
    CHECK(p.assign_opens.first.empty());
    CHECK_FALSE(p.sweeps);
    CHECK(p.management_moves);
    CHECK(p.is_active("in-progress"));
    CHECK_FALSE(p.is_active("done"));
    CHECK_FALSE(p.has_status("pending"));

    CHECK(find_workflow("property") == &p);
    CHECK(find_workflow("support") == &s);
    CHECK(find_workflow("kanban") == nullptr);
    CHECK(&workflow_of("") == &s); // events from before workflows were recorded
    CHECK(&workflow_of("kanban") == &s);
    CHECK(workflow_names() == std::vector<std::string>{"support", "property"});
}

TEST_CASE("property workflow moves") {
    CHECK_FALSE(forbid_move("property", "open", "approved"));
    CHECK_FALSE(forbid_move("property", "approved", "in-progress"));
    CHECK_FALSE(forbid_move("property", "in-progress", "done"));
    // One step back, and reopening finished work.
    CHECK_FALSE(forbid_move("property", "approved", "open"));
    CHECK_FALSE(forbid_move("property", "in-progress", "approved"));
    CHECK_FALSE(forbid_move("property", "done", "in-progress"));
    // No jumps.
    CHECK(forbid_move("property", "open", "done").value() == "status open cannot move to done");
    CHECK(forbid_move("property", "open", "in-progress").has_value());
    CHECK(forbid_move("property", "approved", "done").has_value());
    CHECK(forbid_move("property", "done", "open").has_value());
    CHECK(forbid_move("property", "done", "approved").has_value());
    CHECK(forbid_move("property", "done", "done").value() == "status is already done");
    // The other workflow's statuses.
    CHECK(forbid_move("property", "open", "pending").value() ==
          "pending is not a status of the property workflow");
    CHECK(forbid_move("property", "new", "open").value() == "unknown status new");
    CHECK(forbid_move("support", "open", "approved").value() ==
          "approved is not a status of the support workflow");
    CHECK(forbid_move("support", "closed", "done").value() == "status is closed");
    // The two-argument form is the support workflow.
    CHECK(forbid_move("support", "solved", "open") == forbid_move("solved", "open"));
    CHECK(forbid_move(property_workflow(), "in-progress", "done") == std::nullopt);
}

TEST_CASE("property status names, English and German") {
    CHECK(canonical_status("approved") == "approved");
    CHECK(canonical_status("Freigegeben") == "approved");
    CHECK(canonical_status("In Bearbeitung") == "in-progress");
    CHECK(canonical_status("in bearbeitung") == "in-progress");
    CHECK(canonical_status("IN-PROGRESS") == "in-progress");
    CHECK(canonical_status("Erledigt") == "done");
    CHECK(canonical_status("done") == "done");
    CHECK(canonical_status("Offen") == "open");
    CHECK(german_status("approved") == "Freigegeben");
    CHECK(german_status("in-progress") == "In Bearbeitung");
    CHECK(german_status("done") == "Erledigt");
    CHECK(german_status("solved") == "Gelöst");
    CHECK(all_statuses() == std::vector<std::string>{"new", "open", "pending", "hold", "solved",
                                                     "closed", "approved", "in-progress", "done"});
}
