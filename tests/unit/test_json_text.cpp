// json_text must write exactly what nlohmann's dump() writes: event ids
// are SHA-256 hashes of this text, so one differing byte would change them.
#include "core/json_text.hpp"

#include <doctest/doctest.h>
#include <random>

using nlohmann::json;
using tickets::json_text;

namespace {

std::string dumped(const json& j) {
    return j.dump(-1, ' ', false, json::error_handler_t::strict);
}

} // namespace

TEST_CASE("json_text: scalars, containers and nesting as dump() writes them") {
    const std::vector<json> values = {
        json(nullptr),
        json(true),
        json(false),
        json(0),
        json(-1),
        json(std::int64_t{-9223372036854775807LL - 1}),
        json(std::uint64_t{18446744073709551615ULL}),
        json(1.5),
        json(-0.1),
        json(1e300),
        json(""),
        json::array(),
        json::object(),
        json::parse(R"({"z":1,"a":[1,{"y":null,"b":"x"}],"m":{}})"),
        json::parse(R"({"subject":"Heizung im 2. OG ausgefallen","cc":["a@b.de"],"n":3})"),
    };
    for (const auto& j : values) CHECK(json_text(j) == dumped(j));
}

TEST_CASE("json_text: every escape dump() writes, and text it copies as is") {
    std::string all;
    for (int c = 1; c < 0x80; ++c) all += static_cast<char>(c);
    all += "\xc3\xa4\xc3\xb6\xc3\xbc\xc3\x9f \xe2\x82\xac \xf0\x9f\x94\xa5 \x7f";
    for (const std::string& s : {all, std::string("\"quoted\" \\ back\\slash"),
                                 std::string("tab\there\nline\r\n"), std::string(1, '\0')}) {
        CHECK(json_text(json(s)) == dumped(json(s)));
        CHECK(json_text(json{{s, s}}) == dumped(json{{s, s}}));
    }
}

TEST_CASE("json_text: random valid UTF-8 strings match dump()") {
    std::mt19937 rng(7);
    const std::vector<std::string> pieces = {
        "a",    "Z",    " ",    "\"",       "\\",           "\n",
        "\x01", "\x1f", "\x7f", "\xc3\xa4", "\xe2\x82\xac", "\xf0\x9f\x94\xa5",
        "/",    "\t"};
    for (int round = 0; round < 500; ++round) {
        std::string s;
        int length = static_cast<int>(rng() % 40);
        for (int i = 0; i < length; ++i) s += pieces[rng() % pieces.size()];
        json j = {{"payload", {{"body", s}, {"list", {s, round}}}}};
        REQUIRE(json_text(j) == dumped(j));
    }
}

TEST_CASE("json_text: an escaped byte at every position of long plain text") {
    const std::string plain = "Heizung im 2. OG ausgef\xc3\xa4llt, bitte Techniker schicken";
    for (const char* special : {"\"", "\\", "\n", "\x01", "\x1f"})
        for (size_t at = 0; at <= plain.size(); ++at) {
            if (at < plain.size() && (plain[at] & 0xC0) == 0x80) continue; // inside the ä
            std::string s = plain;
            s.insert(at, special);
            CAPTURE(at);
            REQUIRE(json_text(json(s)) == dumped(json(s)));
        }
    // Bytes at the edges of the range: 0x20 and 0x7f stay, 0x1f is escaped.
    std::string edges = std::string(9, ' ') + "\x7f\x7f\x7f\x7f\x7f\x7f\x7f\x7f" + "\x1f";
    CHECK(json_text(json(edges)) == dumped(json(edges)));
}

TEST_CASE("json_text: invalid UTF-8 is refused as dump() refuses it") {
    for (const std::string& bad : {std::string("\xff"), std::string("ab\xc3"),
                                   std::string("\xed\xa0\x80"), std::string("\xc0\xaf")}) {
        CHECK_THROWS_AS(dumped(json(bad)), json::type_error);
        CHECK_THROWS_AS(json_text(json(bad)), json::type_error);
    }
}

TEST_CASE("append_json_strings: an array of strings as dump() writes it") {
    for (const std::vector<std::string>& values :
         {std::vector<std::string>{}, std::vector<std::string>{"a@muster-hv.de"},
          std::vector<std::string>{"winter", "\"dringend\"", "Größe\n"}}) {
        std::string out;
        tickets::append_json_strings(out, values);
        CHECK(out == dumped(json(values)));
    }
}

TEST_CASE("JsonObjectText: the keys sorted, whatever order they were written in") {
    const json expected = {{"b", "zwei"},   {"a", 1},    {"c", json::array({"x"})},
                           {"aa", nullptr}, {"d", true}, {"e", {{"k", "v"}}}};
    auto in_order = [] {
        return tickets::JsonObjectText(6, 64)
            .number("a", 1)
            .raw("aa", "null")
            .string("b", "zwei")
            .strings("c", {"x"})
            .boolean("d", true)
            .raw("e", "{\"k\":\"v\"}")
            .text();
    };
    auto shuffled = [] {
        return tickets::JsonObjectText()
            .boolean("d", true)
            .string("b", "zwei")
            .raw("e", "{\"k\":\"v\"}")
            .raw("aa", "null")
            .number("a", 1)
            .strings("c", {"x"})
            .text();
    };
    // Sorted but for the last key, and an empty object.
    auto last_out_of_order = tickets::JsonObjectText().number("b", 2).number("c", 3).number("a", 1);
    CHECK(in_order() == dumped(expected));
    CHECK(shuffled() == dumped(expected));
    CHECK(last_out_of_order.text() == R"({"a":1,"b":2,"c":3})");
    CHECK(tickets::JsonObjectText().text() == "{}");
}
