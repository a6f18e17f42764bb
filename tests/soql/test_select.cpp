// The exact SOQL text of the queries real integrations write.
#include <sfcpp/soql.hpp>
#include <test_sobjects/sobjects.hpp>

#include <doctest/doctest.h>

#include <string>
#include <vector>

using namespace sfcpp::soql;
using namespace sobjects;

namespace {
SFCPP_SOQL_ALIAS(total);
SFCPP_SOQL_ALIAS(n);
SFCPP_SOQL_ALIAS(biggest);
}  // namespace

TEST_CASE("select fields") {
    CHECK(to_soql(select(Account_.Id).from(Account_)) == "SELECT Id FROM Account");
    CHECK(to_soql(select(Account_.Id, Account_.Name, Account_.Industry).from(Account_)) ==
          "SELECT Id, Name, Industry FROM Account");
    CHECK(to_soql(select(Invoice_c_.Id, Invoice_c_.Amount_c, Invoice_c_.Due_Date_c).from(Invoice_c_)) ==
          "SELECT Id, Amount__c, Due_Date__c FROM Invoice__c");
    CHECK(select(Account_.Id).from<Account>().to_soql() == "SELECT Id FROM Account");
}

TEST_CASE("parent paths up to five levels") {
    CHECK(to_soql(select(Contact_.Id, Contact_.Account / Account_.Name).from(Contact_)) ==
          "SELECT Id, Account.Name FROM Contact");
    CHECK(to_soql(select(Contact_.Account / Account_.Owner / User_.Name).from(Contact_)) ==
          "SELECT Account.Owner.Name FROM Contact");
    CHECK(to_soql(select(Invoice_c_.Account_r / Account_.Name, Invoice_c_.Contact_r / Contact_.Email).from(Invoice_c_)) ==
          "SELECT Account__r.Name, Contact__r.Email FROM Invoice__c");
    CHECK(to_soql(select(Contact_.Account / Account_.Parent / Account_.Parent / Account_.Owner / User_.Manager /
                         User_.Name)
                      .from(Contact_)) == "SELECT Account.Parent.Parent.Owner.Manager.Name FROM Contact");
    CHECK(to_soql(select(Task_.What / name_.Name, Task_.What / name_.Type).from(Task_)) ==
          "SELECT What.Name, What.Type FROM Task");
    CHECK(to_soql(select(Account_.RecordType / name_.Name).from(Account_)) == "SELECT RecordType.Name FROM Account");
}

TEST_CASE("child relationship subqueries") {
    CHECK(to_soql(select(Account_.Name, select(Contact_.Id, Contact_.LastName).from(Account_.Contacts)).from(Account_)) ==
          "SELECT Name, (SELECT Id, LastName FROM Contacts) FROM Account");
    CHECK(to_soql(select(Account_.Id,
                         select(Contact_.Email)
                             .from(Account_.Contacts)
                             .where(like(Contact_.Email, "%@acme.com"))
                             .order_by(Contact_.LastName)
                             .limit(5),
                         select(Opportunity_.Name).from(Account_.Opportunities).where(Opportunity_.IsClosed == false))
                      .from(Account_)) ==
          "SELECT Id, (SELECT Email FROM Contacts WHERE Email LIKE '%@acme.com' ORDER BY LastName LIMIT 5), "
          "(SELECT Name FROM Opportunities WHERE IsClosed = false) FROM Account");
    CHECK(to_soql(select(Account_.Name, select(Invoice_c_.Name, Invoice_c_.Owner / User_.Name).from(Account_.Invoices_r))
                      .from(Account_)) == "SELECT Name, (SELECT Name, Owner.Name FROM Invoices__r) FROM Account");
    CHECK(to_soql(select(Contact_.FirstName, select(Opportunity_.Name).from(Contact_.Opportunities)).from(Contact_)) ==
          "SELECT FirstName, (SELECT Name FROM Opportunities) FROM Contact");
}

