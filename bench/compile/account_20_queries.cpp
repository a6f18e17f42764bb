// Compile-time probe: generated Account (with the Contact and User it queries through) plus 20
// builder queries and their row decoders.
#include <bench_sobjects/Account.hpp>
#include <bench_sobjects/Contact.hpp>
#include <bench_sobjects/User.hpp>
#include <sfcpp/json.hpp>
#include <sfcpp/soql.hpp>

#include <string>

using namespace sobjects;
using namespace sfcpp::soql;

template <class Q>
std::size_t use(const Q& q, std::string_view body) {
    return to_soql(q).size() + sfcpp::from_json<sfcpp::query_result<typename Q::row_type>>(body).records.size();
}

std::size_t probe(std::string_view body) {
    std::size_t n = 0;
    n += use(select(Account_.Id, Account_.Name).from(Account_), body);
    n += use(select(Account_.Id, Account_.Industry).from(Account_).where(Account_.Industry == Account_Industry::Banking), body);
    n += use(select(Account_.Name, Account_.Owner / User_.Name).from(Account_), body);
    n += use(select(Account_.Name).from(Account_).where(Account_.AnnualRevenue > 1e6).order_by(desc(Account_.Name)), body);
    n += use(select(Account_.Id).from(Account_).where(like(Account_.Name, "A%")).limit(10), body);
    n += use(select(Account_.Id, Account_.Phone, Account_.Website).from(Account_), body);
    n += use(select(Account_.Id).from(Account_).where(Account_.CreatedDate >= last_n_days(7)), body);
    n += use(select(Account_.Name, select(Contact_.Email).from(Account_.Contacts)).from(Account_), body);
    n += use(select(Account_.BillingCity, Account_.BillingCountry).from(Account_).where(Account_.BillingCity != nullptr), body);
    n += use(select(Account_.Id).from(Account_).where(Account_.NumberOfEmployees >= 100 || Account_.Rating == Account_Rating::Hot), body);
    n += use(select(Account_.Id, Account_.Type).from(Account_).offset(10).limit(5), body);
    n += use(select(Account_.Id).from(Account_).where(!(Account_.Name == "x")), body);
    n += use(select(Account_.Id, Account_.Parent / Account_.Name).from(Account_), body);
    n += use(select(Account_.Id, Account_.AccountNumber).from(Account_).order_by(Account_.AccountNumber), body);
    n += use(select(Account_.Id).from(Account_).where(Account_.LastActivityDate < today), body);
    n += use(select(Account_.Id, Account_.Sic).from(Account_).where(Account_.Sic == "1234"), body);
    n += use(select(Account_.Name, Account_.Description).from(Account_), body);
    n += use(select(Account_.Id).from(Account_).where(Account_.Name == "a" && Account_.Phone == "b"), body);
    n += use(select(Account_.Id, Account_.Owner / User_.Email).from(Account_), body);
    n += use(select(Account_.Id, Account_.CreatedBy / User_.Name).from(Account_), body);
    return n;
}
