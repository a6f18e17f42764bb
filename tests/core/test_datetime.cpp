#include <sfcpp/datetime.hpp>

#include "support/error_support.hpp"

#include <doctest/doctest.h>

#include <chrono>
#include <sstream>
#include <string>
#include <string_view>
#include <system_error>

using sfcpp::date;
using sfcpp::datetime;
using sfcpp::time_of_day;
using namespace std::chrono_literals;

namespace {

// The UTC text of a parsed date-time, or "rejected".
std::string utc(std::string_view s) {
    const auto dt = datetime::parse(s);
    return dt ? dt->to_string() : std::string("rejected");
}

std::string what_of(auto&& f) {
    try {
        f();
    } catch (const sfcpp::invalid_value& e) {
        return e.what();
    }
    return "no exception";
}

}  // namespace

// ---------------------------------------------------------------------------------------- date

TEST_CASE("date: parse and print") {
    const auto d = date::parse("2013-04-02");
    REQUIRE(d);
    CHECK(d->year() == 2013);
    CHECK(d->month() == 4);
    CHECK(d->day() == 2);
    CHECK(d->ymd() == std::chrono::year{2013} / 4 / 2);
    CHECK(d->to_string() == "2013-04-02");

    CHECK(date::parse("0000-01-01")->to_string() == "0000-01-01");
    CHECK(date::parse("9999-12-31")->to_string() == "9999-12-31");
    CHECK(date::parse("0999-09-09")->to_string() == "0999-09-09");

    std::string out = "CloseDate=";
    d->append_to(out);
    CHECK(out == "CloseDate=2013-04-02");
}

TEST_CASE("date: leap years") {
    CHECK(date::parse("2024-02-29"));
    CHECK(date::parse("2000-02-29"));
    CHECK_FALSE(date::parse("2023-02-29"));
    CHECK_FALSE(date::parse("1900-02-29"));
    CHECK_FALSE(date::parse("2024-02-30"));
    CHECK(date(2024, 2, 29).to_string() == "2024-02-29");
    CHECK_THROWS_AS(date(2023, 2, 29), sfcpp::invalid_value);
}

TEST_CASE("date: invalid text is rejected") {
    for (std::string_view s : {"", "2013", "2013-04", "2013-4-02", "2013-04-2", "13-04-02", "20130402",
                               "2013/04/02", "2013-04-02 ", " 2013-04-02", "2013-04-02T00:00:00Z",
                               "2013-04-02Z", "2013-13-01", "2013-00-01", "2013-01-00", "2013-01-32",
                               "2013-04-31", "+013-04-02", "-013-04-02", "12013-04-02", "2013-o4-02",
                               "2013-04-0x", "2013-04-02\n"}) {
        CAPTURE(s);
        CHECK_FALSE(date::parse(s));
        CHECK_THROWS_AS(date::from_string(s), sfcpp::invalid_value);
    }
}

TEST_CASE("date: error message says what was expected and where") {
    const std::string msg = what_of([] { date::from_string("2013-13-01"); });
    CHECK(msg.find("sfcpp::date") != std::string::npos);
    CHECK(msg.find("yyyy-MM-dd") != std::string::npos);
    CHECK(msg.find("\"2013-13-01\"") != std::string::npos);
    CHECK(msg.find("offset 5") != std::string::npos);

    CHECK(what_of([] { date::from_string("2013-02-29"); }).find("offset 8") != std::string::npos);

    const std::string long_msg = what_of([] { date::from_string(std::string(500, '7')); });
    CHECK(long_msg.find("\"" + std::string(40, '7') + "...\"") != std::string::npos);
    CHECK(long_msg.find(std::string(41, '7')) == std::string::npos);
}