TEST_CASE("TYPEOF and FIELDS()") {
    CHECK(to_soql(select(Event_.Id,
                         typeof_(Event_.What)
                             .when(Account_.Name, Account_.Phone)
                             .when(Opportunity_.Amount, Opportunity_.CloseDate)
                             .else_(name_.Name))
                      .from(Event_)) ==
          "SELECT Id, TYPEOF What WHEN Account THEN Name, Phone WHEN Opportunity THEN Amount, CloseDate "
          "ELSE Name END FROM Event");
    CHECK(to_soql(select(typeof_(Task_.Who).when(Contact_.LastName, Contact_.Email).when(Lead_.Company)).from(Task_)) ==
          "SELECT TYPEOF Who WHEN Contact THEN LastName, Email WHEN Lead THEN Company END FROM Task");
    CHECK(to_soql(select(fields_standard).from(Account_)) == "SELECT FIELDS(STANDARD) FROM Account");
    CHECK(to_soql(select(fields_all).from(Contact_).limit(200)) == "SELECT FIELDS(ALL) FROM Contact LIMIT 200");
    CHECK(to_soql(select(fields_custom).from(Invoice_c_).limit(10)) == "SELECT FIELDS(CUSTOM) FROM Invoice__c LIMIT 10");
    CHECK_THROWS_AS(to_soql(select(fields_all).from(Contact_).limit(201)), sfcpp::soql::query_error);
}

TEST_CASE("comparison operators") {
    auto q = [](const auto& c) { return to_soql(select(Opportunity_.Id).from(Opportunity_).where(c)); };
    CHECK(q(Opportunity_.Amount == 100) == "SELECT Id FROM Opportunity WHERE Amount = 100");
    CHECK(q(Opportunity_.Amount != 100) == "SELECT Id FROM Opportunity WHERE Amount != 100");
    CHECK(q(Opportunity_.Amount < 100.5) == "SELECT Id FROM Opportunity WHERE Amount < 100.5");
    CHECK(q(Opportunity_.Amount <= 100) == "SELECT Id FROM Opportunity WHERE Amount <= 100");
    CHECK(q(Opportunity_.Amount > 100) == "SELECT Id FROM Opportunity WHERE Amount > 100");
    CHECK(q(Opportunity_.Amount >= 100) == "SELECT Id FROM Opportunity WHERE Amount >= 100");
    CHECK(q(Opportunity_.StageName == Opportunity_StageName::Closed_Won) ==
          "SELECT Id FROM Opportunity WHERE StageName = 'Closed Won'");
    CHECK(q(Opportunity_.Name > "M") == "SELECT Id FROM Opportunity WHERE Name > 'M'");
    CHECK(q(Opportunity_.Account / Account_.Industry == Account_Industry::Banking) ==
          "SELECT Id FROM Opportunity WHERE Account.Industry = 'Banking'");
}

TEST_CASE("null checks") {
    auto q = [](const auto& c) { return to_soql(select(Contact_.Id).from(Contact_).where(c)); };
    CHECK(q(Contact_.Email == nullptr) == "SELECT Id FROM Contact WHERE Email = null");
    CHECK(q(Contact_.Email != nullptr) == "SELECT Id FROM Contact WHERE Email != null");
    CHECK(q(is_null(Contact_.AccountId)) == "SELECT Id FROM Contact WHERE AccountId = null");
    CHECK(q(is_not_null(Contact_.Account / Account_.OwnerId)) == "SELECT Id FROM Contact WHERE Account.OwnerId != null");
}

