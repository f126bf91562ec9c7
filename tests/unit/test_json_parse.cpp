// Both JSON parsers, core's parse_json (RapidJSON) and the bulk one
// (store/bulk_json: simdjson when the build has it), must give the values nlohmann::json::parse
// gives: event ids are hashes of their re-serialisation, and an import or a
// pull must not see a ticket other than a `show` does.
#include "build_config.hpp"
#include "core/error.hpp"
#include "core/json_parse.hpp"
#include "core/json_text.hpp"
#include "store/bulk_json.hpp"

#include <doctest/doctest.h>

using nlohmann::json;
using namespace tickets;

namespace {

using Parser = json (*)(std::string_view);
const std::pair<std::string, Parser> kParsers[] = {{"RapidJSON", parse_json},
                                                   {"bulk", parse_bulk_json}};

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
        std::string(kMaxJsonDepth, '[') + std::string(kMaxJsonDepth, ']'),
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

TEST_CASE("nesting deeper than kMaxJsonDepth is refused, however deep, not a stack overflow") {
    for (const auto& [name, parse] : kParsers)
        for (size_t depth : {kMaxJsonDepth + 1, size_t(100000)}) {
            CAPTURE(name);
            CAPTURE(depth);
            for (auto [open, close] : {std::pair{'[', ']'}, std::pair{'{', '}'}}) {
                std::string text;
                for (size_t i = 0; i < depth; ++i) text += open == '[' ? "[" : "{\"k\":";
                text += "1";
                text += std::string(depth, close);
                try {
                    parse(text);
                    FAIL("accepted");
                } catch (const Failure& f) {
                    CHECK(f.code() == kDataErr);
                }
            }
        }
    CHECK_THROWS_WITH(parse_json(std::string(65, '[') + std::string(65, ']')),
                      "malformed JSON: nested deeper than 64 levels");
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

namespace {

Event sealed(const std::string& type, const std::string& ticket, std::int64_t lamport,
             Json payload) {
    Event e;
    e.type = type;
    e.ticket = ticket;
    e.author = "mieter@muster-hv.de";
    e.time = 1'795'443'090 + lamport;
    e.lamport = lamport;
    e.payload = std::move(payload);
    return seal(std::move(e));
}

struct TwoEvents {
    Event create = sealed("create", "", 1, {{"subject", "Heizung"}, {"cc", json::array()}});
    Event reply =
        sealed("comment", create.id, 2, {{"body", "Danke \"sehr\"\n€"}, {"internal", false}});
};

bool read_line(const std::string& text, WireLine& line) {
    return parse_bulk_events(text, line);
}

} // namespace

// The direct path exists only with simdjson; without it every line takes
// the general one.
#if TICKETS_SIMDJSON
TEST_CASE("a line's events read straight from the parser are the events event_from_json reads") {
    TwoEvents two;
    json events = json::array({event_to_json(two.create), event_to_json(two.reply)});
    // As `export` writes it: the ticket first, which is skipped.
    json line_json = {{"ticket", {{"id", two.create.id}, {"subject", "Heizung"}}},
                      {"events", events},
                      {"blobs", {{"abc", "ZGF0YQ=="}}}};
    WireLine line;
    REQUIRE(read_line(line_json.dump(), line));
    REQUIRE(line.events.size() == 2);
    CHECK(line.blobs == line_json["blobs"]);
    for (size_t i = 0; i < 2; ++i) {
        Event direct = event_from_wire(line.events[i]);
        Event general = event_from_json(events[i]);
        CHECK(direct.id == general.id);
        CHECK(direct.ticket == general.ticket);
        CHECK(direct.type == general.type);
        CHECK(direct.author == general.author);
        CHECK(direct.time == general.time);
        CHECK(direct.lamport == general.lamport);
        CHECK(direct.payload == general.payload);
        CHECK(direct.canonical == general.canonical);
    }
    // Without blobs; and one bare event per line.
    REQUIRE(read_line(json{{"events", events}}.dump(), line));
    CHECK(line.events.size() == 2);
    CHECK(line.blobs.is_null());
    REQUIRE(read_line(events[1].dump(), line));
    REQUIRE(line.events.size() == 1);
    CHECK(event_from_wire(line.events[0]).id == two.reply.id);
    // A create event's "ticket", if any, is ignored as event_from_json ignores it.
    json create = events[0];
    create["ticket"] = two.reply.id;
    REQUIRE(read_line(create.dump(), line));
    CHECK(line.events[0].ticket.empty());
    CHECK(event_from_wire(line.events[0]).id == two.create.id);
}
#endif

TEST_CASE("any other shape of line is left to the general path and its messages") {
    TwoEvents two;
    json reply = event_to_json(two.reply);
    auto with = [&](const char* key, json value) {
        json e = reply;
        e[key] = std::move(value);
        return json{{"events", {e}}}.dump();
    };
    auto without = [&](const char* key) {
        json e = reply;
        e.erase(key);
        return json{{"events", {e}}}.dump();
    };
    const std::string lines[] = {
        with("v", 2),
        with("v", 1.0),
        with("v", "1"),
        with("lamport", "2"),
        with("lamport", 2.5),
        with("lamport", std::uint64_t{18446744073709551615ULL}),
        with("payload", json::array()),
        with("author", nullptr),
        with("note", "an unknown member"),
        without("author"),
        without("payload"),
        without("ticket"),
        without("v"),
        // The same member twice (nlohmann keeps the last one).
        [&] {
            std::string e = reply.dump();
            e.insert(1, R"("author":"jemand@anders.de",)");
            return R"({"events":[)" + e + "]}";
        }(),
        R"({"events":[],"events":[]})",
        R"({"events":[],"blobs":{},"blobs":{}})",
        R"({"events":[],"blobs":null})",
        R"({"events":[],"blobs":[]})",
        R"({"events":{}})",
        R"({"events":[1]})",
        R"([1,2])",
        R"("text")",
        // A bare event cannot carry blobs.
        [&] {
            json e = reply;
            e["blobs"] = json::object();
            return e.dump();
        }(),
    };
    for (const auto& text : lines) {
        CAPTURE(text);
        WireLine line;
        CHECK_FALSE(read_line(text, line));
    }
#if TICKETS_SIMDJSON
    WireLine empty;
    CHECK(read_line(R"({"events":[]})", empty));
    CHECK(empty.events.empty());
#endif
}

#if TICKETS_SIMDJSON
TEST_CASE("a malformed line is a data error on the direct path too") {
    WireLine line;
    for (const std::string text : {"{\"events\":[", "{\"a\":\"\xff\"}", ""}) {
        CAPTURE(text);
        try {
            read_line(text, line);
            FAIL("accepted");
        } catch (const Failure& e) {
            CHECK(e.code() == kDataErr);
            CHECK(std::string(e.what()).rfind("malformed JSON: ", 0) == 0);
        }
    }
}
#endif
