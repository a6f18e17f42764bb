#include <sfcpp/id.hpp>

#include <doctest/doctest.h>

#include <sstream>
#include <system_error>
#include <string>
#include <unordered_set>

using sfcpp::id;

// Expected suffixes worked out by hand from the rule (bit i of a group of five is set when
// character i is an upper-case letter; the value indexes "ABCDEFGHIJKLMNOPQRSTUVWXYZ012345"):
//   001A0000006Vm9r: 001A0 -> 8 I, 00000 -> 0 A, 6Vm9r -> 2 C              => IAC
//   003XXXXXXXXXXXX: 003XX -> 8+16=24 Y, XXXXX -> 31 '5', XXXXX -> 31 '5'  => Y55
//   0019000000DmehK: 00190 -> 0 A, 00000 -> 0 A, DmehK -> 1+16=17 R        => AAR
//   a0B1t00000ABCDe: a0B1t -> 4 E, 00000 -> 0 A, ABCDe -> 1+2+4+8=15 P     => EAP
TEST_CASE("id: checksum of known ids") {
    CHECK(id("001A0000006Vm9r").str() == "001A0000006Vm9rIAC");
    CHECK(id("003XXXXXXXXXXXX").str() == "003XXXXXXXXXXXXY55");
    CHECK(id("0019000000DmehK").str() == "0019000000DmehKAAR");
    CHECK(id("a0B1t00000ABCDe").str() == "a0B1t00000ABCDeEAP");
    CHECK(id("000000000000000").str() == "000000000000000AAA");
    CHECK(id("ZZZZZZZZZZZZZZZ").str() == "ZZZZZZZZZZZZZZZ555");
    CHECK(id("zzzzzzzzzzzzzzz").str() == "zzzzzzzzzzzzzzzAAA");
}

TEST_CASE("id: checksum is computed at compile time") {
    static_assert(id::is_valid("001A0000006Vm9rIAC"));
    static_assert(!id::is_valid("001A0000006Vm9rIAD"));
    static_assert(id("001A0000006Vm9r") == id("001A0000006Vm9rIAC"));
    static_assert(id::parse("003XXXXXXXXXXXX")->str() == "003XXXXXXXXXXXXY55");
    static_assert(id().empty());
}

TEST_CASE("id: 15 and 18 character forms") {
    const id a("001A0000006Vm9r");
    const id b("001A0000006Vm9rIAC");
    CHECK(a == b);
    CHECK_FALSE(a < b);
    CHECK((a <=> b) == std::strong_ordering::equal);
    CHECK(a.str().size() == 18);
    CHECK(a.str15() == "001A0000006Vm9r");
    CHECK(b.str15() == "001A0000006Vm9r");
    CHECK(a.to_string() == "001A0000006Vm9rIAC");
}

TEST_CASE("id: the first 15 characters are case sensitive") {
    // Same letters, different case: different records with different checksums.
    const id lower("001a0000006vm9r");
    const id upper("001A0000006VM9R");
    const id mixed("001A0000006Vm9r");
    CHECK(lower.str() == "001a0000006vm9rAAA");
    CHECK(upper.str() == "001A0000006VM9RIAW");
    CHECK(lower != mixed);
    CHECK(upper != mixed);
    CHECK(lower != upper);
    CHECK(id("001a0000006vm9rAAA") != id("001A0000006Vm9rIAC"));
}

TEST_CASE("id: the checksum suffix is compared without regard to case") {
    auto lowered = id::parse("001A0000006Vm9riac");
    REQUIRE(lowered);
    CHECK(*lowered == id("001A0000006Vm9rIAC"));
    CHECK(lowered->str() == "001A0000006Vm9rIAC");  // normalized to upper case
    CHECK(id::is_valid("003XXXXXXXXXXXXy55"));
    CHECK(id::is_valid("0019000000DmehKaAr"));
}

