// Literal escaping: no value can end a string literal or add a clause.
#include <sfcpp/soql.hpp>
#include <test_sobjects/Account.hpp>
#include <test_sobjects/Invoice_c.hpp>

#include "support/error_support.hpp"

#include <doctest/doctest.h>

#include <cmath>
#include <cstdint>
#include <limits>
#include <string>
#include <system_error>
#include <vector>

using namespace sfcpp::soql;
using namespace sobjects;

namespace {
std::string where_text(const auto& cond) {
    return to_soql(select(Account_.Id).from(Account_).where(cond));
}
}  // namespace

TEST_CASE("quote escapes quotes, backslashes and control characters") {
    CHECK(quote("plain") == "'plain'");
    CHECK(quote("Bob's BBQ") == R"('Bob\'s BBQ')");
    CHECK(quote(R"(back\slash)") == R"('back\\slash')");
    CHECK(quote("say \"hi\"") == R"('say \"hi\"')");
    CHECK(quote("a\nb\rc\td") == R"('a\nb\rc\td')");
    CHECK(quote("bs\b ff\f") == R"('bs\b ff\f')");
    CHECK(quote(std::string("nul\0x", 5)) == R"('nul\u0000x')");
    CHECK(quote("\x01\x1f\x7f") == R"('\u0001\u001f\u007f')");
    CHECK(quote("") == "''");
}

TEST_CASE("unicode passes through unchanged") {
    CHECK(quote("Zoë – 東京 🚀") == "'Zoë – 東京 🚀'");
}

TEST_CASE("hostile strings stay inside one literal") {
    CHECK(where_text(Account_.Name == "x' OR Name != '") ==
          R"(SELECT Id FROM Account WHERE Name = 'x\' OR Name != \'')");
    CHECK(where_text(Account_.Name == "\\' OR Id != null OR Name = '") ==
          R"(SELECT Id FROM Account WHERE Name = '\\\' OR Id != null OR Name = \'')");
    CHECK(where_text(Account_.Name == "x\\") == R"(SELECT Id FROM Account WHERE Name = 'x\\')");
    CHECK(where_text(Account_.Name == "') LIMIT 1 --\n") == R"(SELECT Id FROM Account WHERE Name = '\') LIMIT 1 --\n')");
}

TEST_CASE("every quote in the output is escaped except the delimiters") {
    const std::string hostile = "'\\''\\\\'\"\n%_";
    const std::string text = where_text(Account_.Name == hostile);
    const std::string prefix = "SELECT Id FROM Account WHERE Name = '";
    REQUIRE(text.rfind(prefix, 0) == 0);
    // Walk the literal as SOQL's lexer would: it must end at the very last character.
    std::size_t i = prefix.size();
    while (i < text.size() && text[i] != '\'') i += text[i] == '\\' ? 2 : 1;
    CHECK(i == text.size() - 1);
}

TEST_CASE("LIKE: user wildcards pass, helpers escape % and _") {
    CHECK(where_text(like(Account_.Name, "Acme%")) == "SELECT Id FROM Account WHERE Name LIKE 'Acme%'");
    CHECK(where_text(like(Account_.Name, "A_me's%")) == R"(SELECT Id FROM Account WHERE Name LIKE 'A_me\'s%')");
    CHECK(where_text(contains(Account_.Name, "50%_off")) == R"(SELECT Id FROM Account WHERE Name LIKE '%50\%\_off%')");
    CHECK(where_text(starts_with(Account_.Name, "O'Brien")) == R"(SELECT Id FROM Account WHERE Name LIKE 'O\'Brien%')");
    CHECK(where_text(ends_with(Account_.Name, "\\_")) == R"(SELECT Id FROM Account WHERE Name LIKE '%\\\_')");
    like_pattern p = like_escape("100%");
    p.text += '%';
    CHECK(where_text(like(Account_.Name, p)) == R"(SELECT Id FROM Account WHERE Name LIKE '100\%%')");
}

TEST_CASE("numbers are written without locale or exponent") {
    CHECK(where_text(Account_.AnnualRevenue > 1e6) == "SELECT Id FROM Account WHERE AnnualRevenue > 1000000");
    CHECK(where_text(Account_.AnnualRevenue >= 0.1) == "SELECT Id FROM Account WHERE AnnualRevenue >= 0.1");
    CHECK(where_text(Account_.AnnualRevenue < -2.5) == "SELECT Id FROM Account WHERE AnnualRevenue < -2.5");
    CHECK(where_text(Account_.AnnualRevenue < 1e-7) == "SELECT Id FROM Account WHERE AnnualRevenue < 0.0000001");
    CHECK(where_text(Account_.NumberOfEmployees == std::numeric_limits<std::int64_t>::min()) ==
          "SELECT Id FROM Account WHERE NumberOfEmployees = -9223372036854775808");
    CHECK_THROWS_AS(where_text(Account_.AnnualRevenue > std::numeric_limits<double>::infinity()), sfcpp::encode_error);
    CHECK_THROWS_AS(where_text(Account_.AnnualRevenue > std::numeric_limits<double>::quiet_NaN()), sfcpp::encode_error);
}

