// Records to and from JSON, against the recorded responses of real orgs.
#include <test_sobjects/sobjects.hpp>
#include <sfcpp/json.hpp>

#include "support/test_support.hpp"

#include <doctest/doctest.h>

#include <limits>
#include <map>
#include <string>
#include <system_error>
#include <tuple>
#include <utility>

using namespace sobjects;

namespace {

// Removes from a recorded response the keys a generated record has no member for (fields the
// recording org had and our describe lacks), counting them. Typed parents and child results
// recurse; dynamic parents are kept whole.
void strip_unknown(boost::json::value& v, const sfcpp::object_info& info, std::size_t& dropped) {
    if (!v.is_object()) return;
    auto& o = v.get_object();
    for (auto it = o.begin(); it != o.end();) {
        const std::string_view key = it->key();
        if (key == "attributes") { ++it; continue; }
        const sfcpp::key_entry* k = info.find_key(key);
        if (!k) {
            ++dropped;
            it = o.erase(it);
            continue;
        }
        if (k->kind == sfcpp::key_entry::parent && info.parents[k->index].target)
            strip_unknown(it->value(), info.parents[k->index].target(), dropped);
        if (k->kind == sfcpp::key_entry::child && it->value().is_object())
            for (auto& r : it->value().get_object()["records"].get_array())
                strip_unknown(r, info.children[k->index].target(), dropped);
        ++it;
    }
}

template <class T>
std::size_t check_round_trip(const std::string& rel, bool verify_ids = true) {
    const std::string text = test::fixture(rel);
    auto original = boost::json::parse(text);
    std::size_t dropped = 0;
    std::string reencoded;
    if constexpr (sfcpp::is_query_result_v<T>) {
        const auto r = sfcpp::from_json<T>(text, {verify_ids});
        CHECK(r.records.size() == original.at("records").as_array().size());
        for (auto& rec : original.at("records").as_array())
            strip_unknown(rec, T::value_type::sfcpp_info(), dropped);
        reencoded = sfcpp::to_json(r);
    } else {
        const auto r = sfcpp::from_json<T>(text, {verify_ids});
        strip_unknown(original, T::sfcpp_info(), dropped);
        reencoded = sfcpp::to_json(r);
    }
    std::string why;
    INFO(rel);
    CHECK_MESSAGE(test::equivalent(original, boost::json::parse(reencoded), why), why);
    return dropped;
}

}  // namespace

TEST_CASE("recorded query responses decode and re-encode to the same keys and values") {
    if (!test::have_fixtures()) return;
    using sfcpp::query_result;
    CHECK(check_round_trip<query_result<Contact>>("amp-labs/query/contacts.json") == 0);
    CHECK(check_round_trip<query_result<Opportunity>>("amp-labs/query/opportunities_amount_decimals.json") == 0);
    // The recording project assembled these ids by hand: their checksums do not hold.
    CHECK(check_round_trip<query_result<Opportunity>>("amp-labs/query/opportunity_child_contact_roles.json", false) == 0);
    CHECK(check_round_trip<query_result<Account>>("cumulusci/query/account_many_fields_nulls.json") == 0);
    CHECK(check_round_trip<query_result<Contact>>("cumulusci/query/child_subquery_contact_opportunities.json") == 0);
    CHECK(check_round_trip<query_result<Account>>("cumulusci/query/empty_result.json") == 0);
    CHECK(check_round_trip<query_result<Event>>("cumulusci/query/typeof_polymorphic_event.json") == 0);
    CHECK(check_round_trip<query_result<Case>>("netcoreforce/query/case_single_with_parents.json") == 0);
    CHECK(check_round_trip<query_result<Case>>("netcoreforce/query/cases_with_account_contact_parents.json") == 0);
    CHECK(check_round_trip<query_result<Account>>("netcoreforce/query/count_query.json") == 0);
    for (int page = 1; page <= 4; ++page)  // ids masked as 003XXXXXXXXXXXXXXX by the recording project
        CHECK(check_round_trip<query_result<Contact>>("netcoreforce/query/paged_batch" + std::to_string(page) + ".json",
                                                      false) == 0);
    CHECK(check_round_trip<query_result<Account>>("snowfakery/query/count_only.json") == 0);
    CHECK(check_round_trip<query_result<User>>("snowfakery/query/users.json") == 0);
}

