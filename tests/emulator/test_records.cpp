#include "test_support.hpp"

#include <sfcpp_emulator/ids.hpp>

#include <unistd.h>

using namespace emu_test;

namespace {
json::value error_of(const response& r) {
    REQUIRE_MESSAGE(r.json().is_array(), r.body);
    return r.json().at(0);
}
}  // namespace

TEST_CASE("create, retrieve, update, delete") {
    org o;
    auto r = o.http->post(data + "/sobjects/Account", R"({"Name":"Acme","BillingCity":"Paris","AnnualRevenue":1000,"NumberOfEmployees":12})");
    REQUIRE(r.status == 201);
    auto created = r.json();
    CHECK_FIXTURE_SHAPE("cumulusci/crud/create_account_201.json", created);
    CHECK(created.at("success") == true);
    std::string id(created.at("id").as_string());
    CHECK(id.size() == 18);
    CHECK(id.substr(0, 3) == "001");
    CHECK(sfcpp_emulator::normalize_id(id) == id);

    r = o.http->get(data + "/sobjects/Account/" + id);
    REQUIRE(r.status == 200);
    auto rec = r.json().as_object();
    CHECK(rec.at("attributes").at("type") == "Account");
    CHECK(rec.at("attributes").at("url") == data + "/sobjects/Account/" + id);
    CHECK(rec.at("Id") == id);
    CHECK(rec.at("Name") == "Acme");
    CHECK(rec.at("AnnualRevenue").as_double() == 1000.0);
    CHECK(r.body.find("\"AnnualRevenue\":1000.0") != std::string::npos);
    CHECK(rec.at("NumberOfEmployees") == 12);
    CHECK(rec.at("IsDeleted") == false);
    CHECK(rec.at("BillingAddress").at("city") == "Paris");
    CHECK(rec.at("BillingAddress").at("street").is_null());
    CHECK(rec.at("ShippingAddress").is_null());
    std::string created_date(rec.at("CreatedDate").as_string());
    CHECK(created_date.size() == 28);
    CHECK(created_date.ends_with("+0000"));
    CHECK(rec.at("CreatedById") == rec.at("OwnerId"));
    CHECK(rec.at("LastModifiedDate") == rec.at("CreatedDate"));
    CHECK(rec.at("SystemModstamp") == rec.at("CreatedDate"));

    r = o.http->get(data + "/sobjects/Account/" + id.substr(0, 15) + "?fields=Name,billingcity");
    REQUIRE(r.status == 200);
    CHECK(r.json().as_object().size() == 3);
    CHECK(r.json().at("BillingCity") == "Paris");

    r = o.http->patch(data + "/sobjects/Account/" + id, R"({"Name":"Acme 2","BillingCity":null})");
    CHECK(r.status == 204);
    CHECK(r.body.empty());
    rec = o.http->get(data + "/sobjects/Account/" + id).json().as_object();
    CHECK(rec.at("Name") == "Acme 2");
    CHECK(rec.at("BillingCity").is_null());
    CHECK(rec.at("LastModifiedDate").as_string() >= rec.at("CreatedDate").as_string());

    CHECK(o.http->del(data + "/sobjects/Account/" + id).status == 204);
    r = o.http->get(data + "/sobjects/Account/" + id);
    CHECK(r.status == 404);
    CHECK(error_of(r).at("errorCode") == "NOT_FOUND");
    r = o.http->del(data + "/sobjects/Account/" + id);
    CHECK(r.status == 404);
    CHECK(r.body == R"([{"message":"entity is deleted","errorCode":"ENTITY_IS_DELETED","fields":[]}])");
    CHECK_FIXTURE_SHAPE("amp-labs/errors/delete_entity_is_deleted.json", r.json());
    r = o.http->patch(data + "/sobjects/Account/" + id, R"({"Name":"x"})");
    CHECK(error_of(r).at("errorCode") == "ENTITY_IS_DELETED");
}

