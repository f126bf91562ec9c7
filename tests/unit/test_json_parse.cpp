// Both JSON parsers, core's parse_json (RapidJSON) and the json module's
// (simdjson, for bulk input), must give the values nlohmann::json::parse
// gives: event ids are hashes of their re-serialisation, and an import or a
// pull must not see a ticket other than a `show` does.
#include "core/error.hpp"
#include "core/json_parse.hpp"
#include "core/json_text.hpp"
#include "store/transport/simdjson_parse.hpp"

#include <doctest/doctest.h>

using nlohmann::json;
using namespace tickets;

namespace {

using Parser = json (*)(std::string_view);
const std::pair<std::string, Parser> kParsers[] = {{"RapidJSON", parse_json},
                                                   {"simdjson", transport::parse_json_simdjson}};

} // namespace

TEST_CASE("both parsers give what nlohmann's parser gives") {
    const std::string texts[] = {
        R"({"v":1,"type":"create","payload":{"subject":"Heizung","cc":[],"tags":["a","b"]}})",
        R"([1,-1,0,-0,9223372036854775807,-9223372036854775808,18446744073709551615])",
        R"([4294967295,4294967296,-2147483648,-2147483649,2147483647])",
        R"([1.5,-0.25,1e10,2E-3,0.1,123456789.125,-0.0,1.7976931348623157e308,5e-324])",
        R"({"s":"\u00e4\u20ac \ud83d\udd25 \"q\" \\ \/ \b\f\n\r\t","u":"Straße"})",
        R"({"z":null,"a":true,"m":false,"nested":{"deep":[[],{},[{"x":"y"}]]}})",
        R"({"twice":1,"twice":2})",
        R"({"o":{"a":1},"o":{"b":2}})",
        R"({"a":1,"b":2,"c":3,"b":4,"d":5,"a":6})",
        R"({"c":1,"a":2,"b":3,"e":{"y":1,"x":2,"z":3},"d":4})",
        R"(  "just a string"  )",
        "{\"multi\":\"line\\nbody\"}\n",
        std::string(R"({"nul":"a\u0000b"})"),
        std::string(200, '[') + std::string(200, ']'),
    };
    for (const auto& [name, parse] : kParsers)
        for (const auto& text : texts) {
            CAPTURE(name);
            CAPTURE(text);
            json expected = json::parse(text);
            json got = parse(text);
            CHECK(got == expected);
            CHECK(json_text(got) == expected.dump());
        }
}

TEST_CASE("integers are int64 when they fit, else uint64, in both parsers") {
    for (const auto& [name, parse] : kParsers) {
        CAPTURE(name);
        json j = parse("[5,-5,9223372036854775807,9223372036854775808]");
        CHECK(j[0].is_number_integer());
        CHECK_FALSE(j[0].is_number_unsigned());
        CHECK(j[1].get<std::int64_t>() == -5);
        CHECK_FALSE(j[2].is_number_unsigned());
        CHECK(j[3].is_number_unsigned());
        CHECK(j[3].get<std::uint64_t>() == 9223372036854775808ull);
    }
}

TEST_CASE("malformed text is a data error in both parsers") {
    const std::string bad[] = {"{",
                               "{\"a\":}",
                               "[1,]",
                               "{\"a\":1} x",
                               "",
                               "\"\xff\"",
                               "\"\xc3\"",
                               "{\"a\":\"\xed\xa0\x80\"}",
                               "\"tab\tinside\"",
                               "{'a':1}",
                               "[1e400000]",
                               "{\"a\" 1}",
                               "[\"\\ud800\"]",
                               "NaN",
                               std::string("[\"a\0b\"]", 7)};
    for (const auto& [name, parse] : kParsers)
        for (const auto& text : bad) {
            CAPTURE(name);
            CAPTURE(text);
            CHECK_THROWS_AS(json::parse(text), json::exception);
            try {
                parse(text);
                FAIL("accepted");
            } catch (const Failure& f) {
                CHECK(f.code() == kDataErr);
                CHECK(std::string(f.what()).rfind("malformed JSON: ", 0) == 0);
            }
        }
}

TEST_CASE("text after a NUL byte is not ignored") {
    // nlohmann's parser stops at the NUL and accepts this; ours refuse it.
    const std::string text("{\"a\":1}\0{}", 10);
    for (const auto& [name, parse] : kParsers) {
        CAPTURE(name);
        CHECK_THROWS_AS(parse(text), Failure);
    }
}

TEST_CASE("deep nesting is refused, not a stack overflow") {
    std::string deep = std::string(100000, '[') + std::string(100000, ']');
    for (const auto& [name, parse] : kParsers) {
        CAPTURE(name);
        CHECK_THROWS_AS(parse(deep), Failure);
    }
    CHECK_THROWS_WITH(parse_json(deep), "malformed JSON: nested deeper than 1024 levels");
}