TEST_CASE("date: constructors check their arguments") {
    CHECK(date(std::chrono::year{2024} / std::chrono::March / 1).to_string() == "2024-03-01");
    CHECK_THROWS_AS(date(std::chrono::year{2023} / 2 / 29), sfcpp::invalid_value);
    CHECK_THROWS_AS(date(std::chrono::year{10000} / 1 / 1), sfcpp::invalid_value);
    CHECK_THROWS_AS(date(std::chrono::year{-1} / 12 / 31), sfcpp::invalid_value);
    CHECK_THROWS_AS(date(2024, 13, 1), sfcpp::invalid_value);
    CHECK_THROWS_AS(date(2024, 0, 1), sfcpp::invalid_value);
    CHECK_THROWS_AS(date(2024, 1, 0), sfcpp::invalid_value);
    // chrono keeps only the low 8 bits of a month or day and 16 bits of a year: 257 is not 1.
    CHECK_THROWS_AS(date(2024, 257, 1), sfcpp::invalid_value);
    CHECK_THROWS_AS(date(2024, 1, 257), sfcpp::invalid_value);
    CHECK_THROWS_AS(date(65536 + 2024, 1, 1), sfcpp::invalid_value);
    CHECK_THROWS_AS(date(10000, 1, 1), sfcpp::invalid_value);
    CHECK_THROWS_AS(date(-1, 1, 1), sfcpp::invalid_value);
}

TEST_CASE("date, time_of_day, datetime: bad values are invalid_value with their errc") {
    using sfcpp::errc;
    constexpr auto code_of = [](auto&& f) { return test::code_of<sfcpp::invalid_value>(f); };
    CHECK(code_of([] { date::from_string("2013-13-01"); }) == errc::invalid_date);
    CHECK(code_of([] { date(2024, 13, 1); }) == errc::invalid_date);
    CHECK(code_of([] { date(std::chrono::year{2023} / 2 / 29); }) == errc::invalid_date);
    CHECK(code_of([] { date(std::chrono::sys_days{std::chrono::days{100'000'000}}); }) == errc::invalid_date);
    CHECK(code_of([] { time_of_day::from_string("25:00:00"); }) == errc::invalid_time);
    CHECK(code_of([] { time_of_day(24, 0, 0); }) == errc::invalid_time);
    CHECK(code_of([] { time_of_day(std::chrono::hours{24}); }) == errc::invalid_time);
    CHECK(code_of([] { datetime::from_string("2024-01-02"); }) == errc::invalid_datetime);
    CHECK(code_of([] { datetime::from_unix_ms(253402300800000); }) == errc::invalid_datetime);
    CHECK(std::string(code_of([] { date::from_string(""); }).category().name()) == "sfcpp");
}

TEST_CASE("date: sys_days conversion") {
    CHECK(date{}.to_string() == "1970-01-01");
    CHECK(date{}.days().time_since_epoch().count() == 0);
    const date d(2024, 1, 1);
    CHECK(d.days().time_since_epoch().count() == 19723);
    CHECK(static_cast<std::chrono::sys_days>(d) == d.days());
    CHECK(date(std::chrono::sys_days{std::chrono::days{19723}}) == d);
    CHECK(date(d.days() + std::chrono::days{59}).to_string() == "2024-02-29");
    CHECK_THROWS_AS(date(std::chrono::sys_days{std::chrono::days{100'000'000}}), sfcpp::invalid_value);
    CHECK_THROWS_AS(date(std::chrono::sys_days{std::chrono::days{-100'000'000}}), sfcpp::invalid_value);
}

TEST_CASE("date: comparisons") {
    const date a(2024, 1, 31), b(2024, 2, 1), c(2025, 1, 1);
    CHECK(a < b);
    CHECK(b < c);
    CHECK(a == date::parse("2024-01-31"));
    CHECK(a != b);
    CHECK(c >= b);
    CHECK((a <=> a) == std::strong_ordering::equal);
}