TEST_CASE("AND, OR, NOT with parentheses where needed") {
    auto q = [](const auto& c) { return to_soql(select(Account_.Id).from(Account_).where(c)); };
    CHECK(q(Account_.AnnualRevenue > 1e6 && Account_.Industry == Account_Industry::Banking) ==
          "SELECT Id FROM Account WHERE AnnualRevenue > 1000000 AND Industry = 'Banking'");
    CHECK(q(Account_.Name == "a" && Account_.Name == "b" && Account_.Name == "c") ==
          "SELECT Id FROM Account WHERE Name = 'a' AND Name = 'b' AND Name = 'c'");
    CHECK(q((Account_.Name == "a" || Account_.Name == "b") && Account_.IsPartner == true) ==
          "SELECT Id FROM Account WHERE (Name = 'a' OR Name = 'b') AND IsPartner = true");
    CHECK(q(Account_.Name == "a" || (Account_.Name == "b" && Account_.IsPartner == true)) ==
          "SELECT Id FROM Account WHERE Name = 'a' OR (Name = 'b' AND IsPartner = true)");
    CHECK(q(!(Account_.Name == "a")) == "SELECT Id FROM Account WHERE NOT Name = 'a'");
    CHECK(q(!(Account_.Name == "a" || Account_.Name == "b")) ==
          "SELECT Id FROM Account WHERE NOT (Name = 'a' OR Name = 'b')");
    CHECK(q(!(Account_.Name == "a") && Account_.IsPartner == true) ==
          "SELECT Id FROM Account WHERE (NOT Name = 'a') AND IsPartner = true");
    CHECK(q(!!(Account_.Name == "a")) == "SELECT Id FROM Account WHERE NOT (NOT Name = 'a')");
}

TEST_CASE("LIKE, IN, NOT IN, INCLUDES, EXCLUDES") {
    CHECK(to_soql(select(Account_.Id).from(Account_).where(like(Account_.Name, "Acme%"))) ==
          "SELECT Id FROM Account WHERE Name LIKE 'Acme%'");
    CHECK(to_soql(select(Account_.Id)
                      .from(Account_)
                      .where(in(Account_.Industry, {Account_Industry::Banking, Account_Industry::Energy}))) ==
          "SELECT Id FROM Account WHERE Industry IN ('Banking', 'Energy')");
    const std::vector<sfcpp::id> ids{sfcpp::id("001000000000001"), sfcpp::id("001000000000002")};
    CHECK(to_soql(select(Account_.Name).from(Account_).where(not_in(Account_.Id, ids))) ==
          "SELECT Name FROM Account WHERE Id NOT IN ('001000000000001AAA', '001000000000002AAA')");
    CHECK(to_soql(select(Contact_.Id).from(Contact_).where(in(Contact_.Birthdate, {sfcpp::date(2000, 1, 1)}))) ==
          "SELECT Id FROM Contact WHERE Birthdate IN (2000-01-01)");
    CHECK(to_soql(select(Invoice_c_.Id)
                      .from(Invoice_c_)
                      .where(includes(Invoice_c_.Tags_c, Invoice_c_Tags_c::Priority,
                                      Invoice_c_Tags_c{Invoice_c_Tags_c::Recurring, Invoice_c_Tags_c::Export}))) ==
          "SELECT Id FROM Invoice__c WHERE Tags__c INCLUDES ('Priority', 'Recurring;Export')");
    CHECK(to_soql(select(Invoice_c_.Id).from(Invoice_c_).where(excludes(Invoice_c_.Tags_c, Invoice_c_Tags_c::Disputed))) ==
          "SELECT Id FROM Invoice__c WHERE Tags__c EXCLUDES ('Disputed')");
}

TEST_CASE("semi-joins and anti-joins") {
    CHECK(to_soql(select(Contact_.Id, Contact_.LastName)
                      .from(Contact_)
                      .where(in(Contact_.AccountId,
                                select(Account_.Id).from(Account_).where(Account_.Industry == Account_Industry::Banking)))) ==
          "SELECT Id, LastName FROM Contact WHERE AccountId IN (SELECT Id FROM Account WHERE Industry = 'Banking')");
    CHECK(to_soql(select(Account_.Id)
                      .from(Account_)
                      .where(not_in(Account_.Id, select(Opportunity_.AccountId)
                                                     .from(Opportunity_)
                                                     .where(Opportunity_.IsClosed == true)))) ==
          "SELECT Id FROM Account WHERE Id NOT IN (SELECT AccountId FROM Opportunity WHERE IsClosed = true)");
}

