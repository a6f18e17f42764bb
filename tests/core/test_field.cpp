// The three field states, picklists, and the run-time write checks.
#include <test_sobjects/Account.hpp>
#include <test_sobjects/Contact.hpp>
#include <test_sobjects/Invoice_c.hpp>
#include <sfcpp/json.hpp>

#include <doctest/doctest.h>

using namespace sobjects;

TEST_CASE("field: not set, null and value") {
    sfcpp::field<std::string> f;
    CHECK(f.state() == sfcpp::field_state::not_set);
    CHECK_FALSE(f.is_set());
    CHECK_THROWS_AS((void)f.value(), sfcpp::bad_field_access);
    CHECK(f.get() == nullptr);
    CHECK_FALSE(f.optional().has_value());
    CHECK(f.value_or("fallback") == "fallback");

    f = nullptr;
    CHECK(f.is_null());
    CHECK(f.is_set());
    CHECK_THROWS_WITH_AS((void)f.value(), doctest::Contains("sfcpp: field<std::string> is null"),
                         sfcpp::bad_field_access);

    f = "Acme";
    CHECK(f.has_value());
    CHECK(*f == "Acme");
    CHECK(f->size() == 4);
    f.reset();
    CHECK_FALSE(f.is_set());
}

TEST_CASE("field: a not-set read names the likely cause") {
    Account a;
    CHECK_THROWS_WITH_AS((void)a.Name.value(), doctest::Contains("not selected by the query"), sfcpp::bad_field_access);
}

TEST_CASE("field: bad_field_access says the state and the C++ value type, and is an sfcpp::error") {
    Account a;
    try {
        (void)a.AnnualRevenue.value();
        FAIL("no exception");
    } catch (const sfcpp::error& e) {
        const auto* bad = dynamic_cast<const sfcpp::bad_field_access*>(&e);
        REQUIRE(bad != nullptr);
        CHECK(bad->state() == sfcpp::field_state::not_set);
        CHECK(std::string(e.what()).starts_with("sfcpp: field<double> is not set"));
        CHECK_FALSE(e.code());  // not a decode or encode error: no errc
    }
    a.AnnualRevenue = nullptr;
    try {
        (void)a.AnnualRevenue.value();
        FAIL("no exception");
    } catch (const sfcpp::bad_field_access& e) {
        CHECK(e.state() == sfcpp::field_state::null);
        CHECK(std::string(e.what()).starts_with("sfcpp: field<double> is null"));
    }
    // A picklist's generated type names its object and field.
    CHECK_THROWS_WITH_AS((void)a.Industry.value(),
                         doctest::Contains("sfcpp: field<sobjects::Account_Industry> is not set"), sfcpp::bad_field_access);
    Contact c;
    CHECK_THROWS_WITH_AS((void)c.Account.value(), doctest::Contains("sfcpp: parent<sobjects::Account> is not set"),
                         sfcpp::bad_field_access);
    c.Account.set_null();
    CHECK_THROWS_WITH_AS((void)c.Account->Name, doctest::Contains("sfcpp: parent<sobjects::Account> is null"),
                         sfcpp::bad_field_access);
}

TEST_CASE("encode: not-set fields are left out, null is sent as null") {
    Account a;
    a.Name = "Acme";
    a.Website = nullptr;  // clears the field in Salesforce
    const std::string patch = sfcpp::to_json(a, {sfcpp::write_mode::update});
    CHECK(patch == R"({"Name":"Acme","Website":null})");
    a.Website.reset();
    CHECK(sfcpp::to_json(a, {sfcpp::write_mode::update}) == R"({"Name":"Acme"})");
}

TEST_CASE("encode: read-only fields decoded from a response are not sent in a write") {
    auto a = sfcpp::from_json<Account>(
        R"({"attributes":{"type":"Account","url":"/x"},"Id":"001A0000006Vm9rIAC","Name":"Acme","CreatedDate":"2024-01-02T03:04:05.000+0000"})");
    CHECK(a.CreatedDate.has_value());
    CHECK(sfcpp::to_json(a, {sfcpp::write_mode::update}) == R"({"Name":"Acme"})");
    CHECK(sfcpp::to_json(a).find("\"CreatedDate\":\"2024-01-02T03:04:05.000Z\"") != std::string::npos);
}

TEST_CASE("picklist: known constants and unknown values") {
    Account a;
    a.Industry = Account_Industry::Banking;
    CHECK(a.Industry->is_known());
    CHECK(a.Industry->str() == "Banking");
    CHECK(*a.Industry == Account_Industry::Banking);

    // An org added a value after the code was generated: it is carried unchanged.
    auto b = sfcpp::from_json<Account>(R"({"Industry":"Quantum Farming"})");
    CHECK_FALSE(b.Industry->is_known());
    CHECK(b.Industry->str() == "Quantum Farming");
    CHECK(sfcpp::to_json(b) == R"({"Industry":"Quantum Farming"})");
    a.Industry = Account_Industry("Quantum Farming");
    CHECK(a.Industry == b.Industry);
}

