// The README's query example, compiled and checked as it is printed there.
#include <test_sobjects/sobjects.hpp>
#include <sfcpp/json.hpp>
#include <sfcpp/soql.hpp>

#include <doctest/doctest.h>

using namespace sobjects;
using sfcpp::soql::select, sfcpp::soql::desc, sfcpp::soql::last_n_days;

TEST_CASE("README: the query example") {
    auto q = select(Account_.Id, Account_.Name, Account_.Owner / User_.Name,
                    select(Contact_.Email).from(Account_.Contacts).where(Contact_.Email != nullptr))
                 .from(Account_)
                 .where(Account_.AnnualRevenue > 1e6 && Account_.Industry == Account_Industry::Banking &&
                        Account_.CreatedDate >= last_n_days(30))
                 .order_by(desc(Account_.Name).nulls_last())
                 .limit(10);
    CHECK(sfcpp::soql::to_soql(q) ==
          "SELECT Id, Name, Owner.Name, (SELECT Email FROM Contacts WHERE Email != null) FROM Account "
          "WHERE AnnualRevenue > 1000000 AND Industry = 'Banking' AND CreatedDate >= LAST_N_DAYS:30 "
          "ORDER BY Name DESC NULLS LAST LIMIT 10");
    const std::string body =
        R"({"totalSize":1,"done":true,"records":[{"attributes":{"type":"Account"},"Id":"001A0000006Vm9rIAC",)"
        R"("Name":"Acme","Owner":{"attributes":{"type":"User"},"Name":"Ada"},"Contacts":null}]})";
    auto page = sfcpp::from_json<sfcpp::query_result<decltype(q)::row_type>>(body);
    CHECK(page.records[0].Owner->Name.value() == "Ada");
    Account a = sfcpp::to_record(page.records[0]);
    CHECK(a.Name.value() == "Acme");
    CHECK_FALSE(a.Phone.is_set());
}
