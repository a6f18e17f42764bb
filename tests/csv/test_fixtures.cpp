// Bulk CSVs recorded from a real org (amp-labs/connectors fixtures, see SOURCES.md).
#include <test_sobjects/Opportunity.hpp>
#include <sfcpp/csv.hpp>

#include "support/test_support.hpp"

#include <doctest/doctest.h>

namespace csv = sfcpp::csv;
using sobjects::Opportunity;

TEST_CASE("failedResults.csv: sf__Id and sf__Error beside the echoed input") {
    if (!test::have_fixtures()) return;
    const std::string text = test::fixture("amp-labs/bulk2/failedResults.csv");
    csv::read_options ro;
    ro.lenient_values = true;  // the failed row's CloseDate is the very reason it failed
    csv::reader<Opportunity> r(ro);
    // Byte by byte: the reader never needs the whole file.
    for (char c : text) r.feed(std::string_view(&c, 1));
    r.finish();
    Opportunity rec;
    REQUIRE(r.next(rec));
    CHECK(r.line() == 2);
    CHECK(!r.result().id);
    CHECK(r.result().error.rfind("INVALID_FIELD:Failed to deserialize field at col 3.", 0) == 0);
    CHECK(rec.Name.value() == "Noemi Miller");
    CHECK(rec.StageName.value().str() == "GENERATED");
    CHECK(!rec.CloseDate.is_set());
    REQUIRE(r.problems().size() == 1);
    CHECK(r.problems()[0].find("CloseDate") != std::string::npos);
    CHECK(r.unknown_columns() == std::vector<std::string>{"external_id__c"});
    CHECK(!r.next(rec));
    CHECK(r.done());
}

TEST_CASE("upload_opportunities_partial_failure.csv: the input side") {
    if (!test::have_fixtures()) return;
    const std::string text = test::fixture("amp-labs/bulk2/upload_opportunities_partial_failure.csv");
    SUBCASE("strict: the bad date is reported with its line") {
        try {
            (void)csv::from_csv<Opportunity>(text);
            FAIL("no error");
        } catch (const csv::parse_error& e) {
            CHECK(e.line() == 4);
            CHECK(std::string(e.what()).find("CloseDate") != std::string::npos);
        }
    }
    SUBCASE("lenient: eight rows") {
        csv::read_options ro;
        ro.lenient_values = true;
        const auto rows = csv::from_csv<Opportunity>(text, ro);
        REQUIRE(rows.size() == 8);
        CHECK(rows[0].Name.value() == "Carli Gusikowski");
        CHECK(rows[0].CloseDate.value() == sfcpp::date(2003, 4, 5));
        CHECK(!rows[2].CloseDate.is_set());
        CHECK(rows[7].Name.value() == "Viola Kshlerin");
    }
}