TEST_CASE("multipicklist: a set joined with ';' on the wire") {
    Invoice_c inv;
    inv.Tags_c = Invoice_c_Tags_c{Invoice_c_Tags_c::Priority, Invoice_c_Tags_c::Export};
    CHECK(inv.Tags_c->contains("Export"));
    CHECK(sfcpp::to_json(inv) == R"({"Tags__c":"Priority;Export"})");
    auto back = sfcpp::from_json<Invoice_c>(R"({"Tags__c":"Priority;Export;Brand New"})");
    CHECK(back.Tags_c->size() == 3);
    CHECK(back.Tags_c->contains("Brand New"));
    CHECK(Invoice_c_Tags_c::from_wire("a;b;a").size() == 2);
}

TEST_CASE("write checks at run time: required fields and createable") {
    Account a;
    CHECK_THROWS_WITH_AS(sfcpp::check_write(a, sfcpp::write_mode::create),
                         doctest::Contains("required fields not set: Account.Name"), sfcpp::write_check_error);
    try {
        sfcpp::check_write(a, sfcpp::write_mode::create);
    } catch (const sfcpp::write_check_error& e) {
        CHECK(e.fields() == std::vector<std::string>{"Account.Name"});
    }
    a.Name = "Acme";
    CHECK_NOTHROW(sfcpp::check_write(a, sfcpp::write_mode::create));
    CHECK_NOTHROW(sfcpp::check_write(a, sfcpp::write_mode::update));

    // A read-only field filled from a response (or by hand) is refused before any request.
    Invoice_c inv;
    sfcpp::assign_unchecked(inv.CreatedDate, sfcpp::datetime::from_unix_ms(0));
    CHECK_THROWS_WITH_AS(sfcpp::check_write(inv, sfcpp::write_mode::update),
                         doctest::Contains("fields not updateable: Invoice__c.CreatedDate"), sfcpp::write_check_error);
}

TEST_CASE("write checks: every offending field is named once, as Object.Field") {
    Account a;
    sfcpp::assign_unchecked(a.CreatedDate, sfcpp::datetime::from_unix_ms(0));
    sfcpp::assign_null_unchecked(a.Name);  // required, and not nillable
    try {
        sfcpp::check_write(a, sfcpp::write_mode::create);
        FAIL("no exception");
    } catch (const sfcpp::error& e) {
        const auto* w = dynamic_cast<const sfcpp::write_check_error*>(&e);
        REQUIRE(w != nullptr);
        CHECK(w->fields() == std::vector<std::string>{"Account.Name", "Account.CreatedDate"});
        CHECK(std::string(e.what()) ==
              "sfcpp: Account cannot be created: fields not createable: Account.Name (not nillable), "
              "Account.CreatedDate; required fields not set: Account.Name");
    }
}

TEST_CASE("write checks: the client's record checks name Object.Field") {
    // What client::update/upsert and composite requests throw before sending.
    CHECK_THROWS_WITH_AS(sfcpp::detail::throw_missing_id("Account", "update"),
                         "sfcpp: update: Account.Id has no value (the record must have its Id)", sfcpp::write_check_error);
    try {
        sfcpp::detail::throw_missing_key("Invoice__c", "External_Id__c");
    } catch (const sfcpp::write_check_error& e) {
        CHECK(std::string(e.what()) == "sfcpp: upsert: the external id Invoice__c.External_Id__c has no value");
        CHECK(e.fields() == std::vector<std::string>{"Invoice__c.External_Id__c"});
    }
}

TEST_CASE("metadata: flags, types and relationships are available at compile time") {
    using F = Account_fields::Name;
    static_assert(F::name == "Name");
    static_assert(F::type == sfcpp::field_type::string);
    static_assert((F::flags & sfcpp::flag::createable) != 0);
    static_assert((F::flags & sfcpp::flag::nillable) == 0);
    static_assert(std::is_same_v<Account_fields::Owner::target, User>);
    static_assert(std::is_same_v<decltype(Account::Contacts), sfcpp::children<Contact>>);
    static_assert(Invoice_c_fields::External_Id_c::name == "External_Id__c");
    static_assert((Invoice_c_fields::External_Id_c::flags & sfcpp::flag::external_id) != 0);
    const auto& info = Account::sfcpp_info();
    CHECK(info.key_prefix == "001");
    CHECK(info.find_field("AnnualRevenue")->type == sfcpp::field_type::currency);
    CHECK(info.find_field("annualrevenue") != nullptr);  // API names are case-insensitive
    CHECK(info.find_field("OwnerId")->reference_to[0] == "User");
    CHECK(info.find_field("BillingCity")->compound_field_name == "BillingAddress");
}
