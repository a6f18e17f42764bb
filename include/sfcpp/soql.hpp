// sfcpp/soql.hpp: the type-safe SOQL builder over generated records.
//
//   #include <sfcpp/soql.hpp>
//   #include "sobjects/Account.hpp"
//   using namespace sfcpp::soql;   // operators on the generated columns (see column.hpp)
//   using namespace sobjects;
//
//   auto q = select(Account_.Id, Account_.Name, Account_.Owner / User_.Name,
//                   select(Contact_.LastName).from(Account_.Contacts).where(like(Contact_.Email, "%@acme.com")))
//                .from(Account_)
//                .where(Account_.AnnualRevenue > 1e6 && Account_.Industry == Account_Industry::Banking)
//                .order_by(desc(Account_.Name).nulls_last())
//                .limit(10);
//   to_soql(q);   // "SELECT Id, Name, Owner.Name, (SELECT LastName FROM Contacts WHERE ...) FROM Account ..."
//   auto page = sfcpp::from_json<sfcpp::query_result<decltype(q)::row_type>>(body);
//   page.records[0].Owner->Name;   // row.Phone would not compile: Phone was not selected
//   page.records[0][Account_.Name];  // the same member by its tag; [Account_.Phone] would say so by name
//
// Only standard and sfcpp core headers are included: no HTTP, no TLS.
#pragma once

// First, so that a broken rule is reported from a short include chain (see rules.hpp).
#include <sfcpp/soql/rules.hpp>

#include <sfcpp/soql/aggregate.hpp>
#include <sfcpp/soql/column.hpp>
#include <sfcpp/soql/column_tag.hpp>
#include <sfcpp/soql/condition.hpp>
#include <sfcpp/soql/date_literal.hpp>
#include <sfcpp/soql/literal.hpp>
#include <sfcpp/soql/order.hpp>
#include <sfcpp/soql/row.hpp>
#include <sfcpp/soql/select.hpp>
#include <sfcpp/soql/typeof.hpp>
#include <sfcpp/soql/unchecked.hpp>
