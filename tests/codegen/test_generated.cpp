// Names real orgs produce that C++ does not accept as they are.
#include <odd_sobjects/sobjects.hpp>
#include <sfcpp/json.hpp>

#include <doctest/doctest.h>

using namespace odd;

TEST_CASE("codegen: keywords, reserved and clashing names get safe C++ names, exact API names") {
    Odd_c o;
    o.class_ = "kw";              // API name "class"
    o.Odd_c_2 = "own name";       // API name "Odd__c" clashes with the struct
    o.Odd_c_3 = "twin";           // API name "Odd_c" clashes with both
    o.attributes_ = "reserved";   // API name "attributes" is the record's own member
    o.Under_c = true;             // API name "_Under__c": a leading underscore is reserved
    CHECK(sfcpp::to_json(o) ==
          R"({"class":"kw","Odd__c":"own name","Odd_c":"twin","attributes":"reserved","_Under__c":true})");
    const auto back = sfcpp::from_json<Odd_c>(sfcpp::to_json(o));
    CHECK(back.Odd_c_3.value() == "twin");
    CHECK(back.attributes_.value() == "reserved");
}

TEST_CASE("codegen: picklist constants from arbitrary values") {
    CHECK(Odd_c_Status_c::New.value == "New");
    CHECK(Odd_c_Status_c::new_.value == "new");            // a keyword once made an identifier
    CHECK(Odd_c_Status_c::v1st_choice.value == "1st \"choice\"");
    CHECK(Odd_c_Status_c::values_.value == "values");      // clashes with the type's own member
    CHECK(Odd_c_Status_c::n_code.value == "\xC3\x9Cn\xC3\xAF" "code \xE2\x9C\x93");
    CHECK(Odd_c_Status_c::trigraph.value == "?? trigraph");
    CHECK(Odd_c_Status_c::values.size() == 6);
}

TEST_CASE("codegen: unknown and anyType fields are raw JSON values") {
    static_assert(std::is_same_v<decltype(Odd_c::Hologram_c)::value_type, boost::json::value>);
    const auto o = sfcpp::from_json<Odd_c>(R"({"Hologram__c":{"x":[1,2]},"Payload__c":42,"Big__c":9007199254740993})");
    CHECK(o.Hologram_c->at("x").as_array().size() == 2);
    CHECK(o.Payload_c->as_int64() == 42);
    CHECK(o.Big_c.value() == 9007199254740993LL);
    CHECK(sfcpp::to_json(o) == R"({"Hologram__c":{"x":[1,2]},"Payload__c":42,"Big__c":9007199254740993})");
}

TEST_CASE("codegen: self references and polymorphic references") {
    static_assert(std::is_same_v<decltype(Odd_c::Parent_r), sfcpp::parent<Odd_c>>);
    static_assert(std::is_same_v<decltype(Odd_c::Who_r), sfcpp::dynamic_parent>);
    static_assert(std::is_same_v<decltype(Odd_c::Children_r), sfcpp::children<Odd_c>>);
    const auto& who = Odd_c::sfcpp_info().fields[Odd_c_fields::Who_c::index];
    CHECK(who.reference_to.size() == 2);
    CHECK(who.has(sfcpp::flag::polymorphic));
    const auto o = sfcpp::from_json<Odd_c>(
        R"({"Parent__r":{"attributes":{"type":"Odd__c"},"class":"up","Parent__r":null},)"
        R"("Children__r":{"totalSize":1,"done":true,"records":[{"class":"down"}]}})");
    CHECK(o.Parent_r->class_.value() == "up");
    CHECK(o.Parent_r->Parent_r.is_null());
    CHECK(o.Children_r.records().at(0).class_.value() == "down");
}