TEST_CASE("person names are derived from their parts") {
    org o;
    std::string id = o.create("Contact", R"({"FirstName":"Ada","LastName":"Lovelace"})");
    CHECK(o.http->get(data + "/sobjects/Contact/" + id).json().at("Name") == "Ada Lovelace");
    o.http->patch(data + "/sobjects/Contact/" + id, R"({"FirstName":null})");
    CHECK(o.http->get(data + "/sobjects/Contact/" + id).json().at("Name") == "Lovelace");
}

TEST_CASE("validation errors like a real org") {
    org o;
    auto r = o.http->post(data + "/sobjects/Opportunity", R"({"Name":"Deal"})");
    CHECK(r.status == 400);
    CHECK(r.body == R"([{"message":"Required fields are missing: [StageName, CloseDate]","errorCode":"REQUIRED_FIELD_MISSING","fields":["StageName","CloseDate"]}])");

    r = o.http->post(data + "/sobjects/Account", "{\"Name\":\"" + std::string(256, 'x') + "\"}");
    CHECK(r.status == 400);
    CHECK(error_of(r).at("errorCode") == "STRING_TOO_LONG");
    CHECK(error_of(r).at("fields").at(0) == "Name");
    CHECK(std::string(error_of(r).at("message").as_string()).ends_with("(max length=255)"));
    // Length counts characters, not bytes.
    std::string accents;
    for (int i = 0; i < 255; ++i) accents += "\xc3\xa9";
    CHECK(o.http->post(data + "/sobjects/Account", "{\"Name\":\"" + accents + "\"}").status == 201);

    r = o.http->post(data + "/sobjects/Invoice__c", R"({"Name":"I","Status__c":"Lost"})");
    CHECK(error_of(r).at("errorCode") == "INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST");
    CHECK(error_of(r).at("fields").at(0) == "Status__c");
    // Tags__c is not restricted: any value goes.
    CHECK(o.http->post(data + "/sobjects/Invoice__c", R"({"Name":"I","Tags__c":"Export;Nope"})").status == 201);

    r = o.http->post(data + "/sobjects/Account", R"({"Name":"A","CreatedDate":"2024-01-01T00:00:00Z"})");
    CHECK(r.status == 400);
    CHECK(error_of(r).at("errorCode") == "INVALID_FIELD_FOR_INSERT_UPDATE");
    if (auto fx = fixture("amp-labs/errors/invalid_field_for_insert_update.json")) {
        CHECK(same_shape(*fx, r.json()));
        std::string expected(fx->at(0).at("message").as_string());
        auto pos = expected.find("MasterRecordId");
        expected.replace(pos, 14, "CreatedDate");
        CHECK(error_of(r).at("message") == expected);
    }

    r = o.http->post(data + "/sobjects/Account", R"({"Name":"A","Bogus__c":1})");
    CHECK(r.status == 400);
    CHECK(r.body == R"([{"message":"No such column 'Bogus__c' on sobject of type Account","errorCode":"INVALID_FIELD"}])");
    CHECK_FIXTURE_SHAPE("amp-labs/errors/query_invalid_field.json", r.json());

    r = o.http->post(data + "/sobjects/Contact", R"({"LastName":"L","AccountId":"001xyz"})");
    CHECK(error_of(r).at("errorCode") == "MALFORMED_ID");
    CHECK(error_of(r).at("fields").at(0) == "AccountId");
    r = o.http->patch(data + "/sobjects/Account/001notanid", R"({"Name":"x"})");
    CHECK(r.status == 400);
    CHECK(error_of(r).at("errorCode") == "MALFORMED_ID");

    r = o.http->post(data + "/sobjects/Account", R"({"Name":"A","NumberOfEmployees":"many"})");
    CHECK(error_of(r).at("errorCode") == "JSON_PARSER_ERROR");
    r = o.http->post(data + "/sobjects/Account", R"({"Name":)");
    CHECK(r.status == 400);
    CHECK(error_of(r).at("errorCode") == "JSON_PARSER_ERROR");
    r = o.http->patch(data + "/sobjects/Account/" + o.create("Account", R"({"Name":"A"})"), R"({"Name":null})");
    CHECK(error_of(r).at("errorCode") == "REQUIRED_FIELD_MISSING");

    r = o.http->get(data + "/sobjects/Account/001000000000000AAA");
    CHECK(r.status == 404);
    CHECK(r.body == R"([{"message":"The requested resource does not exist","errorCode":"NOT_FOUND"}])");
    r = o.http->get(data + "/sobjects/Account/" + o.create("Account", R"({"Name":"A"})") + "?fields=Nope");
    CHECK(error_of(r).at("errorCode") == "INVALID_FIELD");
}