TEST_CASE("recorded single records decode and re-encode") {
    if (!test::have_fixtures()) return;
    // Recorded on v57; our Account and Contact describes are older, so a few newer fields drop.
    CHECK(check_round_trip<Account>("netcoreforce/records/Account_get_v57.json") <= 10);
    CHECK(check_round_trip<Contact>("netcoreforce/records/Contact_get.json") <= 10);
    // That org's User has many more fields than the documented core our User describe holds.
    check_round_trip<User>("netcoreforce/records/User_get.json");
}

TEST_CASE("decode: parents, children and pages") {
    if (!test::have_fixtures()) return;
    const auto cases = sfcpp::from_json<sfcpp::query_result<Case>>(
        test::fixture("netcoreforce/query/cases_with_account_contact_parents.json"));
    REQUIRE(cases.records.size() == 26);
    CHECK(cases.records[0].Account->Name.value() == "Edge Communications");
    CHECK(cases.records[0].Account->attributes.type == "Account");
    CHECK_FALSE(cases.records[0].Subject.is_set());  // not selected: not set, not null

    const auto page = sfcpp::from_json<sfcpp::query_result<Contact>>(test::fixture("netcoreforce/query/paged_batch1.json"),
                                                                     {false});
    CHECK(page.total_size == 800);
    CHECK_FALSE(page.done);
    CHECK(page.next_records_url.find("/query/01gC000006QJJ7fIAH-200") != std::string::npos);

    const auto opps = sfcpp::from_json<sfcpp::query_result<Opportunity>>(
        test::fixture("amp-labs/query/opportunity_child_contact_roles.json"), {false});
    REQUIRE(opps.records.size() >= 1);
    const auto& roles = opps.records[0].OpportunityContactRoles;
    CHECK(roles.has_value());
    CHECK(roles.size() == static_cast<std::size_t>(roles.result().total_size));

    const auto events = sfcpp::from_json<sfcpp::query_result<Event>>(test::fixture("cumulusci/query/typeof_polymorphic_event.json"));
    CHECK(events.records[0].Who.type() == "Contact");
    CHECK(events.records[0].Who.find("LastName")->as_string() == "Contact");
    CHECK(events.records[0].What.is_null());

    const auto contacts = sfcpp::from_json<sfcpp::query_result<Contact>>(
        test::fixture("cumulusci/query/child_subquery_contact_opportunities.json"));
    CHECK(contacts.records[0].Opportunities.is_null());
}

TEST_CASE("decode: every date and datetime form seen in the fixtures") {
    const auto a = sfcpp::from_json<Account>(
        R"({"CreatedDate":"2013-04-02T21:12:50.000+0000","LastModifiedDate":"2024-09-12T16:18:53.000Z",)"
        R"("LastActivityDate":"2013-04-02","SystemModstamp":"2024-09-12T09:18:53.000-0700"})");
    CHECK(a.CreatedDate->to_string() == "2013-04-02T21:12:50.000Z");
    CHECK(a.SystemModstamp.value() == a.LastModifiedDate.value());
    CHECK(a.LastActivityDate->to_string() == "2013-04-02");
}

TEST_CASE("decode: compound address values") {
    if (!test::have_fixtures()) return;
    const auto a = sfcpp::from_json<Account>(test::fixture("netcoreforce/records/Account_get_v57.json"));
    REQUIRE(a.BillingAddress.has_value());
    CHECK(a.BillingAddress->city == a.BillingCity.optional());
}

TEST_CASE("decode: unknown keys are ignored, whatever their shape") {
    const auto a = sfcpp::from_json<Account>(
        R"({"New_Field__c":{"deep":[1,{"x":null}]},"Name":"Acme","Another__c":[["a"]],"Later__c":3.5})");
    CHECK(a.Name.value() == "Acme");
}

