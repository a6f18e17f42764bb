// Entry point of fuzz_query_response: a query response page decoded into full records and into
// rows shaped by builder queries (parent paths, child subquery, TYPEOF, aggregates), each row
// then converted to its record and encoded.
#pragma once

#include <sfcpp/json.hpp>
#include <sfcpp/soql.hpp>
#include <test_sobjects/sobjects.hpp>

#include <string_view>

namespace sfcpp_fuzz {

namespace query_response_detail {

using namespace sfcpp::soql;
using namespace sobjects;

inline const auto parents_q = select(Account_.Id, Account_.Name, Account_.CreatedDate, Account_.AnnualRevenue,
                                     Account_.Industry, Account_.BillingAddress, Account_.Owner / User_.Name,
                                     Account_.Owner / User_.Manager / User_.Email)
                                  .from(Account_);
inline const auto child_q =
    select(Contact_.FirstName, Contact_.Birthdate, select(Opportunity_.Name, Opportunity_.Amount).from(Contact_.Opportunities))
        .from(Contact_);
inline const auto typeof_q = select(Event_.Id, typeof_(Event_.Who).when(Contact_.LastName, Contact_.Email).else_(name_.Id),
                                    typeof_(Event_.What).when(Account_.Name), Event_.Subject, Event_.ActivityDateTime)
                                 .from(Event_);
inline const auto aggregate_q =
    select(Opportunity_.StageName, sum(Opportunity_.Amount), max(Opportunity_.CloseDate), count(Opportunity_.Id))
        .from(Opportunity_)
        .group_by(Opportunity_.StageName);

template <class Row>
void rows(std::string_view text, bool verify) {
    try {
        auto page = sfcpp::from_json<sfcpp::query_result<Row>>(text, {verify});
        for (const auto& r : page.records) (void)sfcpp::to_json(r.to_record());
    } catch (const sfcpp::error&) {
    }
}

template <class Record>
void records(std::string_view text, bool verify) {
    try {
        auto page = sfcpp::from_json<sfcpp::query_result<Record>>(text, {verify});
        (void)sfcpp::to_json(page);
    } catch (const sfcpp::error&) {
    }
}

}  // namespace query_response_detail

inline void query_response(std::string_view text) {
    namespace q = query_response_detail;
    for (bool verify : {true, false}) {
        q::records<sobjects::Account>(text, verify);
        q::records<sobjects::Event>(text, verify);
        q::rows<decltype(q::parents_q)::row_type>(text, verify);
        q::rows<decltype(q::child_q)::row_type>(text, verify);
        q::rows<decltype(q::typeof_q)::row_type>(text, verify);
    }
    try {
        auto page = sfcpp::from_json<sfcpp::query_result<decltype(q::aggregate_q)::row_type>>(text);
        (void)page.records.size();
    } catch (const sfcpp::error&) {
    }
}

}  // namespace sfcpp_fuzz
