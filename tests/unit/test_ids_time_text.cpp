#include "core/base64.hpp"
#include "core/csv.hpp"
#include "core/error.hpp"
#include "core/hash.hpp"
#include "core/ids.hpp"
#include "core/text.hpp"
#include "core/time.hpp"

#include <doctest/doctest.h>

using namespace tickets;

TEST_CASE("id prefixes") {
    CHECK(normalise_id_prefix("3F2A1C9") == "3f2a1c9");
    CHECK(normalise_id_prefix("#3f2a") == "3f2a");
    CHECK_THROWS_AS(normalise_id_prefix("zzzz"), Failure);
    try {
        normalise_id_prefix("3f2");
        FAIL("a 3-digit prefix must be refused");
    } catch (const Failure& f) {
        CHECK(f.code() == kUsage);
    }
}

TEST_CASE("choosing among candidates") {
    CHECK(choose_unique("3f2a", {{"3f2a1c9", "Heizung"}}) == "3f2a1c9");
    try {
        choose_unique("3f2a", {{"3f2a1c9aaaaaaaa", "Heizung"}, {"3f2a77bbbbbbbbb", "Aufzug"}});
        FAIL("expected ambiguity");
    } catch (const Failure& f) {
        CHECK(f.code() == kAmbiguous);
        CHECK(std::string(f.what()) == "ticket 3f2a: ambiguous id, candidates: 3f2a1c9aaaaa "
                                       "\"Heizung\", 3f2a77bbbbbb \"Aufzug\"");
    }
    try {
        choose_unique("3f2a", {});
        FAIL("expected not found");
    } catch (const Failure& f) {
        CHECK(f.code() == kNotFound);
    }
}

