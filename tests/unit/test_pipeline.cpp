// run_pipeline: two threads, items in order, failures from either side.
#include "core/pipeline.hpp"

#include <doctest/doctest.h>
#include <stdexcept>
#include <string>
#include <vector>

using namespace tickets;

TEST_CASE("every item reaches the consumer, in order") {
    int next = 0;
    std::vector<int> seen;
    run_pipeline<int>(
        [&]() -> std::optional<int> {
            return next < 1000 ? std::optional<int>(next++) : std::nullopt;
        },
        [&](int& i) { seen.push_back(i); }, 3);
    REQUIRE(seen.size() == 1000);
    for (int i = 0; i < 1000; ++i) CHECK(seen[i] == i);
}

TEST_CASE("a producer failure arrives after the items made before it") {
    int next = 0;
    std::vector<int> seen;
    auto produce = [&]() -> std::optional<int> {
        if (next == 5) throw std::runtime_error("line 6: malformed");
        return next++;
    };
    CHECK_THROWS_WITH(run_pipeline<int>(produce, [&](int& i) { seen.push_back(i); }),
                      "line 6: malformed");
    CHECK(seen == std::vector<int>{0, 1, 2, 3, 4});
}

TEST_CASE("a consumer failure stops the producer") {
    int produced = 0;
    auto produce = [&]() -> std::optional<int> { return produced++; }; // would never end
    auto consume = [](int& i) {
        if (i == 10) throw std::runtime_error("store full");
    };
    CHECK_THROWS_WITH(run_pipeline<int>(produce, consume, 2), "store full");
    CHECK(produced <= 10 + 1 + 2 + 1); // up to the failing item, the one in hand and the queue
}

TEST_CASE("an empty producer consumes nothing") {
    int calls = 0;
    run_pipeline<std::string>([]() -> std::optional<std::string> { return std::nullopt; },
                              [&](std::string&) { ++calls; });
    CHECK(calls == 0);
}