TEST_CASE("id: invalid text") {
    SUBCASE("wrong length") {
        for (std::string_view s : {"", "0", "001A0000006Vm9", "001A0000006Vm9rI", "001A0000006Vm9rIA",
                                   "001A0000006Vm9rIACX", "001A0000006Vm9rIAC001A0000006Vm9rIAC"}) {
            CAPTURE(s);
            CHECK_FALSE(id::is_valid(s));
            CHECK_FALSE(id::parse(s));
            CHECK_THROWS_AS(id{s}, sfcpp::invalid_value);
        }
    }
    SUBCASE("characters that are not letters or digits") {
        for (std::string_view s : {"001A0000006Vm9-", "001A0000006Vm9 ", " 01A0000006Vm9r", "001A0000006Vm9_",
                                   "001A0000006Vm9rIA!", "001A0000006Vm\xc3\xa9"}) {
            CAPTURE(s);
            CHECK_FALSE(id::is_valid(s));
            CHECK_FALSE(id::parse(s));
            CHECK_THROWS_AS(id{s}, sfcpp::invalid_value);
        }
        // A NUL inside the text must not end it early.
        CHECK_FALSE(id::is_valid(std::string_view("001A\0""000006Vm9r", 15)));
    }
    SUBCASE("bad checksum") {
        for (std::string_view s : {"001A0000006Vm9rIAD", "001A0000006Vm9rAAC", "001A0000006Vm9rCAI",
                                   "0019000000DmehKAAS", "001a0000006vm9rIAC", "001A0000006Vm9r999"}) {
            CAPTURE(s);
            CHECK_FALSE(id::is_valid(s));
            CHECK_FALSE(id::parse(s));
            CHECK_THROWS_AS(id{s}, sfcpp::invalid_value);
        }
    }
}

TEST_CASE("id: invalid text is an sfcpp::invalid_value with errc::invalid_id") {
    try {
        id x{"001A0000006Vm9rIAD"};
        FAIL("no exception");
    } catch (const sfcpp::error& e) {  // the base of every sfcpp exception
        CHECK(dynamic_cast<const sfcpp::invalid_value*>(&e) != nullptr);
        CHECK(e.code() == sfcpp::errc::invalid_id);
        CHECK(e.code() != sfcpp::errc::invalid_date);
        CHECK(e.code().message() == "not a valid Salesforce id");
    }
}

TEST_CASE("id: error messages name the text and the problem") {
    auto message = [](std::string_view s) {
        try {
            id x{s};
        } catch (const sfcpp::invalid_value& e) {
            return std::string(e.what());
        }
        return std::string("no exception");
    };
    const std::string len = message("001A");
    CHECK(len.find("\"001A\"") != std::string::npos);
    CHECK(len.find("got 4 characters") != std::string::npos);

    const std::string chr = message("001A0000006Vm9-");
    CHECK(chr.find("\"001A0000006Vm9-\"") != std::string::npos);
    CHECK(chr.find("offset 14") != std::string::npos);

    const std::string sum = message("001A0000006Vm9rIAD");
    CHECK(sum.find("\"001A0000006Vm9rIAD\"") != std::string::npos);
    CHECK(sum.find("\"IAC\"") != std::string::npos);

    // Long text is cut to 40 characters.
    const std::string long_text(1000, 'x');
    const std::string cut = message(long_text);
    CHECK(cut.find("\"" + std::string(40, 'x') + "...\"") != std::string::npos);
    CHECK(cut.find(std::string(41, 'x')) == std::string::npos);
    CHECK(cut.size() < 200);
}

TEST_CASE("id: empty") {
    const id e;
    CHECK(e.empty());
    CHECK_FALSE(e);
    CHECK(e.str().empty());
    CHECK(e.str15().empty());
    CHECK(e.key_prefix().empty());
    CHECK(e == id{});
    CHECK(e < id("001A0000006Vm9r"));
    const id x("001A0000006Vm9r");
    CHECK_FALSE(x.empty());
    CHECK(static_cast<bool>(x));
}

TEST_CASE("id: key prefix") {
    CHECK(id("001A0000006Vm9r").key_prefix() == "001");
    CHECK(id("003XXXXXXXXXXXXY55").key_prefix() == "003");
    CHECK(id("a0B1t00000ABCDe").key_prefix() == "a0B");
}

TEST_CASE("id: ordering") {
    const id a("001A0000006Vm9r");
    const id b("001A0000006Vm9s");
    const id c("003XXXXXXXXXXXX");
    CHECK(a < b);
    CHECK(b < c);
    CHECK(a < c);
    CHECK(c > a);
    CHECK(a <= a);
    CHECK(a != b);
}

TEST_CASE("id: hash agrees with equality") {
    const std::hash<id> h;
    CHECK(h(id("001A0000006Vm9r")) == h(id("001A0000006Vm9rIAC")));
    CHECK(h(id("001A0000006Vm9r")) == h(id("001A0000006Vm9riac")));

    std::unordered_set<id> set;
    set.insert(id("001A0000006Vm9r"));
    set.insert(id("001A0000006Vm9rIAC"));
    set.insert(id("003XXXXXXXXXXXX"));
    set.insert(id{});
    CHECK(set.size() == 3);
    CHECK(set.count(id("001A0000006Vm9riac")) == 1);
    CHECK(set.count(id("001a0000006vm9r")) == 0);
}

TEST_CASE("id: stream output") {
    std::ostringstream os;
    os << id("001A0000006Vm9r") << '|' << id{};
    CHECK(os.str() == "001A0000006Vm9rIAC|");
}