TEST_CASE("date: compile-time use") {
    static_assert(date::parse("2024-02-29").has_value());
    static_assert(!date::parse("2023-02-29").has_value());
    static_assert(date::parse("2024-02-29")->day() == 29);
    static_assert(date(2024, 1, 1) < date(2024, 1, 2));
}

// -------------------------------------------------------------------------------- time_of_day

TEST_CASE("time_of_day: every form Salesforce uses") {
    const std::chrono::milliseconds expected = 3h + 4min + 5s;
    for (std::string_view s : {"03:04:05.000Z", "03:04:05Z", "03:04:05.000", "03:04:05", "03:04:05.0",
                               "03:04:05.000000000Z"}) {
        CAPTURE(s);
        const auto t = time_of_day::parse(s);
        REQUIRE(t);
        CHECK(t->since_midnight() == expected);
        CHECK(t->to_string() == "03:04:05.000Z");
    }
    CHECK(time_of_day::parse("13:30:00.250Z")->since_midnight() == 13h + 30min + 250ms);
    CHECK(time_of_day::parse("23:59:59.999Z")->since_midnight() == 24h - 1ms);
    CHECK(time_of_day::parse("00:00:00.000Z")->since_midnight() == 0ms);
    CHECK(time_of_day::parse("12:00:00.1239Z")->since_midnight() == 12h + 123ms);
}

TEST_CASE("time_of_day: invalid text is rejected") {
    for (std::string_view s : {"", "03:04", "3:04:05", "03:4:05", "03:04:5", "24:00:00", "24:00:00.000Z",
                               "03:60:00", "03:04:60", "03:04:05.", "03:04:05.Z", "03:04:05.0000000000",
                               "03:04:05ZZ", "03:04:05z", "03:04:05+0000", "03:04:05.000+00:00",
                               "03:04:05 ", "03-04-05", "2024-01-02T03:04:05Z", "03:04:05.000Zjunk"}) {
        CAPTURE(s);
        CHECK_FALSE(time_of_day::parse(s));
        CHECK_THROWS_AS(time_of_day::from_string(s), sfcpp::invalid_value);
    }
    const std::string msg = what_of([] { time_of_day::from_string("03:61:00"); });
    CHECK(msg.find("sfcpp::time_of_day") != std::string::npos);
    CHECK(msg.find("HH:mm:ss") != std::string::npos);
    CHECK(msg.find("\"03:61:00\"") != std::string::npos);
    CHECK(msg.find("offset 3") != std::string::npos);
}

TEST_CASE("time_of_day: constructors, accessors, comparisons") {
    CHECK(time_of_day{}.since_midnight() == 0ms);
    CHECK(time_of_day(23, 59, 59, 999).to_string() == "23:59:59.999Z");
    CHECK(time_of_day(1h + 2min).to_string() == "01:02:00.000Z");
    CHECK_THROWS_AS(time_of_day(24, 0, 0), sfcpp::invalid_value);
    CHECK_THROWS_AS(time_of_day(0, 60, 0), sfcpp::invalid_value);
    CHECK_THROWS_AS(time_of_day(0, 0, 60), sfcpp::invalid_value);
    CHECK_THROWS_AS(time_of_day(0, 0, 0, 1000), sfcpp::invalid_value);
    CHECK_THROWS_AS(time_of_day(-1ms), sfcpp::invalid_value);
    CHECK_THROWS_AS(time_of_day(24h), sfcpp::invalid_value);

    const auto hms = time_of_day(3, 4, 5, 6).hms();
    CHECK(hms.hours() == 3h);
    CHECK(hms.minutes() == 4min);
    CHECK(hms.seconds() == 5s);
    CHECK(hms.subseconds() == 6ms);

    CHECK(time_of_day(3, 4, 5) < time_of_day(3, 4, 5, 1));
    CHECK(time_of_day(3, 4, 5) == time_of_day::parse("03:04:05Z"));
    CHECK(time_of_day(23, 0, 0) > time_of_day(22, 59, 59, 999));

    std::string out = "t=";
    time_of_day(3, 4, 5).append_to(out);
    CHECK(out == "t=03:04:05.000Z");

    static_assert(time_of_day::parse("03:04:05Z")->since_midnight() == 3h + 4min + 5s);
}

