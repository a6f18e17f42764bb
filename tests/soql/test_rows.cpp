// Result rows: shaped by the select list, decoded from recorded responses, converted to records.
#include <sfcpp/json.hpp>
#include <sfcpp/soql.hpp>
#include <test_sobjects/sobjects.hpp>

#include <doctest/doctest.h>

#include <fstream>
#include <sstream>
#include <string>
#include <type_traits>
#include <utility>

using namespace sfcpp::soql;
using namespace sobjects;

namespace {

std::string fixture(const std::string& name) {
    std::ifstream in(std::string(SFCPP_FIXTURES_DIR) + "/" + name, std::ios::binary);
    REQUIRE_MESSAGE(in.good(), "missing fixture " << name);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

SFCPP_SOQL_ALIAS(total);

const auto account_query = select(Account_.Id, Account_.Name, Account_.CreatedDate, Account_.Owner / User_.Name,
                                  Account_.Owner / User_.Manager / User_.Email)
                               .from(Account_);
using account_row = decltype(account_query)::row_type;

template <class R>
concept has_phone = requires(R r) { r.Phone; };
template <class R>
concept has_name = requires(R r) { r.Name; };

}  // namespace

TEST_CASE("rows hold exactly the selected fields, with the record's field types") {
    static_assert(has_name<account_row>);
    static_assert(!has_phone<account_row>);  // not selected: not a member
    static_assert(std::is_same_v<decltype(account_row{}.Name), decltype(Account{}.Name)>);
    static_assert(std::is_same_v<decltype(account_row{}.CreatedDate), decltype(Account{}.CreatedDate)>);
    using owner_row = decltype(account_row{}.Owner)::value_type;
    static_assert(has_name<owner_row> && !has_phone<owner_row>);
    static_assert(std::is_same_v<decltype(account_row{}.Owner), sfcpp::parent<owner_row>>);
    CHECK(account_row::sobject_name == "Account");

    const auto& info = account_row::sfcpp_info();
    CHECK(info.fields.size() == 3);
    CHECK(info.parents.size() == 1);
    CHECK(info.attributes_offset == 0);
    CHECK(info.find_field("Name") != nullptr);
    CHECK(info.find_field("Phone") == nullptr);
    CHECK(info.find_key("Owner")->kind == sfcpp::key_entry::parent);
    const auto& owner = info.parents[0].target();
    CHECK(owner.name == "User");
    CHECK(owner.fields.size() == 1);
    CHECK(owner.parents.size() == 1);
    CHECK(owner.parents[0].name == "Manager");
    CHECK(&account_row::sfcpp_info() == &info);  // built once
}

TEST_CASE("row[tag] is the member of the selected column") {
    account_row r;
    static_assert(std::is_same_v<decltype(r[Account_.Name]), decltype(r.Name)&>);
    static_assert(std::is_same_v<decltype(std::as_const(r)[Account_.Name]), const decltype(r.Name)&>);
    static_assert(std::is_same_v<decltype(r[Account_.Owner]), decltype(r.Owner)&>);
    CHECK(&r[Account_.Name] == &r.Name);
    CHECK(&r[Account_.Owner] == &r.Owner);
    r[Account_.Name] = "Acme";  // the member itself, with the record's write checks
    CHECK(r.Name.value() == "Acme");
    // r[Account_.Phone] fails to compile naming Account.Phone: tests/compile_fail/unselected_row_field.cpp.

    using agg_row = decltype(select(sum(Opportunity_.Amount).as<total>(), count(Opportunity_.Id)).from(Opportunity_))::row_type;
    agg_row a;
    CHECK(&a[total{}] == &a.total);
    CHECK(&a[expr0{}] == &a.expr0);
}

TEST_CASE("decode a response into rows and convert a row to a record") {
    const std::string body = R"({"totalSize":1,"done":true,"records":[{
        "attributes":{"type":"Account","url":"/services/data/v60.0/sobjects/Account/001000000000001AAA"},
        "Id":"001000000000001AAA","Name":"Acme","CreatedDate":"2024-01-02T03:04:05.000+0000",
        "Owner":{"attributes":{"type":"User"},"Name":"Ann","Manager":null}}]})";
    const auto page = sfcpp::from_json<sfcpp::query_result<account_row>>(body);
    REQUIRE(page.records.size() == 1);
    const account_row& r = page.records[0];
    CHECK(r.Name.value() == "Acme");
    CHECK(r.attributes.type == "Account");
    CHECK(r.Owner->Name.value() == "Ann");
    CHECK(r.Owner->Manager.is_null());
    CHECK(r.CreatedDate->to_string() == "2024-01-02T03:04:05.000Z");

    const Account rec = sfcpp::to_record(r);
    CHECK(rec.Name.value() == "Acme");
    CHECK(rec.Id.value().str() == "001000000000001AAA");
    CHECK_FALSE(rec.Phone.is_set());  // not selected: not set
    CHECK_FALSE(rec.Industry.is_set());
    CHECK(rec.Owner->Name.value() == "Ann");
    CHECK(rec.attributes.url == "/services/data/v60.0/sobjects/Account/001000000000001AAA");
}

