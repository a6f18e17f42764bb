// The user's own described structs as JSON: written whole, read leniently (unknown keys skipped,
// missing keys keep the struct's defaults), a wrong type named by struct and JSON path.
#include <test_sobjects/Account.hpp>
#include <sfcpp/described.hpp>
#include <sfcpp/json.hpp>

#include "support/error_support.hpp"

#include <boost/describe/class.hpp>
#include <doctest/doctest.h>

#include <optional>
#include <string>
#include <system_error>
#include <vector>

namespace shop {
struct line {
    std::string sku;
    int quantity = 1;
    std::optional<double> price;
};
BOOST_DESCRIBE_STRUCT(line, (), (sku, quantity, price))

struct order {
    sfcpp::id account;
    sfcpp::date due{2024, 1, 1};
    std::optional<sfcpp::datetime> shipped;
    std::vector<line> lines;
    bool rush = false;
};
BOOST_DESCRIBE_STRUCT(order, (), (account, due, shipped, lines, rush))
}  // namespace shop

static_assert(sfcpp::described_struct<shop::order>);
static_assert(!sfcpp::described_struct<sobjects::Account>);  // records keep their own codec
static_assert(!sfcpp::described_struct<std::string>);

TEST_CASE("described structs: written whole, in member order") {
    shop::order o;
    o.account = sfcpp::id::parse("001000000000001AAA").value();
    o.due = sfcpp::date(2025, 3, 31);
    o.lines = {{"A-1", 2, 9.5}, {"B-2", 1, std::nullopt}};
    CHECK(sfcpp::to_json(o) ==
          R"({"account":"001000000000001AAA","due":"2025-03-31","shipped":null,)"
          R"("lines":[{"sku":"A-1","quantity":2,"price":9.5E0},{"sku":"B-2","quantity":1,"price":null}],"rush":false})");
    const auto back = sfcpp::from_json<shop::order>(sfcpp::to_json(o));
    CHECK(back.account == o.account);
    CHECK(back.due == o.due);
    CHECK(!back.shipped);
    REQUIRE(back.lines.size() == 2);
    CHECK(back.lines[0].price == 9.5);
    CHECK(!back.lines[1].price);
}

TEST_CASE("described structs: unknown keys skipped, missing keys keep the defaults") {
    const auto o = sfcpp::from_json<shop::order>(
        R"({"account":"001000000000001","shipped":"2025-04-01T10:00:00.000+0200",)"
        R"("lines":[{"sku":"X","colour":"red"}],"addedLater":{"a":[1,2]}})");
    CHECK(o.account.str() == "001000000000001AAA");
    CHECK(o.due == sfcpp::date(2024, 1, 1));
    REQUIRE(o.shipped);
    CHECK(o.shipped->to_string() == "2025-04-01T08:00:00.000Z");
    REQUIRE(o.lines.size() == 1);
    CHECK(o.lines[0].quantity == 1);
    CHECK(!o.rush);

    shop::line reused{"keep", 7, 1.0};
    sfcpp::from_json(R"({"price":null})", reused);
    CHECK(reused.sku == "keep");
    CHECK(reused.quantity == 7);
    CHECK(!reused.price);
}

TEST_CASE("described structs: a wrong type names the struct and the path") {
    CHECK_THROWS_WITH_AS(sfcpp::from_json<shop::order>(R"({"lines":[{"sku":"A"},{"quantity":"two"}]})"),
                         doctest::Contains("shop::order: $.lines[1].quantity"), sfcpp::decode_error);
    CHECK_THROWS_WITH_AS(sfcpp::from_json<shop::order>(R"({"account":"not an id"})"),
                         doctest::Contains("$.account: expected a Salesforce id"), sfcpp::decode_error);
    CHECK_THROWS_WITH_AS(sfcpp::from_json<shop::order>(R"({"due":20250101})"),
                         doctest::Contains("$.due: expected a date or time"), sfcpp::decode_error);
    CHECK_THROWS_WITH_AS(sfcpp::from_json<shop::order>(R"({"lines":{}})"),
                         doctest::Contains("$.lines: expected an array"), sfcpp::decode_error);
    CHECK_THROWS_WITH_AS(sfcpp::from_json<shop::order>(R"([1])"), doctest::Contains("$: expected an object"),
                         sfcpp::decode_error);
    CHECK_THROWS_WITH_AS(sfcpp::from_json<shop::order>(R"({"rush":tru})"), doctest::Contains("malformed JSON"),
                         sfcpp::decode_error);
}

TEST_CASE("described structs: decode errors carry their errc") {
    const auto code_of = [](const char* text) {
        return test::code_of<sfcpp::decode_error>([&] { (void)sfcpp::from_json<shop::order>(text); });
    };
    CHECK(code_of(R"({"rush":tru})") == sfcpp::errc::malformed_json);
    CHECK(code_of(R"({"lines":{}})") == sfcpp::errc::wrong_type);
    CHECK(code_of(R"({"account":"not an id"})") == sfcpp::errc::invalid_id);
    CHECK(code_of(R"({"due":"2025-02-30"})") == sfcpp::errc::invalid_date);
}

TEST_CASE("described structs: records beside them still use the record codec") {
    const auto a = sfcpp::from_json<sobjects::Account>(R"({"Name":"Acme","Website":null})");
    CHECK(a.Name.value() == "Acme");
    CHECK(a.Website.is_null());
    CHECK(sfcpp::to_json(a, {sfcpp::write_mode::update}).find(R"("Website":null)") != std::string::npos);
}