// ----------------------------------------------------------------------------------- datetime

TEST_CASE("datetime: every form Salesforce emits") {
    CHECK(datetime::parse("2024-01-02T03:04:05.000+0000")->unix_ms() == 1704164645000);
    CHECK(utc("2024-01-02T03:04:05.000+0000") == "2024-01-02T03:04:05.000Z");
    CHECK(utc("2024-01-02T03:04:05.000Z") == "2024-01-02T03:04:05.000Z");
    CHECK(utc("2024-01-02T03:04:05Z") == "2024-01-02T03:04:05.000Z");
    CHECK(utc("2024-01-02T03:04:05+00:00") == "2024-01-02T03:04:05.000Z");
    CHECK(utc("2024-01-02T03:04:05-0000") == "2024-01-02T03:04:05.000Z");
    CHECK(utc("2024-01-02T03:04:05+01:00") == "2024-01-02T02:04:05.000Z");
    CHECK(utc("2024-01-02T03:04:05+0100") == "2024-01-02T02:04:05.000Z");
    CHECK(utc("2024-01-02T03:04:05.123-0800") == "2024-01-02T11:04:05.123Z");
    CHECK(datetime::parse("2024-01-02T03:04:05.123-0800")->unix_ms() == 1704193445123);
    CHECK(utc("2024-01-02T03:04:05.123-08:00") == "2024-01-02T11:04:05.123Z");
    CHECK(utc("2024-01-02T03:04:05+05:30") == "2024-01-01T21:34:05.000Z");
    CHECK(utc("2024-01-02T03:04:05-09:45") == "2024-01-02T12:49:05.000Z");
}

TEST_CASE("datetime: values seen in real payloads") {
    const auto a = datetime::parse("2024-09-12T16:18:53.000+0000");
    REQUIRE(a);
    CHECK(a->unix_ms() == 1726157933000);
    CHECK(a->to_salesforce_string() == "2024-09-12T16:18:53.000+0000");
    CHECK(a->to_string() == "2024-09-12T16:18:53.000Z");

    const auto b = datetime::parse("2012-09-25T21:12:50.000+0000");
    REQUIRE(b);
    CHECK(b->unix_ms() == 1348607570000);
    CHECK(b->to_salesforce_string() == "2012-09-25T21:12:50.000+0000");
    CHECK(*b < *a);
}

TEST_CASE("datetime: fractions of 1 to 9 digits are truncated to milliseconds") {
    CHECK(utc("2024-01-02T03:04:05.1Z") == "2024-01-02T03:04:05.100Z");
    CHECK(utc("2024-01-02T03:04:05.12Z") == "2024-01-02T03:04:05.120Z");
    CHECK(utc("2024-01-02T03:04:05.123Z") == "2024-01-02T03:04:05.123Z");
    CHECK(utc("2024-01-02T03:04:05.1239Z") == "2024-01-02T03:04:05.123Z");
    CHECK(utc("2024-01-02T03:04:05.999999Z") == "2024-01-02T03:04:05.999Z");
    CHECK(utc("2024-01-02T03:04:05.123456789+0000") == "2024-01-02T03:04:05.123Z");
    CHECK(utc("2024-01-02T03:04:05.000000001Z") == "2024-01-02T03:04:05.000Z");
    CHECK(utc("2024-01-02T03:04:05.0123456789Z") == "rejected");
    CHECK(utc("2024-01-02T03:04:05.Z") == "rejected");
}