TEST_CASE("recorded response: cases with Account and Contact parents") {
    const auto q = select(Case_.Id, Case_.CaseNumber, Case_.SystemModstamp, Case_.Account / Account_.Name,
                          Case_.Account / Account_.SystemModstamp, Case_.Contact / Contact_.Name,
                          Case_.Contact / Contact_.SystemModstamp)
                       .from(Case_);
    CHECK(to_soql(q) ==
          "SELECT Id, CaseNumber, SystemModstamp, Account.Name, Account.SystemModstamp, Contact.Name, "
          "Contact.SystemModstamp FROM Case");
    using row = decltype(q)::row_type;
    const auto page = sfcpp::from_json<sfcpp::query_result<row>>(fixture("netcoreforce/query/cases_with_account_contact_parents.json"));
    CHECK(page.total_size == 26);
    REQUIRE(page.records.size() >= 2);
    CHECK(page.records[0].CaseNumber.value() == "00001000");
    CHECK(page.records[0].Account->Name.value() == "Edge Communications");
    CHECK(page.records[0].Contact->Name.value() == "Rose Gonzalez");
    CHECK(page.records[1].Account->Name.value() == "United Oil & Gas Corp.");
    const Case c = page.records[0].to_record();
    CHECK(c.Contact->Name.value() == "Rose Gonzalez");
}

TEST_CASE("recorded response: child subquery, null when empty") {
    const auto q = select(Contact_.FirstName, select(Opportunity_.Name).from(Contact_.Opportunities)).from(Contact_);
    using row = decltype(q)::row_type;
    static_assert(std::is_same_v<decltype(row{}.Opportunities)::value_type::record_type, Opportunity>);
    const auto page =
        sfcpp::from_json<sfcpp::query_result<row>>(fixture("cumulusci/query/child_subquery_contact_opportunities.json"));
    REQUIRE(!page.records.empty());
    CHECK(page.records[0].FirstName.value() == "Lindsay");
    CHECK(page.records[0].Opportunities.is_null());
    bool found_rows = false;
    for (const auto& r : page.records)
        if (r.Opportunities.has_value() && r.Opportunities.size() > 0) {
            found_rows = true;
            CHECK(r.Opportunities.records()[0].Name.has_value());
            const Contact c = r.to_record();
            CHECK(c.Opportunities.size() == r.Opportunities.size());
        }
    CHECK(found_rows);
}

TEST_CASE("recorded response: TYPEOF gives the parent as JSON with its type") {
    const auto q = select(Event_.Id, typeof_(Event_.Who).when(Contact_.LastName, Contact_.Email).else_(name_.Id),
                          typeof_(Event_.What).when(Account_.Name, Account_.Phone), Event_.Subject)
                       .from(Event_);
    using row = decltype(q)::row_type;
    static_assert(std::is_same_v<decltype(row{}.What), sfcpp::dynamic_parent>);
    const auto page = sfcpp::from_json<sfcpp::query_result<row>>(fixture("cumulusci/query/typeof_polymorphic_event.json"));
    REQUIRE(page.records.size() == 3);
    CHECK(page.records[0].Who.type() == "Contact");
    CHECK(page.records[0].What.is_null());
    CHECK(page.records[1].What.type() == "Account");
    CHECK(page.records[1].What.find("Name")->as_string() == "Tom Cruise");
    CHECK(page.records[1].Subject.value() == "Test Event 1");
}

