#include <sfcpp_emulator/soql.hpp>

#include <doctest/doctest.h>

using namespace sfcpp_emulator;

namespace {
api_error parse_error(std::string_view text) {
    try {
        soql::parse(text);
    } catch (const api_exception& e) {
        return e.error();
    }
    FAIL("query parsed: " << text);
    return {};
}
}  // namespace

TEST_CASE("SOQL parser builds the tree") {
    auto q = soql::parse(
        "select Id, Account.Owner.Name, (SELECT LastName FROM Contacts WHERE Email != null) "
        "FROM Account a WHERE (Name LIKE 'Ac%' OR Industry IN ('Tech', 'Energy')) AND NOT CreatedDate = LAST_N_DAYS:30 "
        "ORDER BY Name DESC NULLS LAST, Id LIMIT 10 OFFSET 5");
    REQUIRE(q.select.size() == 3);
    CHECK(q.select[1].field.path == std::vector<std::string>{"Account", "Owner", "Name"});
    CHECK(q.select[2].k == soql::select_item::kind::subquery);
    CHECK(q.select[2].subquery->from == "Contacts");
    CHECK(q.from == "Account");
    CHECK(q.alias == "a");
    REQUIRE(q.where);
    CHECK(q.where->k == soql::condition::kind::and_);
    CHECK(q.where->children[0].k == soql::condition::kind::or_);
    CHECK(q.where->children[0].children[1].op == "IN");
    CHECK(q.where->children[0].children[1].values.size() == 2);
    const auto& neg = q.where->children[1];
    CHECK(neg.k == soql::condition::kind::not_);
    CHECK(neg.children[0].values[0].k == soql::literal::kind::date_literal);
    CHECK(neg.children[0].values[0].text == "LAST_N_DAYS");
    CHECK(neg.children[0].values[0].n == 30);
    REQUIRE(q.order_by.size() == 2);
    CHECK(q.order_by[0].descending);
    CHECK(q.order_by[0].nulls_first == false);
    CHECK(q.limit == 10);
    CHECK(q.offset == 5);
}

TEST_CASE("SOQL parser: aggregates, semi-joins, literals") {
    auto q = soql::parse("SELECT StageName, COUNT(Id) cnt, SUM(Amount) FROM Opportunity "
                         "WHERE AccountId IN (SELECT Id FROM Account) AND CloseDate > 2024-01-31 "
                         "AND LastModifiedDate < 2024-01-31T10:00:00Z AND Amount >= -1.5 AND IsWon = false "
                         "GROUP BY StageName HAVING COUNT(Id) > 1");
    CHECK(q.is_aggregate());
    CHECK(q.select[1].alias == "cnt");
    CHECK(q.select[2].aggregate.function == "SUM");
    CHECK(q.where->children[0].subquery);
    CHECK(q.where->children[1].values[0].k == soql::literal::kind::date);
    CHECK(q.where->children[2].values[0].k == soql::literal::kind::datetime);
    CHECK(q.where->children[3].values[0].text == "-1.5");
    CHECK(q.where->children[4].values[0].k == soql::literal::kind::boolean);
    CHECK(q.having->lhs_aggregate);
    CHECK(soql::parse("SELECT COUNT() FROM Contact").is_count_only());
    CHECK(soql::parse("SELECT Id FROM Contact WHERE Name = 'O\\'Brien'").where->values[0].text == "O'Brien");
}

TEST_CASE("SOQL parser reports MALFORMED_QUERY with the position") {
    auto e = parse_error("SELECT Id FROM Account WHERE");
    CHECK(e.error_code == "MALFORMED_QUERY");
    CHECK(e.message.find("unexpected token: <EOF>") != std::string::npos);
    e = parse_error("SELECT Id, FROM Account");
    CHECK(e.error_code == "MALFORMED_QUERY");
    CHECK(e.message == "\nSELECT Id, FROM Account\n           ^\nERROR at Row:1:Column:12\nunexpected token: FROM");
    CHECK(parse_error("SELECT Id FROM Account LIMIT x").error_code == "MALFORMED_QUERY");
    CHECK(parse_error("SELECT Id FROM Account WHERE Name = 'abc").error_code == "MALFORMED_QUERY");
    CHECK_FALSE(parse_error("SELECT Id FROM Account extra words").with_fields);
}