TEST_CASE("datetime: offsets that cross midnight, month and year boundaries") {
    CHECK(utc("2024-01-01T23:30:00-0100") == "2024-01-02T00:30:00.000Z");
    CHECK(utc("2024-01-02T00:30:00+0100") == "2024-01-01T23:30:00.000Z");
    CHECK(utc("2024-01-01T00:30:00+01:00") == "2023-12-31T23:30:00.000Z");
    CHECK(utc("2023-12-31T22:00:00.500-05:00") == "2024-01-01T03:00:00.500Z");
    CHECK(utc("2024-01-31T20:00:00-0800") == "2024-02-01T04:00:00.000Z");
    CHECK(utc("1999-12-31T23:59:59.999-0000") == "1999-12-31T23:59:59.999Z");
    CHECK(utc("2000-01-01T00:00:00.000+0000") == "2000-01-01T00:00:00.000Z");
}

TEST_CASE("datetime: leap years") {
    CHECK(utc("2024-02-29T12:00:00Z") == "2024-02-29T12:00:00.000Z");
    CHECK(utc("2024-02-28T23:00:00-0200") == "2024-02-29T01:00:00.000Z");
    CHECK(utc("2024-03-01T00:30:00+01:00") == "2024-02-29T23:30:00.000Z");
    CHECK(utc("2023-03-01T00:30:00+01:00") == "2023-02-28T23:30:00.000Z");
    CHECK(utc("2000-02-29T00:00:00Z") == "2000-02-29T00:00:00.000Z");
    CHECK(utc("2023-02-29T12:00:00Z") == "rejected");
    CHECK(utc("1900-02-29T12:00:00Z") == "rejected");
}

TEST_CASE("datetime: invalid text is rejected") {
    for (std::string_view s : {
             "",
             "2024-01-02",                         // a date
             "2024-01-02T03:04:05",                // no offset
             "2024-01-02T03:04:05.000",            // no offset
             "2024-01-02T03:04",                   // no seconds
             "2024-13-02T03:04:05Z",               // month 13
             "2024-00-02T03:04:05Z",               // month 0
             "2024-01-32T03:04:05Z",               // day 32
             "2024-04-31T03:04:05Z",               // April has 30 days
             "2024-01-00T03:04:05Z",               // day 0
             "2024-01-02T24:00:00Z",               // hour 24
             "2024-01-02T24:00:00.000+0000",       // hour 24
             "2024-01-02T03:60:05Z",               // minute 60
             "2024-01-02T03:04:60Z",               // no leap seconds
             "2024-01-02 03:04:05Z",               // space for T
             "2024-01-02t03:04:05Z",               // lower-case t
             "2024-01-02T03:04:05z",               // lower-case z
             "2024-01-02T03:04:05ZZ",              // trailing garbage
             "2024-01-02T03:04:05.000Zjunk",       // trailing garbage
             "2024-01-02T03:04:05+0000 ",          // trailing space
             " 2024-01-02T03:04:05Z",              // leading space
             "2024-01-02T03:04:05+00000",          // offset too long
             "2024-01-02T03:04:05+01",             // offset hours only
             "2024-01-02T03:04:05+1",              // offset too short
             "2024-01-02T03:04:05+01:",            // offset cut short
             "2024-01-02T03:04:05+01:0",           // offset cut short
             "2024-01-02T03:04:05+24:00",          // offset hour 24
             "2024-01-02T03:04:05+01:60",          // offset minute 60
             "2024-01-02T03:04:05 +0000",          // space before offset
             "2024-01-02T03:04:05GMT",             // named zone
             "2024-1-02T03:04:05Z",                // one-digit month
             "2024-01-2T03:04:05Z",                // one-digit day
             "2024-01-02T3:04:05Z",                // one-digit hour
             "24-01-02T03:04:05Z",                 // two-digit year
             "12024-01-02T03:04:05Z",              // five-digit year
             "+2024-01-02T03:04:05Z",              // signed year
             "-2024-01-02T03:04:05Z",              // signed year
             "2024-01-02T03:04:05,000Z",           // comma for the fraction
             "20240102T030405Z",                   // basic ISO format
             "1704164645000",                      // a number
         }) {
        CAPTURE(s);
        CHECK_FALSE(datetime::parse(s));
        CHECK_THROWS_AS(datetime::from_string(s), sfcpp::invalid_value);
    }
    // A NUL inside the text must not end it early.
    CHECK_FALSE(datetime::parse(std::string_view("2024-01-02T03:04:05Z\0", 21)));
}