TEST_CASE("decode errors name Object.Field and the value") {
    CHECK_THROWS_WITH_AS(sfcpp::from_json<Account>(R"({"NumberOfEmployees":"many"})"),
                         doctest::Contains("Account.NumberOfEmployees: expected an integer, got \"many\""),
                         sfcpp::decode_error);
    CHECK_THROWS_WITH_AS(sfcpp::from_json<Account>(R"({"AnnualRevenue":true})"),
                         doctest::Contains("Account.AnnualRevenue: expected a number, got true"), sfcpp::decode_error);
    CHECK_THROWS_WITH_AS(sfcpp::from_json<Account>(R"({"CreatedDate":"yesterday"})"),
                         doctest::Contains("Account.CreatedDate: expected a datetime"), sfcpp::decode_error);
    CHECK_THROWS_WITH_AS(sfcpp::from_json<Account>(R"({"OwnerId":"005XXXXXXXXXXXXXXX"})"),
                         doctest::Contains("Account.OwnerId: expected a Salesforce id"), sfcpp::decode_error);
    CHECK_THROWS_WITH_AS(sfcpp::from_json<Account>(R"({"NumberOfEmployees":3000000000})"),
                         doctest::Contains("expected a 32-bit integer"), sfcpp::decode_error);
    // Numbers a cast to int64 cannot hold are errors, not undefined behaviour (found by fuzzing).
    CHECK_THROWS_WITH_AS(sfcpp::from_json<Account>(R"({"NumberOfEmployees":1e300})"),
                         doctest::Contains("expected an integer"), sfcpp::decode_error);
    CHECK_THROWS_WITH_AS(sfcpp::from_json<Account>(R"({"NumberOfEmployees":"1e300"})"),
                         doctest::Contains("expected an integer"), sfcpp::decode_error);
    CHECK_THROWS_AS(sfcpp::from_json<Account>(R"({"NumberOfEmployees":"nan"})"), sfcpp::decode_error);
    CHECK_THROWS_AS(sfcpp::from_json<Account>(R"({"NumberOfEmployees":-9223372036854775809})"), sfcpp::decode_error);
    CHECK(sfcpp::from_json<Account>(R"({"NumberOfEmployees":"12"})").NumberOfEmployees.value() == 12);
    CHECK(sfcpp::from_json<Account>(R"({"NumberOfEmployees":7.0})").NumberOfEmployees.value() == 7);
    CHECK_THROWS_WITH_AS(sfcpp::from_json<sfcpp::query_result<Account>>(R"({"totalSize":7.7e61,"done":true,"records":[]})"),
                         doctest::Contains("totalSize"), sfcpp::decode_error);
    CHECK_THROWS_WITH_AS(sfcpp::from_json<Contact>(R"({"Account":{"Name":5}})"),
                         doctest::Contains("Account.Name: expected a string, got 5"), sfcpp::decode_error);
    CHECK_THROWS_WITH_AS(sfcpp::from_json<Account>(R"({"Name":["x"]})"),
                         doctest::Contains("Account.Name: expected a string, got an array"), sfcpp::decode_error);
}

TEST_CASE("decode errors: malformed and truncated JSON") {
    CHECK_THROWS_WITH_AS(sfcpp::from_json<Account>(R"({"Name":"Acme")"), doctest::Contains("malformed JSON"),
                         sfcpp::decode_error);
    CHECK_THROWS_WITH_AS(sfcpp::from_json<Account>(R"({"Name":"Acme"} trailing)"), doctest::Contains("malformed JSON"),
                         sfcpp::decode_error);
    CHECK_THROWS_AS(sfcpp::from_json<Account>(""), sfcpp::decode_error);
    CHECK_THROWS_WITH_AS(sfcpp::from_json<Account>("[1]"), doctest::Contains("expected a JSON object"),
                         sfcpp::decode_error);
    CHECK_THROWS_WITH_AS(sfcpp::from_json<Account>("\"x\""), doctest::Contains("expected a JSON object"),
                         sfcpp::decode_error);
    CHECK_THROWS_AS(sfcpp::from_json<Account>("<html><body>Service Unavailable</body></html>"), sfcpp::decode_error);
    // Nesting bombs stop at the depth limit instead of exhausting the stack.
    CHECK_THROWS_AS(sfcpp::from_json<Account>(R"({"X":)" + std::string(10000, '[') ), sfcpp::decode_error);
}

