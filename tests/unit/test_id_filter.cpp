// IdFilter: "certainly new" must never be said of an id already inserted.
#include "core/hash.hpp"
#include "core/id_filter.hpp"

#include <doctest/doctest.h>
#include <string>

using namespace tickets;

TEST_CASE("an id is new once, and is found afterwards, across growth") {
    IdFilter filter;
    CHECK_FALSE(filter.maybe_contains(sha256_hex("0")));
    for (int i = 0; i < 20000; ++i) REQUIRE(filter.insert(sha256_hex(std::to_string(i))));
    CHECK(filter.size() == 20000);
    for (int i = 0; i < 20000; ++i) {
        REQUIRE(filter.maybe_contains(sha256_hex(std::to_string(i))));
        REQUIRE_FALSE(filter.insert(sha256_hex(std::to_string(i))));
    }
    // 64 bits of each id: random ids that were never inserted are not found.
    int false_hits = 0;
    for (int i = 20000; i < 40000; ++i)
        false_hits += filter.maybe_contains(sha256_hex(std::to_string(i)));
    CHECK(false_hits == 0);
}

TEST_CASE("ids that are not hex digests are filtered too") {
    IdFilter filter;
    CHECK(filter.insert("not a digest"));
    CHECK(filter.insert(""));
    CHECK(filter.insert("0000000000000000")); // the key 0 marks empty slots
    CHECK_FALSE(filter.insert("not a digest"));
    CHECK_FALSE(filter.insert(""));
    CHECK_FALSE(filter.insert("0000000000000000"));
    CHECK_FALSE(filter.maybe_contains("another"));
}