TEST_CASE("datetime: years 0000 to 9999 only, in UTC") {
    const auto first = datetime::parse("0000-01-01T00:00:00Z");
    REQUIRE(first);
    CHECK(first->unix_ms() == -62167219200000);
    CHECK(first->to_string() == "0000-01-01T00:00:00.000Z");
    const auto last = datetime::parse("9999-12-31T23:59:59.999Z");
    REQUIRE(last);
    CHECK(last->unix_ms() == 253402300799999);
    CHECK(last->to_string() == "9999-12-31T23:59:59.999Z");

    // Valid text, but the instant in UTC falls outside the range.
    CHECK(utc("0000-01-01T00:30:00+01:00") == "rejected");
    CHECK(utc("9999-12-31T23:30:00-01:00") == "rejected");
    CHECK(utc("0000-01-01T00:30:00-01:00") == "0000-01-01T01:30:00.000Z");

    CHECK_THROWS_AS(datetime::from_unix_ms(-62167219200001), sfcpp::invalid_value);
    CHECK_THROWS_AS(datetime::from_unix_ms(253402300800000), sfcpp::invalid_value);
    CHECK_THROWS_AS(datetime{datetime::time_point_type::max()}, sfcpp::invalid_value);
    CHECK(datetime::from_unix_ms(-62167219200000) == *first);
    CHECK(datetime::from_unix_ms(253402300799999) == *last);
}

TEST_CASE("datetime: error message says what was expected and where") {
    const std::string msg = what_of([] { datetime::from_string("2024-13-02T03:04:05Z"); });
    CHECK(msg.find("sfcpp::datetime") != std::string::npos);
    CHECK(msg.find("yyyy-MM-ddTHH:mm:ss") != std::string::npos);
    CHECK(msg.find("\"2024-13-02T03:04:05Z\"") != std::string::npos);
    CHECK(msg.find("offset 5") != std::string::npos);

    CHECK(what_of([] { datetime::from_string("2024-01-02T03:04:05"); }).find("offset 19") != std::string::npos);
    CHECK(what_of([] { datetime::from_string("2024-01-02T03:04:05Zx"); }).find("offset 20") != std::string::npos);
    CHECK(what_of([] { datetime::from_string("2024-01-02T03:04:05+01:60"); }).find("offset 23") !=
          std::string::npos);

    const std::string body = "{\"records\":[{\"CreatedDate\":\"2024-01-02T03:04:05Z\"}], \"done\": true}";
    const std::string long_msg = what_of([&] { datetime::from_string(body); });
    CHECK(long_msg.find("\"" + body.substr(0, 40) + "...\"") != std::string::npos);
    CHECK(long_msg.find(body.substr(0, 41)) == std::string::npos);

    CHECK(what_of([] { datetime::from_string("2024-01-02T03:04:05Z\n"); }).find("05Z?\"") != std::string::npos);
}

TEST_CASE("datetime: round trip parse, print, parse") {
    for (std::string_view s : {"2024-01-02T03:04:05.000+0000", "2024-01-02T03:04:05.000Z", "2024-01-02T03:04:05Z",
                               "2024-01-02T03:04:05+01:00", "2024-01-02T03:04:05.123-0800",
                               "2024-09-12T16:18:53.000+0000", "2012-09-25T21:12:50.000+0000",
                               "2024-02-29T23:59:59.999Z", "0000-01-01T00:00:00Z", "9999-12-31T23:59:59.999Z",
                               "1969-12-31T23:59:59.999Z", "1970-01-01T00:00:00.001Z"}) {
        CAPTURE(s);
        const auto a = datetime::parse(s);
        REQUIRE(a);
        const auto b = datetime::parse(a->to_string());
        REQUIRE(b);
        CHECK(*a == *b);
        const auto c = datetime::parse(a->to_salesforce_string());
        REQUIRE(c);
        CHECK(*a == *c);
        CHECK(datetime::from_string(a->to_string()) == *a);
        CHECK(datetime::from_unix_ms(a->unix_ms()) == *a);
    }
}

