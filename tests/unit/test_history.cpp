#include "core/history.hpp"

#include <doctest/doctest.h>

using namespace tickets;

namespace {

Event event(const std::string& type, Json payload) {
    Event e;
    e.type = type;
    e.payload = std::move(payload);
    return e;
}

} // namespace

TEST_CASE("history lines say what a change did") {
    CHECK(describe_change(event("status", {{"status", "pending"}})) == "status: pending");
    CHECK(describe_change(event("assign", {{"assignee", "a@b.de"}})) == "assigned to a@b.de");
    CHECK(describe_change(event("assign", {{"assignee", ""}})) == "unassigned");
    CHECK(describe_change(event("set", {{"priority", "high"}, {"tags", {"a", "b"}}})) ==
          "changed priority high; tags a, b");
    CHECK(describe_change(event("set", {{"assignee", ""}, {"cc", Json::array()}})) ==
          "changed assignee (none); cc (none)");
    CHECK(describe_change(event("close", {{"reason", "merged"}, {"into", "3f2a1c9e0b"}})) ==
          "closed: merged into 3f2a1c9");
    CHECK(describe_change(event("close", Json::object())) == "closed");
    CHECK(describe_change(event("remind", {{"reminder", 2}})) == "reminder 2 sent");
    CHECK(describe_change(event("rate", {{"rating", "good"}})) == "rated good");
    CHECK(describe_change(event("link", {{"ticket", "abcdef12"}, {"relation", "parent"}})) ==
          "linked parent abcdef1");
    CHECK(describe_change(event("resolve", {{"solution", ""}})) == "solved");
}

TEST_CASE("correspondence has no history line") {
    CHECK_FALSE(describe_change(event("comment", {{"body", "x"}})));
    CHECK_FALSE(describe_change(event("escalate", {{"reason", "x"}})));
    CHECK_FALSE(describe_change(event("resolve", {{"solution", "Erledigt"}})));
    CHECK_FALSE(describe_change(event("create", Json::object())));
}