TEST_CASE("recorded response: COUNT(Id) as expr0") {
    const auto q = select(count(Account_.Id)).from(Account_);
    using row = decltype(q)::row_type;
    static_assert(std::is_same_v<decltype(row{}.expr0), sfcpp::field<std::int64_t, sfcpp::flag::nillable>>);
    CHECK(row::sobject_name == "AggregateResult");
    const auto page = sfcpp::from_json<sfcpp::query_result<row>>(fixture("cumulusci/query/aggregate_count_expr0.json"));
    REQUIRE(page.records.size() == 1);
    CHECK(page.records[0].expr0.value() == 6);
}

TEST_CASE("recorded response: GROUP BY with SUM") {
    const auto q = select(Opportunity_.CampaignId, sum(Opportunity_.Amount)).from(Opportunity_).group_by(Opportunity_.CampaignId);
    using row = decltype(q)::row_type;
    static_assert(std::is_same_v<decltype(row{}.expr0)::value_type, double>);
    static_assert(std::is_same_v<decltype(row{}.CampaignId)::value_type, sfcpp::id>);
    const auto page = sfcpp::from_json<sfcpp::query_result<row>>(fixture("restforce/query/aggregate_group_by.json"));
    REQUIRE(page.records.size() == 3);
    CHECK(page.records[0].CampaignId.value().str() == "701E0000000JuFHIA0");
    CHECK(page.records[0].expr0.value() == 300.0);
    CHECK(page.records[2].CampaignId.is_null());
    CHECK(page.records[2].expr0.value() == 400.0);
}

TEST_CASE("aggregate rows: aliases name the columns, unaliased ones count from expr0") {
    const auto q = select(Opportunity_.StageName, sum(Opportunity_.Amount).as<total>(), max(Opportunity_.CloseDate),
                          count(Opportunity_.Id))
                       .from(Opportunity_)
                       .group_by(Opportunity_.StageName);
    using row = decltype(q)::row_type;
    static_assert(std::is_same_v<decltype(row{}.total)::value_type, double>);
    static_assert(std::is_same_v<decltype(row{}.expr0)::value_type, sfcpp::date>);
    static_assert(std::is_same_v<decltype(row{}.expr1)::value_type, std::int64_t>);
    static_assert(std::is_same_v<decltype(row{}.StageName)::value_type, Opportunity_StageName>);
    const auto page = sfcpp::from_json<sfcpp::query_result<row>>(
        R"({"totalSize":1,"done":true,"records":[{"attributes":{"type":"AggregateResult"},)"
        R"("StageName":"Closed Won","total":1250.5,"expr0":"2024-03-31","expr1":4}]})");
    REQUIRE(page.records.size() == 1);
    CHECK(page.records[0].StageName.value() == Opportunity_StageName::Closed_Won);
    CHECK(page.records[0].total.value() == 1250.5);
    CHECK(page.records[0].expr0.value() == sfcpp::date(2024, 3, 31));
    CHECK(page.records[0].expr1.value() == 4);
}

TEST_CASE("FIELDS() and COUNT() rows") {
    static_assert(std::is_same_v<decltype(select(fields_standard).from(Account_))::row_type, Account>);
    const auto q = select(count()).from(Contact_);
    const auto page = sfcpp::from_json<sfcpp::query_result<decltype(q)::row_type>>(
        fixture("netcoreforce/query/count_query.json"));
    CHECK(page.records.empty());
    CHECK(page.total_size > 0);
}

TEST_CASE("a queried row converts to a record that can be sent as an update") {
    const auto q = select(Contact_.Id, Contact_.Email, Contact_.Account / Account_.Name).from(Contact_);
    using row = decltype(q)::row_type;
    row r;
    sfcpp::assign_unchecked(r.Id, sfcpp::id("003000000000001"));
    r.Email = "new@example.com";  // the row's fields keep the record's write checks
    Contact c = r.to_record();
    CHECK(c.Email.value() == "new@example.com");
    CHECK_FALSE(c.Account.is_set());
    CHECK_FALSE(c.LastName.is_set());
    CHECK(sfcpp::to_json(c, {sfcpp::write_mode::update}).find("LastName") == std::string::npos);
}
