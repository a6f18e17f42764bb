// The tokenizer alone: rows, quoting, line endings, chunk boundaries, malformed input.
#include <sfcpp/csv/tokenizer.hpp>

#include <doctest/doctest.h>

#include <span>
#include <ostream>  // doctest prints std::error_code
#include <string>
#include <system_error>
#include <vector>

namespace csv = sfcpp::csv;

namespace {

struct parsed_row {
    std::vector<std::string> cells;
    std::vector<bool> quoted;
    std::uint64_t line;
};

// Feeds `text` in pieces of `chunk` bytes (0: all at once), taking rows as they complete.
std::vector<parsed_row> tokenize(std::string_view text, csv::dialect d = {}, std::size_t chunk = 0) {
    csv::tokenizer t(d);
    std::vector<parsed_row> rows;
    std::span<const csv::cell> row;
    auto drain = [&] {
        while (t.next(row)) {
            parsed_row r{{}, {}, t.line()};
            for (const auto& c : row) {
                r.cells.emplace_back(c.text);
                r.quoted.push_back(c.quoted);
            }
            rows.push_back(std::move(r));
        }
    };
    if (chunk == 0) chunk = text.size() ? text.size() : 1;
    for (std::size_t i = 0; i < text.size(); i += chunk) {
        t.feed(text.substr(i, chunk));
        drain();
    }
    t.finish();
    drain();
    CHECK(t.done());
    return rows;
}

using cells = std::vector<std::string>;

}  // namespace

TEST_CASE("rows, quoted cells and line numbers") {
    const std::string text = "a,b,c\n1,\"x,y\",\"he said \"\"hi\"\"\"\n\"multi\nline\",,\"\"\n4,5,6";
    for (std::size_t chunk : {0, 1, 2, 3, 7}) {
        CAPTURE(chunk);
        const auto rows = tokenize(text, {}, chunk);
        REQUIRE(rows.size() == 4);
        CHECK(rows[0].cells == cells{"a", "b", "c"});
        CHECK(rows[1].cells == cells{"1", "x,y", "he said \"hi\""});
        CHECK(rows[2].cells == cells{"multi\nline", "", ""});
        CHECK(rows[2].quoted == std::vector<bool>{true, false, true});
        CHECK(rows[3].cells == cells{"4", "5", "6"});
        CHECK(rows[0].line == 1);
        CHECK(rows[1].line == 2);
        CHECK(rows[2].line == 3);
        CHECK(rows[3].line == 5);  // the quoted line break counts
    }
}

TEST_CASE("CRLF and LF both end rows; a lone CR is data") {
    const auto rows = tokenize("a,b\r\n1,x\ry\r\n\"q\"\r\n2,3\n");
    REQUIRE(rows.size() == 4);
    CHECK(rows[1].cells == cells{"1", "x\ry"});
    CHECK(rows[2].cells == cells{"q"});
    CHECK(rows[3].cells == cells{"2", "3"});
    // A CRLF split across chunks.
    const auto split = tokenize("a,b\r\nc,d\r\n", {}, 4);
    REQUIRE(split.size() == 2);
    CHECK(split[0].cells == cells{"a", "b"});
}

TEST_CASE("trailing delimiters, blank lines, no final line ending") {
    const auto rows = tokenize("a,b,\n\n,,\n\"\",x");
    REQUIRE(rows.size() == 3);
    CHECK(rows[0].cells == cells{"a", "b", ""});
    CHECK(rows[1].cells == cells{"", "", ""});
    CHECK(rows[2].cells == cells{"", "x"});
    CHECK(rows[2].quoted[0]);
    CHECK(rows[2].line == 4);
    CHECK(tokenize("").empty());
    CHECK(tokenize("\n\n").empty());
}

TEST_CASE("every delimiter") {
    for (auto d : csv::all_delimiters) {
        const char c = csv::delimiter_char(d);
        CAPTURE(csv::to_string(d));
        std::string text = std::string("a") + c + "\"b" + c + "\"" + c + "," + "\n";
        const auto rows = tokenize(text, {d});
        REQUIRE(rows.size() == 1);
        if (d == csv::delimiter::comma) CHECK(rows[0].cells == cells{"a", "b,", "", ""});
        else CHECK(rows[0].cells == cells{"a", std::string("b") + c, ","});
    }
}

