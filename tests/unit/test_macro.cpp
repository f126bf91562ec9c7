// Canned replies: parsed from the config, filled for a ticket.
#include "core/error.hpp"
#include "core/macro.hpp"
#include "core/pseudonym.hpp"

#include <doctest/doctest.h>

using namespace tickets;

TEST_CASE("macros from the config, checked") {
    auto macros = parse_macros({{"danke.reply", "Danke, {{ requester.name }}!"},
                                {"danke.status", "Gelöst"},
                                {"danke.tags", "dank, ende"},
                                {"danke.internal", "false"}});
    REQUIRE(macros.size() == 1);
    CHECK(macros[0].name == "danke");
    CHECK(macros[0].status == "solved");
    CHECK(macros[0].tags == std::vector<std::string>{"dank", "ende"});
    auto code = [](const std::map<std::string, std::string>& section) {
        try {
            parse_macros(section);
        } catch (const Failure& f) {
            return f.code();
        }
        return 0;
    };
    CHECK(code({{"x.reply", "{{ticket.nummer}}"}}) == kConfig);
    CHECK(code({{"x.status", "quatsch"}}) == kConfig);
    CHECK(code({{"x.farbe", "rot"}}) == kConfig);
    CHECK(code({{"x.title", "tut nichts"}}) == kConfig);
    CHECK(code({{"x", "kein Tisch"}}) == kConfig);
    CHECK(code({{"x.assign", "kein-mail"}}) == kConfig);
}

TEST_CASE("a reply filled for a ticket") {
    Ticket t;
    t.id = "3f2a1c9e0b4d5566778899aabbccddeeff00112233445566778899aabbccddee";
    t.subject = "Heizung";
    t.status = "pending";
    Person requester{"lena.fischer@muster-hv.de", name_from_address("lena.fischer@muster-hv.de")};
    Person agent{"agent@hv.de", "Jana Berger"};
    CHECK(
        fill_reply("{{requester.name}} / #{{ticket.number}} / {{ticket.id}} / {{ticket.status}} / "
                   "{{agent.name}} <{{agent.email}}> {{ unclosed",
                   t, requester, agent) ==
        "Lena Fischer / #3f2a1c9e0b4d / 3f2a1c9 / Wartend / Jana Berger <agent@hv.de> {{ unclosed");
    std::string pseudonym = pseudonym_from("0123456789abcdef");
    CHECK(name_from_address(pseudonym) == "anonym");
    CHECK(fill_reply("[{{requester.email}}]", t, {pseudonym, "anonym"}, agent) == "[]");
}