TEST_CASE("date literals") {
    auto q = [](const auto& c) { return to_soql(select(Opportunity_.Id).from(Opportunity_).where(c)); };
    CHECK(q(Opportunity_.CloseDate == today) == "SELECT Id FROM Opportunity WHERE CloseDate = TODAY");
    CHECK(q(Opportunity_.CreatedDate >= last_n_days(7)) == "SELECT Id FROM Opportunity WHERE CreatedDate >= LAST_N_DAYS:7");
    CHECK(q(Opportunity_.CloseDate == this_fiscal_quarter) ==
          "SELECT Id FROM Opportunity WHERE CloseDate = THIS_FISCAL_QUARTER");
    CHECK(q(Opportunity_.CloseDate < n_fiscal_years_ago(2) || Opportunity_.CloseDate > next_n_months(3)) ==
          "SELECT Id FROM Opportunity WHERE CloseDate < N_FISCAL_YEARS_AGO:2 OR CloseDate > NEXT_N_MONTHS:3");
    CHECK(q(Opportunity_.LastModifiedDate > yesterday && Opportunity_.CloseDate == last_90_days) ==
          "SELECT Id FROM Opportunity WHERE LastModifiedDate > YESTERDAY AND CloseDate = LAST_90_DAYS");
}

TEST_CASE("ORDER BY, LIMIT, OFFSET, FOR VIEW/REFERENCE/UPDATE") {
    CHECK(to_soql(select(Account_.Name).from(Account_).order_by(desc(Account_.Name).nulls_last())) ==
          "SELECT Name FROM Account ORDER BY Name DESC NULLS LAST");
    CHECK(to_soql(select(Account_.Name)
                      .from(Account_)
                      .order_by(asc(Account_.Industry).nulls_first(), Account_.Name, desc(Account_.CreatedDate))
                      .limit(10)
                      .offset(20)) ==
          "SELECT Name FROM Account ORDER BY Industry ASC NULLS FIRST, Name, CreatedDate DESC LIMIT 10 OFFSET 20");
    CHECK(to_soql(select(Contact_.Id).from(Contact_).order_by(Contact_.Account / Account_.Name)) ==
          "SELECT Id FROM Contact ORDER BY Account.Name");
    CHECK(to_soql(select(Account_.Id).from(Account_).limit(1).for_view()) == "SELECT Id FROM Account LIMIT 1 FOR VIEW");
    CHECK(to_soql(select(Account_.Id).from(Account_).for_reference()) == "SELECT Id FROM Account FOR REFERENCE");
    CHECK(to_soql(select(Account_.Id).from(Account_).where(Account_.Name == "x").limit(2).for_update()) ==
          "SELECT Id FROM Account WHERE Name = 'x' LIMIT 2 FOR UPDATE");
    CHECK_THROWS_AS(select(Account_.Id).from(Account_).offset(2001), sfcpp::soql::query_error);
    try {
        (void)select(Account_.Id).from(Account_).offset(2001);
    } catch (const sfcpp::error& e) {  // the base of every sfcpp exception
        CHECK(std::string(e.what()) == "sfcpp::soql: OFFSET cannot exceed 2000");
        CHECK_FALSE(e.code());  // a query error, not a decode or encode error
    }
}

TEST_CASE("clauses are written in SOQL order whatever the call order") {
    CHECK(to_soql(select(Account_.Id).from(Account_).limit(5).order_by(Account_.Name).where(Account_.Name != "")) ==
          "SELECT Id FROM Account WHERE Name != '' ORDER BY Name LIMIT 5");
}

TEST_CASE("aggregates") {
    CHECK(to_soql(select(count()).from(Contact_)) == "SELECT COUNT() FROM Contact");
    CHECK(to_soql(select(count()).from(Contact_).where(Contact_.Email == nullptr)) ==
          "SELECT COUNT() FROM Contact WHERE Email = null");
    CHECK(to_soql(select(count(Account_.Id)).from(Account_)) == "SELECT COUNT(Id) FROM Account");
    CHECK(to_soql(select(count_distinct(Contact_.AccountId).as<n>()).from(Contact_)) ==
          "SELECT COUNT_DISTINCT(AccountId) n FROM Contact");
    CHECK(to_soql(select(Opportunity_.StageName, sum(Opportunity_.Amount).as<total>(), avg(Opportunity_.Amount),
                         min(Opportunity_.CloseDate), max(Opportunity_.Amount).as<biggest>())
                      .from(Opportunity_)
                      .group_by(Opportunity_.StageName)) ==
          "SELECT StageName, SUM(Amount) total, AVG(Amount), MIN(CloseDate), MAX(Amount) biggest FROM Opportunity "
          "GROUP BY StageName");
    CHECK(to_soql(select(Opportunity_.CampaignId, sum(Opportunity_.Amount)).from(Opportunity_).group_by(Opportunity_.CampaignId)) ==
          "SELECT CampaignId, SUM(Amount) FROM Opportunity GROUP BY CampaignId");
}