TEST_CASE("datetime: before 1970") {
    CHECK(utc("1969-12-31T23:59:59.999Z") == "1969-12-31T23:59:59.999Z");
    CHECK(datetime::parse("1969-12-31T23:59:59.999Z")->unix_ms() == -1);
    CHECK(datetime::from_unix_ms(-1).to_string() == "1969-12-31T23:59:59.999Z");
    CHECK(datetime::from_unix_ms(-86'400'001).to_string() == "1969-12-30T23:59:59.999Z");
}

TEST_CASE("datetime: constructors and accessors") {
    CHECK(datetime{}.unix_ms() == 0);
    CHECK(datetime{}.to_string() == "1970-01-01T00:00:00.000Z");

    const datetime a(date(2024, 1, 2), time_of_day(3, 4, 5));
    CHECK(a.to_string() == "2024-01-02T03:04:05.000Z");
    CHECK(a.unix_ms() == 1704164645000);
    CHECK(a.utc_date() == date(2024, 1, 2));
    CHECK(a.utc_time() == time_of_day(3, 4, 5));
    CHECK(a.time_point() == std::chrono::sys_days{std::chrono::year{2024} / 1 / 2} + 3h + 4min + 5s);

    const datetime b(std::chrono::sys_days{std::chrono::year{2024} / 1 / 2} + 3h + 4min + 5s);
    CHECK(a == b);
    // Coarser time points convert without a cast.
    const datetime c(std::chrono::sys_seconds{std::chrono::seconds{1704164645}});
    CHECK(a == c);
    CHECK(datetime::from_unix_ms(1704164645000) == a);

    const auto now = datetime::now();
    CHECK(now > datetime::from_string("2024-01-01T00:00:00Z"));
    CHECK(now.utc_date().year() < 9999);

    std::string out = "CreatedDate=";
    a.append_to(out);
    out += ' ';
    a.append_salesforce_to(out);
    CHECK(out == "CreatedDate=2024-01-02T03:04:05.000Z 2024-01-02T03:04:05.000+0000");
}

TEST_CASE("datetime: comparisons") {
    const auto a = datetime::from_string("2024-01-02T03:04:05.000+0000");
    const auto b = datetime::from_string("2024-01-02T04:04:05.000+01:00");  // the same instant
    const auto c = datetime::from_string("2024-01-02T03:04:05.001Z");
    CHECK(a == b);
    CHECK(a < c);
    CHECK(c > b);
    CHECK(a <= b);
    CHECK(a != c);
    CHECK((a <=> b) == std::strong_ordering::equal);
}

TEST_CASE("datetime: compile-time use") {
    static_assert(datetime::parse("2024-01-02T03:04:05.123-0800")->unix_ms() == 1704193445123);
    static_assert(!datetime::parse("2024-01-02T24:00:00Z"));
    static_assert(datetime::parse("2024-01-02T03:04:05Z") < datetime::parse("2024-01-02T03:04:06Z"));
}

TEST_CASE("date, time_of_day, datetime: stream output") {
    std::ostringstream os;
    os << date(2013, 4, 2) << ' ' << time_of_day(3, 4, 5, 6) << ' '
       << datetime::from_string("2024-01-02T03:04:05.123-0800");
    CHECK(os.str() == "2013-04-02 03:04:05.006Z 2024-01-02T11:04:05.123Z");
}