TEST_CASE("typed values round-trip") {
    org o;
    std::string acc = o.create("Account", R"({"Name":"Parent"})");
    std::string id = o.create("Invoice__c", R"({"Name":"Inv","Account__c":")" + acc.substr(0, 15) +
                                                R"(","Amount__c":12.5,"Due_Date__c":"2024-03-01",
        "Issued_At__c":"2024-03-01T10:00:00+02:00","Paid__c":true,"Tags__c":"Priority;Export",
        "Sequence__c":7,"Location__Latitude__s":48.85,"Location__Longitude__s":2.35})");
    auto rec = o.http->get(data + "/sobjects/Invoice__c/" + id).json();
    CHECK(rec.at("Account__c") == acc);  // 15-char ids are stored in 18-char form
    CHECK(rec.at("Amount__c").as_double() == 12.5);
    CHECK(rec.at("Due_Date__c") == "2024-03-01");
    CHECK(rec.at("Issued_At__c") == "2024-03-01T08:00:00.000+0000");
    CHECK(rec.at("Paid__c") == true);
    CHECK(rec.at("Status__c") == "Draft");  // picklist default
    CHECK(rec.at("Tags__c") == "Priority;Export");
    CHECK(rec.at("Sequence__c") == 7);
    CHECK(rec.at("Location__c").at("latitude").as_double() == 48.85);
    auto bad = o.http->post(data + "/sobjects/Invoice__c", R"({"Name":"I","Account__c":")" + o.create("Contact", R"({"LastName":"C"})") + "\"}");
    CHECK(error_of(bad).at("errorCode") == "FIELD_INTEGRITY_EXCEPTION");
}

TEST_CASE("upsert and get by external id") {
    org o;
    const std::string base = data + "/sobjects/Invoice__c/External_Id__c/";
    auto r = o.http->patch(base + "INV-1", R"({"Name":"First"})");
    REQUIRE(r.status == 201);
    auto body = r.json();
    CHECK(body.at("created") == true);
    CHECK(body.at("success") == true);
    std::string id(body.at("id").as_string());

    r = o.http->patch(base + "INV-1", R"({"Name":"Second"})");
    CHECK(r.status == 200);
    CHECK(r.json().at("created") == false);
    CHECK(r.json().at("id") == id);

    r = o.http->get(base + "INV-1");
    REQUIRE(r.status == 200);
    CHECK(r.json().at("Name") == "Second");
    CHECK(r.json().at("External_Id__c") == "INV-1");
    CHECK(o.http->get(base + "INV-404").status == 404);

    r = o.http->patch(data + "/sobjects/Invoice__c/Namez/x", R"({"Name":"x"})");
    CHECK(r.status == 404);
    CHECK(r.body == R"([{"message":"Provided external ID field does not exist or is not accessible: Namez","errorCode":"NOT_FOUND"}])");
    CHECK_FIXTURE_SHAPE("restforce/errors/upsert_external_id_not_found.json", r.json());

    // External ids are unique.
    r = o.http->post(data + "/sobjects/Invoice__c", R"({"Name":"Dup","External_Id__c":"inv-1"})");
    CHECK(r.status == 400);
    CHECK(error_of(r).at("errorCode") == "DUPLICATE_VALUE");
    CHECK(error_of(r).at("message") == "duplicate value found: External_Id__c duplicates value on record with id: " + id);

    // Several matches on an id-lookup field: 300 with the candidates.
    o.create("Contact", R"({"LastName":"A","Email":"same@example.com"})");
    o.create("Contact", R"({"LastName":"B","Email":"same@example.com"})");
    r = o.http->patch(data + "/sobjects/Contact/Email/same@example.com", R"({"LastName":"C"})");
    CHECK(r.status == 300);
    CHECK(r.json().as_array().size() == 2);
    CHECK(std::string(r.json().at(0).as_string()).starts_with(data + "/sobjects/Contact/003"));
    CHECK_FIXTURE_SHAPE("restforce/errors/upsert_multiple_choices_300.json", r.json());

    // A parent referenced through its external id.
    std::string acc = o.create("Account", R"({"Name":"P"})");
    r = o.http->patch(base + "INV-2", R"({"Name":"Child","Account__r":{"External_Id__c":"INV-1"}})");
    CHECK(r.status == 400);  // INV-1 is an invoice, not an account: Account has no External_Id__c
    CHECK(o.http->del(base + "INV-1").status == 204);
    CHECK(o.http->get(base + "INV-1").status == 404);
    (void)acc;
}