namespace {

struct bad_json {
    const char* text;
    sfcpp::errc code;
};

// One document per errc the JSON decoder produces.
const bad_json bad_documents[] = {
    {R"({"Name":"Acme")", sfcpp::errc::malformed_json},                   // truncated
    {R"({"Name":"Acme"} trailing)", sfcpp::errc::malformed_json},         // text after the document
    {"", sfcpp::errc::malformed_json},
    {"<html><body>Service Unavailable</body></html>", sfcpp::errc::malformed_json},
    {"[1]", sfcpp::errc::wrong_type},                                     // not an object
    {"\"x\"", sfcpp::errc::wrong_type},
    {R"({"NumberOfEmployees":"many"})", sfcpp::errc::wrong_type},
    {R"({"NumberOfEmployees":"nan"})", sfcpp::errc::wrong_type},
    {R"({"AnnualRevenue":true})", sfcpp::errc::wrong_type},
    {R"({"Name":["x"]})", sfcpp::errc::wrong_type},
    {R"({"Name":{"a":1}})", sfcpp::errc::wrong_type},
    {R"({"BillingAddress":{"latitude":"north"}})", sfcpp::errc::wrong_type},
    {R"({"NumberOfEmployees":3000000000})", sfcpp::errc::number_out_of_range},
    {R"({"NumberOfEmployees":1.5})", sfcpp::errc::number_out_of_range},
    {R"({"NumberOfEmployees":1e300})", sfcpp::errc::number_out_of_range},
    {R"({"NumberOfEmployees":-9223372036854775809})", sfcpp::errc::number_out_of_range},
    {R"({"AnnualRevenue":"1e999"})", sfcpp::errc::number_out_of_range},
    {R"({"OwnerId":"005XXXXXXXXXXXXXXX"})", sfcpp::errc::invalid_id},
    {R"({"OwnerId":"not an id"})", sfcpp::errc::invalid_id},
    {R"({"LastActivityDate":"2024-02-30"})", sfcpp::errc::invalid_date},
    {R"({"CreatedDate":"yesterday"})", sfcpp::errc::invalid_datetime},
};

}  // namespace

TEST_CASE("decode errors: each carries its errc, thrown or in an error_code") {
    for (const auto& [text, code] : bad_documents) {
        CAPTURE(text);
        try {
            (void)sfcpp::from_json<Account>(text);
            FAIL("no exception");
        } catch (const sfcpp::error& e) {  // caught as the base
            CHECK(dynamic_cast<const sfcpp::decode_error*>(&e) != nullptr);
            CHECK(e.code() == code);
        }
        std::error_code ec = make_error_code(sfcpp::errc::invalid_utf8);  // replaced, not kept
        Account a;
        CHECK_NOTHROW(sfcpp::from_json(text, a, ec));
        CHECK(ec == code);
        CHECK(std::string(ec.category().name()) == "sfcpp");
        std::error_code ec2;
        CHECK_NOTHROW((void)sfcpp::from_json<Account>(text, ec2));
        CHECK(ec2 == code);
    }
    // The time and the query-result paths.
    std::error_code ec;
    (void)sfcpp::from_json<Invoice_c>(R"({"Reminder_Time__c":"25:00:00"})", ec);
    CHECK(ec == sfcpp::errc::invalid_time);
    (void)sfcpp::from_json<sfcpp::query_result<Account>>(R"({"totalSize":7.7e61,"done":true,"records":[]})", ec);
    CHECK(ec == sfcpp::errc::number_out_of_range);
    (void)sfcpp::from_json<sfcpp::query_result<Account>>(R"({"totalSize":1,"done":true,"records":[{"Name":5}]})", ec);
    CHECK(ec == sfcpp::errc::wrong_type);
    (void)sfcpp::from_json<Account>(R"({"X":)" + std::string(10000, '['), ec);  // the depth limit
    CHECK(ec == sfcpp::errc::malformed_json);
}

TEST_CASE("decode with an error_code: cleared on success; on an error, what came before the offending value stays") {
    std::error_code ec = make_error_code(sfcpp::errc::wrong_type);
    Account a;
    sfcpp::from_json(R"({"Name":"Acme","NumberOfEmployees":12})", a, ec);
    CHECK_FALSE(ec);
    CHECK(a.NumberOfEmployees.value() == 12);

    sfcpp::from_json(R"({"Name":"Globex","NumberOfEmployees":"many","Website":"x"})", a, ec);
    CHECK(ec == sfcpp::errc::wrong_type);
    CHECK(a.Name.value() == "Globex");          // before the offending value: replaced
    CHECK(a.NumberOfEmployees.value() == 12);   // the offending field: as it was
    CHECK_FALSE(a.Website.is_set());            // after it: not reached

    auto page = sfcpp::from_json<sfcpp::query_result<Account>>(
        R"({"totalSize":2,"done":true,"records":[{"Name":"A"},{"Name":"B","OwnerId":"bad"}]})", ec);
    CHECK(ec == sfcpp::errc::invalid_id);
    REQUIRE(page.records.size() == 2);
    CHECK(page.records[0].Name.value() == "A");
    CHECK(page.records[1].Name.value() == "B");
    CHECK_FALSE(page.records[1].OwnerId.is_set());
}

