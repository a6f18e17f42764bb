// An 800-field custom object: the most Salesforce allows. One table, one decoder.
#include <wide_sobjects/Wide_c.hpp>
#include <sfcpp/json.hpp>

#include <boost/describe/bases.hpp>
#include <boost/describe/members.hpp>
#include <boost/mp11/algorithm.hpp>

#include <doctest/doctest.h>

TEST_CASE("codegen: an 800-field object lists every field in describe order") {
    const auto& info = wide::Wide_c::sfcpp_info();
    REQUIRE(info.fields.size() == 800);
    CHECK(info.fields[0].name == "Id");
    CHECK(info.fields[1].name == "Name");
    for (std::size_t i = 2; i < 800; ++i) CHECK(info.fields[i].name == "Field_" + std::to_string(i) + "__c");
    // Boost.Describe sees the members part by part (52 per part, its limit). Walking all of
    // them at once with mod_inherited is not done here on purpose: over a 17-part chain it took
    // g++ 12 more than 14 minutes and 21 GB, which is why the codecs walk the table instead.
    using part0 = boost::describe::describe_members<wide::detail::Wide_c_part0, boost::describe::mod_public>;
    CHECK(boost::mp11::mp_size<part0>::value == 52);
    using bases = boost::describe::describe_bases<wide::Wide_c, boost::describe::mod_public>;
    CHECK(boost::mp11::mp_size<bases>::value == 1);
}

TEST_CASE("codegen: an 800-field object round-trips through JSON") {
    const auto& info = wide::Wide_c::sfcpp_info();
    std::string json = "{";
    for (std::size_t i = 1; i < info.fields.size(); ++i) {
        const auto& f = info.fields[i];
        std::string v;
        switch (f.kind) {
        case sfcpp::storage_kind::string: v = "\"s" + std::to_string(i) + "\""; break;
        case sfcpp::storage_kind::float64: v = std::to_string(i) + ".5"; break;
        case sfcpp::storage_kind::boolean: v = "true"; break;
        case sfcpp::storage_kind::int32: v = std::to_string(i); break;
        case sfcpp::storage_kind::date: v = "\"2024-02-29\""; break;
        case sfcpp::storage_kind::datetime: v = "\"2024-02-29T12:00:00.000Z\""; break;
        case sfcpp::storage_kind::time: v = "\"12:00:00.000Z\""; break;
        case sfcpp::storage_kind::multipicklist: v = "\"Alpha;Beta Two\""; break;
        case sfcpp::storage_kind::id: v = "\"001A0000006Vm9rIAC\""; break;
        default: v = "null";
        }
        json += (i > 1 ? "," : "") + ("\"" + std::string(f.name) + "\":") + v;
    }
    json += "}";
    const auto decoded = sfcpp::from_json<wide::Wide_c>(json);
    for (const auto& f : info.fields) CHECK((f.name == "Id") != (sfcpp::detail::state_of(&decoded, f) == sfcpp::field_state::value));
    CHECK(sfcpp::to_json(decoded) == json);
}
