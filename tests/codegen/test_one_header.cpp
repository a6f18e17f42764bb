// A program that includes one generated header: Contact.hpp alone, without the headers of the
// objects it relates to. Its relationships compile with incomplete targets; reading a parent whose
// header no translation unit includes is a clear sfcpp::error, and everything else works.
#include <test_sobjects/Contact.hpp>
#include <sfcpp/json.hpp>

#define DOCTEST_CONFIG_IMPLEMENT_WITH_MAIN
#include <doctest/doctest.h>

#include <string>

namespace {
template <class T>
concept complete = requires { sizeof(T); };
}  // namespace

static_assert(!complete<sobjects::Account>, "Contact.hpp must not include Account.hpp");
static_assert(!complete<sobjects::User>, "Contact.hpp must not include User.hpp");
static_assert(complete<sobjects::Contact>);

TEST_CASE("one header: only the included object is registered") {
    CHECK(sfcpp::find_record_type("sobjects::Contact") == &sobjects::Contact::sfcpp_info());
    CHECK(sfcpp::find_record_type("sobjects::Account") == nullptr);
    CHECK(sfcpp::find_record_type("Contact") == nullptr);
    const auto& account = sobjects::Contact::sfcpp_info().parents[1];
    REQUIRE(account.name == "Account");
    CHECK(static_cast<bool>(account.target));
    CHECK(account.target.find() == nullptr);
    CHECK_THROWS_WITH_AS(account.target(), doctest::Contains("sobjects::Account"), sfcpp::error);
}

TEST_CASE("one header: fields, self-relationships and null parents decode and encode") {
    const auto c = sfcpp::from_json<sobjects::Contact>(
        R"({"LastName":"Ng","Account":null,"ReportsTo":{"LastName":"Boss","ReportsTo":null}})");
    CHECK(c.LastName.value() == "Ng");
    CHECK(c.Account.is_null());
    REQUIRE(c.ReportsTo.has_value());
    CHECK(c.ReportsTo->LastName.value() == "Boss");
    const std::string json = sfcpp::to_json(c);
    CHECK(json.find(R"("Account":null)") != std::string::npos);
    CHECK(json.find(R"("LastName":"Boss")") != std::string::npos);
    const auto back = sfcpp::from_json<sobjects::Contact>(json);
    CHECK(back.ReportsTo->LastName.value() == "Boss");
}

TEST_CASE("one header: a parent whose header is not in the program is a clear error") {
    const char* json = R"({"LastName":"Ng","Account":{"Name":"Acme"}})";
    CHECK_THROWS_WITH_AS(sfcpp::from_json<sobjects::Contact>(json),
                         doctest::Contains("sobjects::Account"), sfcpp::error);
    // Copies and moves of a record whose unreadable parents are unset need nothing of the target.
    sobjects::Contact a;
    a.LastName = "Ng";
    sobjects::Contact b = a;
    sobjects::Contact d = std::move(b);
    CHECK(d.LastName.value() == "Ng");
    CHECK(!d.Account.is_set());
}
