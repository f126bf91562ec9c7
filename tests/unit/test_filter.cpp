#include "core/error.hpp"
#include "core/filter.hpp"

#include <doctest/doctest.h>

using namespace tickets;

namespace {
const Instant kNow = 1'763'900'000; // 2025-11-23T12:13:20Z
int code_of(const std::vector<std::string>& terms) {
    try {
        parse_filter(terms, kNow, "me@example.com");
    } catch (const Failure& f) {
        return f.code();
    }
    return 0;
}
} // namespace

TEST_CASE("field terms, several values, German names") {
    Filter f = parse_filter({"status:open,gelöst", "type:Störung", "assignee:me", "heizung"}, kNow,
                            "Me@Example.com");
    REQUIRE(f.fields.size() == 3);
    CHECK(f.fields[0].field == "status");
    CHECK(f.fields[0].values == std::vector<std::string>{"open", "solved"});
    CHECK(f.fields[1].values == std::vector<std::string>{"incident"});
    CHECK(f.fields[2].values == std::vector<std::string>{"me@example.com"});
    CHECK(f.words == std::vector<std::string>{"heizung"});
}

TEST_CASE("assignee:none and org map to columns") {
    Filter f = parse_filter({"assignee:none", "org:muster-hv.de"}, kNow, "");
    CHECK(f.fields[0].values == std::vector<std::string>{""});
    CHECK(f.fields[1].field == "organisation");
}

TEST_CASE("dates: absolute and relative") {
    Filter f = parse_filter({"created.after:-7d", "updated.before:2025-11-01"}, kNow, "");
    REQUIRE(f.dates.size() == 2);
    CHECK(f.dates[0].field == "created");
    CHECK(f.dates[0].after);
    CHECK(f.dates[0].at == kNow - 7 * 86400);
    CHECK(f.dates[1].field == "updated");
    CHECK_FALSE(f.dates[1].after);
    CHECK(f.dates[1].at == 1'761'955'200);
}

TEST_CASE("bad terms are usage errors") {
    CHECK(code_of({"stauts:open"}) == kUsage);
    CHECK(code_of({"status:fertig"}) == kUsage); // done is a property status
    CHECK(code_of({"status:done,approved"}) == 0);
    CHECK(code_of({"created.after:yesterweek"}) == kUsage);
    CHECK(code_of({"created.after:2025-02-30"}) == kUsage);
    CHECK(code_of({"priority:"}) == kUsage);
    CHECK(code_of({"status:open"}) == 0);
}

TEST_CASE("assignee:me without an identity is a config error") {
    CHECK_THROWS_AS(parse_filter({"assignee:me"}, kNow, ""), Failure);
}

TEST_CASE("negated terms: -key:value and key:!value") {
    Filter f = parse_filter({"-status:closed,gelöst", "assignee:!none", "-heizung"}, kNow,
                            "me@example.com");
    REQUIRE(f.fields.size() == 2);
    CHECK(f.fields[0].negated);
    CHECK(f.fields[0].values == std::vector<std::string>{"closed", "solved"});
    CHECK(f.fields[1].negated);
    CHECK(f.fields[1].values == std::vector<std::string>{""});
    // Without a colon: a search word; a date term has no negation.
    CHECK(f.words == std::vector<std::string>{"-heizung"});
    CHECK(code_of({"-created.after:2026-01-01"}) == kUsage);
    CHECK_FALSE(parse_filter({"status:open"}, kNow, "").fields[0].negated);
    CHECK(code_of({"status:!"}) == kUsage);
    CHECK(code_of({"-status:!quatsch"}) == kUsage);
}
