// The run-time describe model.
#include <sfcpp/describe.hpp>

#include "support/test_support.hpp"

#include <doctest/doctest.h>

TEST_CASE("describe: the shipped describes parse with their metadata") {
    const auto d = sfcpp::parse_describe(test::read_file(std::string(SFCPP_DESCRIBE_DIR) + "/Event.json"), "Event.json");
    CHECK(d.name == "Event");
    CHECK(d.key_prefix == "00U");
    const auto* what = d.find_field("whatid");
    REQUIRE(what);
    CHECK(what->polymorphic_foreign_key);
    CHECK(what->reference_to.size() > 50);
    CHECK(what->relationship_name == "What");
    const auto inv = sfcpp::parse_describe(test::read_file(std::string(SFCPP_DESCRIBE_DIR) + "/Invoice__c.json"));
    CHECK(inv.find_field("External_Id__c")->external_id);
    CHECK(inv.find_field("Status__c")->restricted_picklist);
    CHECK(inv.find_field("Status__c")->picklist_values.size() == 4);
}

TEST_CASE("describe: errors name the origin and the JSON path") {
    CHECK_THROWS_WITH_AS(sfcpp::parse_describe(std::string_view("{\"name\":\"X\""), "x.json"),
                         doctest::Contains("x.json: malformed JSON"), sfcpp::describe_error);
    CHECK_THROWS_WITH_AS(sfcpp::parse_describe(std::string_view(R"({"name":"X","fields":[{"name":"A","type":"string","length":"long"}]})"), "x.json"),
                         doctest::Contains("x.json: $.fields[0](A).length: expected an integer"), sfcpp::describe_error);
    CHECK_THROWS_WITH_AS(sfcpp::parse_describe(std::string_view(R"({"name":"X","fields":[]})"), "x.json"),
                         doctest::Contains("at least one field"), sfcpp::describe_error);
    CHECK_THROWS_WITH_AS(sfcpp::parse_describe(std::string_view(R"({"fields":[{"name":"Id","type":"id"}]})"), "y.json"),
                         doctest::Contains("y.json: $: missing key \"name\""), sfcpp::describe_error);
}
