// Compile-time probe: a user's TU against a real-size org (bench/big_org/make_org.py: 31 objects,
// 3,339 fields, a 350-field Account linked to every custom object). The REST client, 20 typed
// builder queries, and create, retrieve, update, upsert by external id and delete of the records
// a nightly account sync touches. Compared in bench/run with baseline/hand_written_client.cpp.
#include <bigorg/Account.hpp>
#include <bigorg/Campaign.hpp>
#include <bigorg/Case.hpp>
#include <bigorg/Contact.hpp>
#include <bigorg/Contract.hpp>
#include <bigorg/Lead.hpp>
#include <bigorg/Obj01_c.hpp>
#include <bigorg/Obj02_c.hpp>
#include <bigorg/Obj07_c.hpp>
#include <bigorg/Obj08_c.hpp>
#include <bigorg/Opportunity.hpp>
#include <bigorg/Order.hpp>
#include <bigorg/Product2.hpp>
#include <bigorg/User.hpp>
#include <sfcpp/client.hpp>
#include <sfcpp/soql.hpp>

#include <map>
#include <memory>
#include <ostream>
#include <string>
#include <vector>

namespace account_sync {

using namespace bigorg;
namespace soql = sfcpp::soql;
using soql::select;

struct settings {
    std::string login_url;
    std::string client_id;
    std::string client_secret;
};

struct erp_account {
    std::string erp_id;
    std::string name;
    std::string city;
    std::string country;
    double revenue = 0;
    int employees = 0;
    std::string credit_code;
    double credit_limit = 0;
};

sfcpp::client connect(const settings& s) {
    auto transport = std::make_shared<sfcpp::http::transport>();
    auto session = std::make_shared<sfcpp::auth::session>(
        transport, sfcpp::auth::client_credentials{.login_url = s.login_url, .client_id = s.client_id,
                                                   .client_secret = s.client_secret});
    return sfcpp::client(session);
}

// ---- The reads of the nightly report: 20 typed queries.

void key_accounts(sfcpp::client& sf, std::ostream& out) {
    // 1. Large financial-sector accounts and their owners.
    auto q1 = select(Account_.Id, Account_.Name, Account_.Industry, Account_.AnnualRevenue, Account_.Rating,
                     Account_.Owner / User_.Name, Account_.Owner / User_.Email)
                  .from(Account_)
                  .where(soql::in(Account_.Industry, {Account_Industry::Banking, Account_Industry::Insurance,
                                                      Account_Industry::Finance}) &&
                         Account_.AnnualRevenue > 1e7)
                  .order_by(soql::desc(Account_.AnnualRevenue))
                  .limit(200);
    for (const auto& a : sf.query(q1))
        out << a.Name.value() << " [" << (a.Industry ? a.Industry->str() : "-") << "] "
            << a.AnnualRevenue.value_or(0) << ", owner " << a.Owner->Name.value_or("?") << "\n";

    // 2. Hot accounts with the contacts that have an email address.
    auto q2 = select(Account_.Id, Account_.Name,
                     select(Contact_.Id, Contact_.Name, Contact_.Email, Contact_.Title)
                         .from(Account_.Contacts)
                         .where(Contact_.Email != nullptr))
                  .from(Account_)
                  .where(Account_.Rating == Account_Rating::Hot);
    for (const auto& a : sf.query(q2)) {
        out << a.Name.value() << ": " << a.Contacts.size() << " contacts\n";
        for (const auto& c : a.Contacts) out << "  " << c.Name.value() << " <" << c.Email.value() << ">\n";
    }

    // 3. Direct customers with their open opportunities.
    auto q3 = select(Account_.Name,
                     select(Opportunity_.Name, Opportunity_.StageName, Opportunity_.Amount, Opportunity_.CloseDate)
                         .from(Account_.Opportunities)
                         .where(Opportunity_.IsClosed == false)
                         .order_by(Opportunity_.CloseDate))
                  .from(Account_)
                  .where(Account_.Type == Account_Type::Customer_Direct);
    for (const auto& a : sf.query(q3))
        for (const auto& o : a.Opportunities)
            out << a.Name.value() << " / " << o.Name.value() << " " << o.StageName->str() << " "
                << o.Amount.value_or(0) << " due " << o.CloseDate.value() << "\n";

    // 4. Credit review: accounts over their limit in an open credit status.
    auto q4 = select(Account_.Id, Account_.Name, Account_.ERP_Id_c, Account_.Credit_Status_c, Account_.Credit_Limit_c,
                     Account_.Tax_Tier_c, Account_.Region_Code_c, Account_.Renewal_Amount_c)
                  .from(Account_)
                  .where(Account_.Credit_Limit_c > 50000.0 &&
                         (Account_.Credit_Status_c == Account_Credit_Status_c::Pending_Review ||
                          Account_.Credit_Status_c == Account_Credit_Status_c::Escalated))
                  .order_by(Account_.Name);
    for (const auto& a : sf.query(q4))
        out << a.ERP_Id_c.value_or("-") << " " << a.Name.value() << " limit " << a.Credit_Limit_c.value_or(0) << "\n";

    // 5. How many accounts were created this week.
    out << "new accounts: " << sf.query(select(soql::count()).from(Account_).where(Account_.CreatedDate >= soql::last_n_days(7))).total_size()
        << "\n";

    // 6. Accounts from the ERP with their Obj07 records.
    auto q6 = select(Account_.Id, Account_.ERP_Id_c,
                     select(Obj07_c_.Name, Obj07_c_.External_Id_c, Obj07_c_.Renewal_Amount_c).from(Account_.Obj07s_r))
                  .from(Account_)
                  .where(Account_.ERP_Id_c != nullptr && like(Account_.BillingCountry, "D%"));
    for (const auto& a : sf.query(q6))
        for (const auto& r : a.Obj07s_r) out << a.ERP_Id_c.value() << " " << r.External_Id_c.value_or("") << "\n";
}

void pipeline(sfcpp::client& sf, std::ostream& out) {
    // 7. Open opportunities closing this quarter, with their account and owner.
    auto q7 = select(Opportunity_.Id, Opportunity_.Name, Opportunity_.Amount, Opportunity_.StageName,
                     Opportunity_.CloseDate, Opportunity_.Account / Account_.Name,
                     Opportunity_.Account / Account_.Industry, Opportunity_.Owner / User_.Name)
                  .from(Opportunity_)
                  .where(Opportunity_.CloseDate == soql::this_quarter && Opportunity_.IsClosed == false)
                  .order_by(Opportunity_.CloseDate, soql::desc(Opportunity_.Amount));
    double open = 0;
    for (const auto& o : sf.query(q7)) {
        open += o.Amount.value_or(0);
        out << o.Name.value() << " (" << o.Account->Name.value_or("?") << ") " << o.StageName->str() << "\n";
    }
    out << "open this quarter: " << open << "\n";

    // 8. Amount and count per stage this fiscal year.
    auto q8 = select(Opportunity_.StageName, soql::sum(Opportunity_.Amount), soql::count(Opportunity_.Id))
                  .from(Opportunity_)
                  .where(Opportunity_.CloseDate == soql::this_fiscal_year)
                  .group_by(Opportunity_.StageName);
    for (const auto& s : sf.query(q8))
        out << s.StageName->str() << ": " << s.expr0.value_or(0) << " in " << s.expr1.value_or(0) << "\n";

    // 9. Active campaigns and what they brought in.
    auto q9 = select(Campaign_.Id, Campaign_.Name, Campaign_.Type,
                     select(Opportunity_.Name, Opportunity_.Amount).from(Campaign_.Opportunities))
                  .from(Campaign_)
                  .where(Campaign_.IsActive == true);
    for (const auto& c : sf.query(q9)) {
        double total = 0;
        for (const auto& o : c.Opportunities) total += o.Amount.value_or(0);
        out << c.Name.value() << ": " << total << "\n";
    }

    // 10. Contracts that end in the next 60 days.
    auto q10 = select(Contract_.Id, Contract_.ContractNumber, Contract_.Status, Contract_.StartDate, Contract_.EndDate,
                      Contract_.Account / Account_.Name)
                   .from(Contract_)
                   .where(Contract_.Status == Contract_Status::Activated && Contract_.EndDate <= soql::next_n_days(60));
    for (const auto& c : sf.query(q10))
        out << c.ContractNumber.value() << " " << c.Account->Name.value_or("?") << " ends " << c.EndDate.value() << "\n";

    // 11. Draft orders, newest first.
    auto q11 = select(Order_.Id, Order_.OrderNumber, Order_.TotalAmount, Order_.EffectiveDate, Order_.Account / Account_.Name,
                      Order_.Opportunity / Opportunity_.Name)
                   .from(Order_)
                   .where(Order_.Status == Order_Status::Draft)
                   .order_by(soql::desc(Order_.EffectiveDate))
                   .limit(100);
    for (const auto& o : sf.query(q11)) out << o.OrderNumber.value() << " " << o.TotalAmount.value_or(0) << "\n";

    // 12. The software catalogue.
    auto q12 = select(Product2_.Id, Product2_.Name, Product2_.ProductCode, Product2_.Family)
                   .from(Product2_)
                   .where(Product2_.IsActive == true && Product2_.Family == Product2_Family::Software);
    for (const auto& p : sf.query(q12)) out << p.ProductCode.value_or("-") << " " << p.Name.value() << "\n";
}

void service(sfcpp::client& sf, std::ostream& out) {
    // 13. Open high-priority cases with their contact and account.
    auto q13 = select(Case_.Id, Case_.CaseNumber, Case_.Subject, Case_.Status, Case_.Priority, Case_.Contact / Contact_.Name,
                      Case_.Contact / Contact_.Email, Case_.Account / Account_.Name)
                   .from(Case_)
                   .where(Case_.IsClosed == false && Case_.Priority == Case_Priority::High)
                   .order_by(soql::desc(Case_.CreatedDate))
                   .limit(500);
    for (const auto& c : sf.query(q13))
        out << c.CaseNumber.value() << " " << c.Subject.value_or("") << " - " << c.Contact->Email.value_or("?") << "\n";

    // 14. Escalated cases and who owns them (a user or a queue).
    auto q14 = select(Case_.Id, Case_.CaseNumber, Case_.Owner / soql::name_.Name)
                   .from(Case_)
                   .where(Case_.Status == Case_Status::Escalated);
    for (const auto& c : sf.query(q14)) {
        const auto* owner = c.Owner.find("Name");
        out << c.CaseNumber.value() << " owned by " << c.Owner.type() << " "
            << (owner && owner->is_string() ? std::string(owner->get_string()) : std::string("?")) << "\n";
    }

    // 15. Contacts of banking accounts (a semi-join).
    auto q15 = select(Contact_.Id, Contact_.Name, Contact_.Email, Contact_.MailingCity, Contact_.MailingCountry)
                   .from(Contact_)
                   .where(soql::in(Contact_.AccountId,
                                   select(Account_.Id).from(Account_).where(Account_.Industry == Account_Industry::Banking)));
    for (const auto& c : sf.query(q15)) out << c.Name.value() << " " << c.MailingCity.value_or("") << "\n";

    // 16. Contacts on the example.com domain with their account.
    auto q16 = select(Contact_.Id, Contact_.FirstName, Contact_.LastName, Contact_.Email, Contact_.Account / Account_.Name)
                   .from(Contact_)
                   .where(like(Contact_.Email, "%@example.com"))
                   .order_by(Contact_.LastName, Contact_.FirstName);
    for (const auto& c : sf.query(q16)) out << c.LastName.value() << ", " << c.FirstName.value_or("") << "\n";

    // 17. Unconverted web leads of the last 30 days.
    auto q17 = select(Lead_.Id, Lead_.Name, Lead_.Company, Lead_.Status, Lead_.Email)
                   .from(Lead_)
                   .where(Lead_.IsConverted == false && Lead_.LeadSource == Lead_LeadSource::Web &&
                          Lead_.CreatedDate >= soql::last_n_days(30));
    for (const auto& l : sf.query(q17)) out << l.Company.value() << ": " << l.Name.value() << "\n";

    // 18. Active users and their managers.
    auto q18 = select(User_.Id, User_.Username, User_.Name, User_.Email, User_.Manager / User_.Name)
                   .from(User_)
                   .where(User_.IsActive == true)
                   .order_by(User_.Name);
    for (const auto& u : sf.query(q18)) out << u.Username.value() << " reports to " << u.Manager->Name.value_or("-") << "\n";
}

void custom_records(sfcpp::client& sf, const std::vector<std::string>& external_ids, std::ostream& out) {
    // 19. Obj01 records by external id, with their account and linked Obj02.
    auto q19 = select(Obj01_c_.Id, Obj01_c_.Name, Obj01_c_.External_Id_c, Obj01_c_.Procurement_Category_c,
                      Obj01_c_.Account_r / Account_.Name, Obj01_c_.Obj02_r / Obj02_c_.Name)
                   .from(Obj01_c_)
                   .where(soql::in(Obj01_c_.External_Id_c, external_ids));
    for (const auto& r : sf.query(q19))
        out << r.External_Id_c.value() << " " << r.Account_r->Name.value_or("?") << " -> " << r.Obj02_r->Name.value_or("-")
            << "\n";

    // 20. Obj07 records sold on the web, newest first.
    auto q20 = select(Obj07_c_.Id, Obj07_c_.Name, Obj07_c_.Support_Channels_c, Obj07_c_.Renewal_Amount_c,
                      Obj07_c_.Obj08_r / Obj08_c_.Name)
                   .from(Obj07_c_)
                   .where(soql::includes(Obj07_c_.Support_Channels_c, Obj07_c_Support_Channels_c::Web))
                   .order_by(soql::desc(Obj07_c_.CreatedDate))
                   .limit(1000);
    for (const auto& r : sf.query(q20)) out << r.Name.value() << " " << r.Renewal_Amount_c.value_or(0) << "\n";
}

// ---- The writes: ERP accounts in by external id, a contact and an opportunity for new ones,
// the linked custom record, a cleanup.

sfcpp::id import_account(sfcpp::client& sf, const erp_account& e) {
    Account a;
    a.ERP_Id_c = e.erp_id;
    a.Name = e.name;
    a.BillingCity = e.city;
    a.BillingCountry = e.country;
    a.AnnualRevenue = e.revenue;
    a.NumberOfEmployees = e.employees;
    a.Credit_Code_c = e.credit_code;
    a.Credit_Limit_c = e.credit_limit;
    a.Credit_Status_c = Account_Credit_Status_c::Pending_Review;
    a.Industry = Account_Industry::Banking;
    a.Type = Account_Type::Customer_Direct;
    const sfcpp::upsert_result r = sf.upsert(a, Account_.ERP_Id_c);
    if (!r.created) return r.id;

    Contact c;
    c.AccountId = r.id;
    c.LastName = "Accounts Payable";
    c.Email = "ap@" + e.erp_id + ".example.com";
    c.LeadSource = Contact_LeadSource::Partner_Referral;
    sf.create(c);

    Opportunity o;
    o.AccountId = r.id;
    o.Name = e.name + " onboarding";
    o.StageName = Opportunity_StageName::Prospecting;
    o.CloseDate = sfcpp::date(2025, 12, 31);
    o.Amount = e.credit_limit / 10;
    sf.create(o);
    return r.id;
}

void review_account(sfcpp::client& sf, const sfcpp::id& id, std::ostream& out) {
    const Account full = sf.retrieve<Account>(id);  // every field of the 350
    out << full.Name.value() << " owner " << full.OwnerId.value() << " credit " << full.Credit_Limit_c.value_or(0) << "\n";
    const Account part = sf.retrieve<Account>(id, {"Name", "Rating", "Credit_Status__c"});

    Account change;
    change.Rating = part.Credit_Status_c && *part.Credit_Status_c == Account_Credit_Status_c::Escalated
                        ? Account_Rating::Cold
                        : Account_Rating::Warm;
    change.Credit_Review_Date_c = sfcpp::date(2025, 1, 15);
    change.Description = nullptr;  // cleared
    sf.update(id, change);
}

void link_records(sfcpp::client& sf, const sfcpp::id& account, const std::string& key, std::ostream& out) {
    Obj01_c rec;
    rec.External_Id_c = key;
    rec.Name = "Link " + key;
    rec.Account_c = account;
    rec.Procurement_Category_c = Obj01_c_Procurement_Category_c::B;
    const auto r = sf.upsert(rec, Obj01_c_.External_Id_c);
    out << key << (r.created ? " created " : " updated ") << r.id << "\n";

    const Obj01_c stored = sf.retrieve(Obj01_c_.External_Id_c, key);
    Obj01_c change;
    change.Partner_Rate_c = 12.5;
    sf.update(stored.Id.value(), change);

    const Contact ap = sf.retrieve(Contact_.Contact_External_Id_c, "AP-" + key);
    out << "AP contact " << ap.Name.value() << "\n";
}

void remove_stale(sfcpp::client& sf, const std::vector<sfcpp::id>& stale) {
    for (const auto& id : stale) sf.remove<Obj01_c>(id);
}

}  // namespace account_sync

int run_sync(const account_sync::settings& s, const std::vector<account_sync::erp_account>& erp, std::ostream& out) {
    sfcpp::client sf = account_sync::connect(s);
    std::vector<std::string> keys;
    for (const auto& e : erp) {
        const sfcpp::id id = account_sync::import_account(sf, e);
        account_sync::review_account(sf, id, out);
        account_sync::link_records(sf, id, e.erp_id, out);
        keys.push_back(e.erp_id);
    }
    account_sync::key_accounts(sf, out);
    account_sync::pipeline(sf, out);
    account_sync::service(sf, out);
    account_sync::custom_records(sf, keys, out);
    account_sync::remove_stale(sf, {});
    return 0;
}
