// Every describe recorded from real orgs goes through the generator and its output works.
#include <amp_sobjects/sobjects.hpp>
#include <cci_sobjects/sobjects.hpp>
#include <person_sobjects/sobjects.hpp>
#include <sfcpp/json.hpp>

#include <doctest/doctest.h>

TEST_CASE("codegen: recorded describes generate complete tables") {
    CHECK(cci::Account::sfcpp_info().fields.size() == 68);
    CHECK(cci::Event::sfcpp_info().find_field("WhatId")->reference_to.size() > 50);
    CHECK(cci::Event::sfcpp_info().find_field("WhatId")->has(sfcpp::flag::polymorphic));
    CHECK(person::Account::sfcpp_info().fields.size() == 250);
    CHECK(person::Account::sfcpp_info().find_field("npe01__One2OneContact__c") != nullptr);
    CHECK(amp::TestObject15_c::sfcpp_info().custom);
    // Contact's parent Account is typed because Account is generated in the same set.
    static_assert(std::is_same_v<decltype(cci::Contact::Account), sfcpp::parent<cci::Account>>);
}

TEST_CASE("codegen: a 250-field person account decodes and re-encodes") {
    person::Account a;
    a.Name = "Person";
    const auto text = sfcpp::to_json(a);
    CHECK(sfcpp::to_json(sfcpp::from_json<person::Account>(text)) == text);
}