TEST_CASE("GROUP BY with HAVING, ROLLUP, CUBE, ORDER BY an aggregate") {
    CHECK(to_soql(select(Contact_.AccountId, count(Contact_.Id))
                      .from(Contact_)
                      .group_by(Contact_.AccountId)
                      .having(count(Contact_.Id) > 1)
                      .order_by(desc(count(Contact_.Id)))) ==
          "SELECT AccountId, COUNT(Id) FROM Contact GROUP BY AccountId HAVING COUNT(Id) > 1 ORDER BY COUNT(Id) DESC");
    CHECK(to_soql(select(Opportunity_.StageName, Opportunity_.Type, sum(Opportunity_.Amount))
                      .from(Opportunity_)
                      .group_by(rollup(Opportunity_.StageName, Opportunity_.Type))) ==
          "SELECT StageName, Type, SUM(Amount) FROM Opportunity GROUP BY ROLLUP(StageName, Type)");
    CHECK(to_soql(select(Account_.Industry, Account_.Type, count(Account_.Id))
                      .from(Account_)
                      .group_by(cube(Account_.Industry, Account_.Type))) ==
          "SELECT Industry, Type, COUNT(Id) FROM Account GROUP BY CUBE(Industry, Type)");
    CHECK(to_soql(select(Contact_.Account / Account_.Name, count(Contact_.Id))
                      .from(Contact_)
                      .group_by(Contact_.Account / Account_.Name)
                      .having(count(Contact_.Id) >= 2 && Contact_.Account / Account_.Name != nullptr)) ==
          "SELECT Account.Name, COUNT(Id) FROM Contact GROUP BY Account.Name HAVING COUNT(Id) >= 2 AND "
          "Account.Name != null");
}

TEST_CASE("a realistic integration query") {
    const auto q = select(Opportunity_.Id, Opportunity_.Name, Opportunity_.Amount, Opportunity_.Account / Account_.Name,
                          Opportunity_.Owner / User_.Email,
                          select(OpportunityContactRole_.ContactId, OpportunityContactRole_.Role)
                              .from(Opportunity_.OpportunityContactRoles)
                              .where(OpportunityContactRole_.IsPrimary == true))
                       .from(Opportunity_)
                       .where(Opportunity_.StageName != Opportunity_StageName::Closed_Lost &&
                              Opportunity_.CloseDate == this_fiscal_year &&
                              (Opportunity_.Amount >= 50000 || Opportunity_.Account / Account_.Rating == Account_Rating::Hot))
                       .order_by(desc(Opportunity_.Amount).nulls_last())
                       .limit(200);
    CHECK(to_soql(q) ==
          "SELECT Id, Name, Amount, Account.Name, Owner.Email, (SELECT ContactId, Role FROM OpportunityContactRoles "
          "WHERE IsPrimary = true) FROM Opportunity WHERE StageName != 'Closed Lost' AND CloseDate = THIS_FISCAL_YEAR "
          "AND (Amount >= 50000 OR Account.Rating = 'Hot') ORDER BY Amount DESC NULLS LAST LIMIT 200");
}

TEST_CASE("unchecked escape hatch") {
    const auto q = unchecked<Account>("SELECT Id FROM Account WHERE Name = " + quote("it's"));
    CHECK(to_soql(q) == R"(SELECT Id FROM Account WHERE Name = 'it\'s')");
    static_assert(std::is_same_v<decltype(q)::row_type, Account>);
}
