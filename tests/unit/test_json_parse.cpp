// parse_json (simdjson) must give the values nlohmann::json::parse gives:
// event ids are hashes of their re-serialisation.
#include "core/error.hpp"
#include "core/json_parse.hpp"
#include "core/json_text.hpp"

#include <doctest/doctest.h>

using nlohmann::json;
using namespace tickets;

TEST_CASE("parse_json gives what nlohmann's parser gives") {
    const char* texts[] = {
        R"({"v":1,"type":"create","payload":{"subject":"Heizung","cc":[],"tags":["a","b"]}})",
        R"([1,-1,0,-0,9223372036854775807,-9223372036854775808,18446744073709551615])",
        R"([1.5,-0.25,1e10,2E-3,0.1,123456789.125])",
        R"({"s":"\u00e4\u20ac \ud83d\udd25 \"q\" \\ \/ \b\f\n\r\t","u":"Straße"})",
        R"({"z":null,"a":true,"m":false,"nested":{"deep":[[],{},[{"x":"y"}]]}})",
        R"({"twice":1,"twice":2})",
        R"(  "just a string"  )",
        "{\"multi\":\"line\\nbody\"}\n",
    };
    for (const char* text : texts) {
        CAPTURE(text);
        json expected = json::parse(text);
        json got = parse_json(text);
        CHECK(got == expected);
        CHECK(json_text(got) == expected.dump());
    }
}

TEST_CASE("malformed text is a data error") {
    const std::string bad[] = {
        "{",        "{\"a\":}",        "[1,]",    "{\"a\":1} x", "",
        "\"\xff\"", "\"tab\tinside\"", "{'a':1}", "[1e400000]",  "{\"a\" 1}"};
    for (const auto& text : bad) {
        CAPTURE(text);
        CHECK_THROWS_AS(json::parse(text), json::exception);
        try {
            parse_json(text);
            FAIL("accepted");
        } catch (const Failure& f) {
            CHECK(f.code() == kDataErr);
            CHECK(std::string(f.what()).rfind("malformed JSON: ", 0) == 0);
        }
    }
}