TEST_CASE("decode errors: the messages of the error_code form's exceptions name Object.Field") {
    CHECK_THROWS_WITH_AS(sfcpp::from_json<Invoice_c>(R"({"Due_Date__c":"tomorrow"})"),
                         "sfcpp: Invoice__c.Due_Date__c: expected a date (yyyy-MM-dd), got \"tomorrow\"", sfcpp::decode_error);
    CHECK_THROWS_WITH_AS(sfcpp::from_json<Invoice_c>(R"({"Reminder_Time__c":"noon"})"),
                         "sfcpp: Invoice__c.Reminder_Time__c: expected a time (HH:mm:ss.SSSZ), got \"noon\"",
                         sfcpp::decode_error);
}

TEST_CASE("encode: strings are escaped, numbers are locale-free") {
    Account a;
    a.Name = std::string("quote\" back\\ nl\n tab\t ctl\x01 unicode \xC3\xA9");
    a.AnnualRevenue = 1234567.5;
    a.NumberOfEmployees = -42;
    const auto text = sfcpp::to_json(a);
    CHECK(text == R"({"Name":"quote\" back\\ nl\n tab\t ctl\u0001 unicode é","AnnualRevenue":1234567.5,"NumberOfEmployees":-42})");
    const auto back = sfcpp::from_json<Account>(text);
    CHECK(back.Name == a.Name);
    a.AnnualRevenue = std::numeric_limits<double>::infinity();
    CHECK_THROWS_AS(sfcpp::to_json(a), sfcpp::error);
}

TEST_CASE("encode: NaN and infinity are an encode_error naming Object.Field") {
    const auto code_of = [](const auto& rec) {
        try {
            (void)sfcpp::to_json(rec);
        } catch (const sfcpp::encode_error& e) {
            CHECK(std::string(e.what()).find("NaN and infinity cannot be sent to Salesforce") != std::string::npos);
            return std::pair(e.code(), std::string(e.what()));
        }
        return std::pair(std::error_code(), std::string("no exception"));
    };
    Account a;
    a.AnnualRevenue = std::numeric_limits<double>::quiet_NaN();
    auto [code, what] = code_of(a);
    CHECK(code == sfcpp::errc::not_finite);
    CHECK(what.starts_with("sfcpp: Account.AnnualRevenue: "));

    Invoice_c inv;
    sfcpp::assign_unchecked(inv.Location_c, sfcpp::location{std::numeric_limits<double>::infinity(), 0.0});
    std::tie(code, what) = code_of(inv);
    CHECK(code == sfcpp::errc::not_finite);
    CHECK(what.starts_with("sfcpp: Invoice__c.Location__c: "));  // compound parts name their field too
}

TEST_CASE("encode: text that is not UTF-8 is refused, naming the field") {
    Account a;
    a.Name = "caf\xC3\xA9";
    CHECK(sfcpp::to_json(a).find("\"Name\":\"caf\xC3\xA9\"") != std::string::npos);
    a.Name = "caf\xE9";
    CHECK_THROWS_WITH_AS(sfcpp::to_json(a, {sfcpp::write_mode::create}),
                         doctest::Contains("Account.Name: the text is not valid UTF-8 (byte 3)"), sfcpp::encode_error);
    try {
        (void)sfcpp::to_json(a);
    } catch (const sfcpp::error& e) {
        CHECK(e.code() == sfcpp::errc::invalid_utf8);
    }
    CHECK(sfcpp::detail::invalid_utf8_at("\xF4\x90\x80\x80") == 0);  // above U+10FFFF
    CHECK(sfcpp::detail::invalid_utf8_at("\xF4\x8F\xBF\xBF") == std::string_view::npos);
    CHECK(sfcpp::detail::invalid_utf8_at("ab\xE0\x80\x80") == 2);  // overlong
}

TEST_CASE("encode: a parent by external id in a write") {
    Invoice_c inv;
    inv.Name = "INV-1";
    Account parent;
    parent.AccountNumber = "ACME-001";
    inv.Account_r.emplace(std::move(parent));
    CHECK(sfcpp::to_json(inv, {sfcpp::write_mode::create}) ==
          R"({"Name":"INV-1","Account__r":{"AccountNumber":"ACME-001"}})");
}

TEST_CASE("decoding into an existing record replaces what the response carries") {
    Account a;
    sfcpp::from_json(R"({"Name":"First","Website":"x"})", a);
    sfcpp::from_json(R"({"Name":"Second","Website":null})", a);
    CHECK(a.Name.value() == "Second");
    CHECK(a.Website.is_null());
}