TEST_CASE("values with no SOQL form are an encode_error with their errc") {
    const auto code_of = [](auto&& f) { return test::code_of<sfcpp::encode_error>(f); };
    using sfcpp::errc;
    CHECK(code_of([] { where_text(Account_.AnnualRevenue > -std::numeric_limits<double>::infinity()); }) ==
          errc::not_finite);
    CHECK(code_of([] { where_text(in(Account_.AnnualRevenue, {1.0, std::nan("")})); }) == errc::not_finite);
    // Text that is not UTF-8 would reach Salesforce as a different or rejected query.
    CHECK(code_of([] { where_text(Account_.Name == "caf\xE9"); }) == errc::invalid_utf8);
    CHECK(code_of([] { where_text(like(Account_.Name, "caf\xE9%")); }) == errc::invalid_utf8);
    CHECK(code_of([] { where_text(contains(Account_.Name, "\xC0\xAF")); }) == errc::invalid_utf8);
    CHECK(code_of([] { (void)quote("cut \xE2\x82"); }) == errc::invalid_utf8);
    CHECK_THROWS_WITH_AS(quote("caf\xE9"), "sfcpp::soql: a string literal: the text is not valid UTF-8 (byte 3); "
                                            "Salesforce takes UTF-8 only", sfcpp::encode_error);
    // Valid UTF-8 passes unchanged, in LIKE patterns too (their runs between wildcards are escaped).
    CHECK(where_text(Account_.Name == "caf\xC3\xA9") == "SELECT Id FROM Account WHERE Name = 'caf\xC3\xA9'");
    CHECK(where_text(like(Account_.Name, "%\xC3\xA9'_x%")) ==
          "SELECT Id FROM Account WHERE Name LIKE '%\xC3\xA9\\'_x%'");
}

TEST_CASE("dates, datetimes, times, booleans, ids") {
    CHECK(where_text(Account_.LastActivityDate == sfcpp::date(2024, 1, 2)) ==
          "SELECT Id FROM Account WHERE LastActivityDate = 2024-01-02");
    CHECK(where_text(Account_.CreatedDate > sfcpp::datetime::from_string("2024-01-02T04:04:05+01:00")) ==
          "SELECT Id FROM Account WHERE CreatedDate > 2024-01-02T03:04:05Z");
    CHECK(where_text(Account_.CreatedDate > sfcpp::datetime::from_string("2024-01-02T03:04:05.250Z")) ==
          "SELECT Id FROM Account WHERE CreatedDate > 2024-01-02T03:04:05.250Z");
    CHECK(where_text(Account_.IsPartner == true) == "SELECT Id FROM Account WHERE IsPartner = true");
    CHECK(where_text(Account_.IsPartner != false) == "SELECT Id FROM Account WHERE IsPartner != false");
    CHECK(where_text(Account_.OwnerId == sfcpp::id("005000000000001")) ==
          "SELECT Id FROM Account WHERE OwnerId = '005000000000001AAA'");
    CHECK(to_soql(select(Invoice_c_.Id).from(Invoice_c_).where(Invoice_c_.Reminder_Time_c < sfcpp::time_of_day(9, 30, 0))) ==
          "SELECT Id FROM Invoice__c WHERE Reminder_Time__c < 09:30:00.000Z");
}

TEST_CASE("IN lists and INCLUDES escape each value") {
    CHECK(where_text(in(Account_.Name, {"a'b", "c\\d"})) == R"(SELECT Id FROM Account WHERE Name IN ('a\'b', 'c\\d'))");
    CHECK(to_soql(select(Invoice_c_.Id).from(Invoice_c_).where(includes(Invoice_c_.Tags_c, "x');DELETE"))) ==
          R"(SELECT Id FROM Invoice__c WHERE Tags__c INCLUDES ('x\');DELETE'))");
    const std::vector<std::string> empty;
    CHECK_THROWS_AS(where_text(in(Account_.Name, empty)), sfcpp::soql::query_error);
    CHECK_THROWS_WITH_AS(where_text(not_in(Account_.Name, empty)), "sfcpp::soql: IN and NOT IN need at least one value",
                         sfcpp::error);
}