TEST_CASE("malformed input names the line") {
    SUBCASE("unterminated quote") {
        try {
            tokenize("a,b\n1,2\n3,\"open\nstill open\n");
            FAIL("no error");
        } catch (const csv::parse_error& e) {
            CHECK(e.line() == 3);
            CHECK(std::string(e.what()).find("unterminated") != std::string::npos);
        }
    }
    SUBCASE("text after a closing quote") {
        try {
            tokenize("a,b\n\"x\"y,2\n");
            FAIL("no error");
        } catch (const csv::parse_error& e) {
            CHECK(e.line() == 2);
        }
    }
    SUBCASE("quote inside an unquoted cell, after a multi-line row") {
        try {
            tokenize("a,b\n\"1\n2\",3\nab\"c,4\n");
            FAIL("no error");
        } catch (const csv::parse_error& e) {
            CHECK(e.line() == 4);
        }
    }
}

TEST_CASE("malformed input: errc::malformed_csv, thrown or in an error_code, and nothing reads past it") {
    for (const char* text : {"a,b\n1,2\n3,\"open\nstill open\n", "a,b\n1,2\n\"x\"y,2\n", "a,b\n1,2\nab\"c,4\nok,5\n"}) {
        CAPTURE(text);
        csv::tokenizer t;
        t.feed(text);
        t.finish();
        std::span<const csv::cell> row;
        std::error_code ec = make_error_code(sfcpp::errc::wrong_type);
        REQUIRE(t.next(row, ec));
        CHECK_FALSE(ec);  // cleared
        REQUIRE(t.next(row, ec));
        CHECK_FALSE(ec);
        CHECK(row[0].text == "1");
        bool got = true;
        CHECK_NOTHROW(got = t.next(row, ec));
        CHECK_FALSE(got);
        CHECK(ec == sfcpp::errc::malformed_csv);
        CHECK(t.line() == 3);
        CHECK_FALSE(t.next(row, ec));  // the same error again
        CHECK(ec == sfcpp::errc::malformed_csv);
        try {
            (void)t.next(row);
            FAIL("no error");
        } catch (const sfcpp::decode_error& e) {
            CHECK(dynamic_cast<const csv::parse_error*>(&e) != nullptr);
            CHECK(e.code() == sfcpp::errc::malformed_csv);
            CHECK(std::string(e.what()).starts_with("sfcpp::csv: line 3: "));
        }
    }
}

TEST_CASE("feed() after finish() is a usage_error") {
    csv::tokenizer t;
    t.finish();
    CHECK_THROWS_WITH_AS(t.feed("a\n"), "sfcpp::csv::tokenizer: feed() after finish()", sfcpp::usage_error);
    CHECK_THROWS_AS(t.feed("a\n"), sfcpp::error);
}

TEST_CASE("a huge cell fed in small chunks stays linear and intact") {
    std::string big(2'000'000, 'x');
    big[1000] = '"';
    std::string text = "h\n\"" ;
    for (char c : big) {
        text += c;
        if (c == '"') text += '"';
    }
    text += "\"\n";
    csv::tokenizer t;
    std::span<const csv::cell> row;
    std::size_t got = 0;
    for (std::size_t i = 0; i < text.size(); i += 4096) {
        t.feed(std::string_view(text).substr(i, 4096));
        while (t.next(row)) {
            if (++got == 2) CHECK(row[0].text == big);
        }
    }
    t.finish();
    while (t.next(row)) ++got;
    CHECK(got == 2);
}

TEST_CASE("append_cell quotes only when needed") {
    auto cell = [](std::string_view v, char d = ',') {
        std::string s;
        csv::append_cell(s, v, d);
        return s;
    };
    CHECK(cell("plain") == "plain");
    CHECK(cell("a,b") == "\"a,b\"");
    CHECK(cell("a,b", '|') == "a,b");
    CHECK(cell("a|b", '|') == "\"a|b\"");
    CHECK(cell("say \"x\"") == "\"say \"\"x\"\"\"");
    CHECK(cell("") == "\"\"");
    CHECK(cell("#N/A") == "\"#N/A\"");
    CHECK(cell(" pad") == "\" pad\"");
    CHECK(cell("line\nbreak") == "\"line\nbreak\"");
    CHECK(cell("café ü 日本") == "café ü 日本");
}