TEST_CASE("instants") {
    CHECK(parse_instant("1970-01-01T00:00:00Z") == 0);
    CHECK(parse_instant("2026-11-23T14:11:30Z") == 1'795'443'090);
    CHECK(parse_instant("2026-11-23T15:11:30+01:00") == 1'795'443'090);
    CHECK(parse_instant("2026-11-23") == 1'795'392'000);
    CHECK(parse_instant("2024-02-29").has_value());
    CHECK_FALSE(parse_instant("2023-02-29"));
    CHECK_FALSE(parse_instant("2026-13-01"));
    CHECK_FALSE(parse_instant("2026-11-23T25:00"));
    CHECK_FALSE(parse_instant("yesterday"));
    CHECK(format_instant(1'795'443'090) == "2026-11-23T14:11:30Z");
    CHECK(format_instant(-86400) == "1969-12-31T00:00:00Z");
    CHECK(format_instant(-62135596800) == "0001-01-01T00:00:00Z");
    CHECK(format_instant(253402300799) == "9999-12-31T23:59:59Z");
    for (Instant t : {Instant{0}, Instant{951782400}, Instant{1'795'443'090}})
        CHECK(parse_instant(format_instant(t)) == t);
    CHECK(parse_filter_date("today", 1'795'443'090) == 1'795'392'000);
}

TEST_CASE("UTF-8 validation") {
    CHECK(is_valid_utf8("Straße, Größe, Übergabe"));
    CHECK_FALSE(is_valid_utf8("\xff"));
    CHECK_FALSE(is_valid_utf8("abc\xc3"));      // truncated
    CHECK_FALSE(is_valid_utf8("\xc0\xaf"));     // overlong
    CHECK_FALSE(is_valid_utf8("\xed\xa0\x80")); // surrogate
    // A bad byte after, inside and at the end of the eight-byte ASCII steps.
    for (size_t at = 0; at < 20; ++at) {
        std::string text(20, 'a');
        CHECK(is_valid_utf8(text));
        text[at] = '\xff';
        CHECK_FALSE(is_valid_utf8(text));
        text[at] = '\xc3';
        CHECK(is_valid_utf8(text.substr(0, at) + "\xc3\xa4" + text.substr(at + 1)));
    }
}

TEST_CASE("mail addresses") {
    CHECK(email_domain("Mieter@Muster-HV.de") == "muster-hv.de");
    CHECK(is_plausible_email("a@b.de"));
    CHECK_FALSE(is_plausible_email("a b@c.de"));
    CHECK_FALSE(is_plausible_email("@c.de"));
    CHECK_FALSE(is_plausible_email("a@"));
    CHECK(is_public_mail_domain("gmail.com"));
    CHECK(is_public_mail_domain("web.de"));
    CHECK_FALSE(is_public_mail_domain("muster-hv.de"));
}

TEST_CASE("display names from a mail's From") {
    CHECK(display_name("Lena Fischer") == "Lena Fischer");
    CHECK(display_name("  \"Jürgen Müller\"  ") == "Jürgen Müller");
    CHECK(display_name("Müller,\r\n Bcc: x@evil.example") == "Müller, Bcc: x@evil.example");
    CHECK(display_name("a\tb\x7f c") == "a b c");
    CHECK(display_name("l.fischer@muster-hv.de").empty()); // only the address again
    CHECK(display_name("'l.fischer@muster-hv.de'").empty());
    CHECK(display_name("\xff\xfe").empty()); // not UTF-8
    CHECK(display_name(std::string(300, 'x')).size() == 100);
    CHECK(display_name(std::string(150, 'x') + "\xc3\xa4").size() == 100);
}

TEST_CASE("CSV round trip") {
    std::string row = csv_row({"a", "b,c", "say \"hi\"", "zwei\nZeilen"});
    CHECK(row == "a,\"b,c\",\"say \"\"hi\"\"\",\"zwei\nZeilen\"\r\n");
    auto records = parse_csv("x,y\r\n" + row + "\n");
    REQUIRE(records.size() == 2);
    CHECK(records[1].fields == std::vector<std::string>{"a", "b,c", "say \"hi\"", "zwei\nZeilen"});
    CHECK(records[1].line == 2);
    CHECK_THROWS_AS(parse_csv("\"open"), Failure);
}

TEST_CASE("CSV with the separator a spreadsheet chose") {
    CHECK(detect_csv_separator("Betreff;Beschreibung;Status\r\nx,y;z;w\r\n") == ';');
    CHECK(detect_csv_separator("subject,description\n") == ',');
    CHECK(detect_csv_separator("\"a;b;c\",d\n") == ','); // quoted ';' do not count
    CHECK(detect_csv_separator("a\tb\tc\n") == '\t');
    CHECK(detect_csv_separator("subject\n") == ',');
    std::string row = csv_row({"Heizung; kalt", "a,b"}, ';');
    CHECK(row == "\"Heizung; kalt\";a,b\r\n");
    std::string text = "x;y\r\n\r\n" + row + "\"zwei\r\nZeilen\";\r\n";
    CsvReader reader(text, ';'); // reads the text in place: it must outlive the reader
    CsvRecord r;
    REQUIRE(reader.next(r));
    CHECK(r.fields == std::vector<std::string>{"x", "y"});
    REQUIRE(reader.next(r)); // the blank line skipped
    CHECK(r.line == 3);
    CHECK(r.fields == std::vector<std::string>{"Heizung; kalt", "a,b"});
    REQUIRE(reader.next(r));
    CHECK(r.line == 4);
    CHECK(r.fields == std::vector<std::string>{"zwei\r\nZeilen", ""});
    CHECK_FALSE(reader.next(r));
}

TEST_CASE("base64") {
    CHECK(base64_encode("Grüße") == "R3LDvMOfZQ==");
    CHECK(base64_decode("R3LDvMOfZQ==") == "Grüße");
    CHECK(base64_decode("") == "");
    CHECK_FALSE(base64_decode("abc"));
    CHECK_FALSE(base64_decode("R3LD vMOfZQ="));  // no spaces inside
    CHECK_FALSE(base64_decode("R3LDvMOf\nZQ=")); // nor line breaks
    CHECK_FALSE(base64_decode("R3L*vMOfZQ=="));
    CHECK_FALSE(base64_decode("ZQ==ZQ==")); // data after the padding
    CHECK(base64_decode("AAECA/7/") == std::string("\0\1\2\3\xfe\xff", 6));
}

TEST_CASE("sha256_hex: the FIPS 180-2 test vectors") {
    CHECK(sha256_hex("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    CHECK(sha256_hex("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    CHECK(sha256_hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq") ==
          "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
}
