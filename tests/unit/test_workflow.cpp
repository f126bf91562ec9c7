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
    CHECK_FALSE(canonical_status("done"));
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