TEST_CASE("deleting a parent cascades to its children") {
    org o;
    std::string acc = o.create("Account", R"({"Name":"Parent"})");
    o.create("Contact", R"({"LastName":"Child","AccountId":")" + acc + "\"}");
    o.create("Opportunity", R"({"Name":"Deal","StageName":"Prospecting","CloseDate":"2024-01-01","AccountId":")" + acc + "\"}");
    std::string other = o.create("Contact", R"({"LastName":"Other"})");
    CHECK(o.http->del(data + "/sobjects/Account/" + acc).status == 204);
    CHECK(o.query("SELECT COUNT() FROM Contact").at("totalSize") == 1);
    CHECK(o.query("SELECT COUNT() FROM Opportunity").at("totalSize") == 0);
    CHECK(o.query("SELECT COUNT() FROM Contact", "queryAll").at("totalSize") == 2);
    CHECK(o.http->get(data + "/sobjects/Contact/" + other).status == 200);
}

TEST_CASE("seed file") {
    auto path = std::filesystem::temp_directory_path() / ("sfcpp-emulator-seed-" + std::to_string(::getpid()) + ".json");
    {
        std::ofstream out(path);
        out << R"({"Account":[{"Name":"Seeded 1"},{"Name":"Seeded 2","Industry":"Energy"}],"Lead":[{"LastName":"L","Company":"C"}]})";
    }
    struct cleanup {
        std::filesystem::path p;
        ~cleanup() { std::error_code ec; std::filesystem::remove(p, ec); }
    } guard{path};
    sfcpp_emulator::options opts;
    opts.seed_file = path;
    org o(opts);
    CHECK(o.query("SELECT COUNT() FROM Account").at("totalSize") == 2);
    CHECK(o.query("SELECT Name FROM Account WHERE Industry = 'Energy'").at("records").at(0).at("Name") == "Seeded 2");
    CHECK(o.query("SELECT COUNT() FROM Lead").at("totalSize") == 1);

    {
        std::ofstream out(path);
        out << R"({"Account":[{"Nope":"x"}]})";
    }
    CHECK_THROWS_WITH_AS(sfcpp_emulator::server{opts}, doctest::Contains("INVALID_FIELD"), std::runtime_error);
}

TEST_CASE("updated and deleted records in a time window") {
    org o;
    std::string a = o.create("Account", R"({"Name":"Changes"})");
    std::string b = o.create("Account", R"({"Name":"Goes away"})");
    CHECK(o.http->del(data + "/sobjects/Account/" + b).status == 204);
    const std::string window = "?start=2020-01-01T00%3A00%3A00%2B00%3A00&end=2100-01-01T00%3A00%3A00Z";
    auto r = o.http->get(data + "/sobjects/Account/updated/" + window);
    REQUIRE_MESSAGE(r.status == 200, r.body);
    CHECK(r.json().at("ids").as_array().size() == 1);
    CHECK(r.json().at("ids").at(0) == a);
    CHECK_FIXTURE_SHAPE("restforce/misc/get_updated.json", r.json());
    r = o.http->get(data + "/sobjects/Account/deleted/" + window);
    REQUIRE(r.status == 200);
    CHECK(r.json().at("deletedRecords").at(0).at("id") == b);
    CHECK_FIXTURE_SHAPE("restforce/misc/get_deleted.json", r.json());
    CHECK(o.http->get(data + "/sobjects/Account/updated/?start=2020-01-01T00%3A00%3A00Z").status == 400);
}
