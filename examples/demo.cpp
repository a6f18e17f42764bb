// The main demo: an emulated org in this process, records generated from the shipped describe
// files, and typed queries, create/update/delete and upsert by external id over real HTTP.
//
//   bash scripts/demo.sh
#include <sobjects/sobjects.hpp>  // generated at build time by sfcpp-codegen from describe/
#include <sfcpp/json.hpp>
#include <sfcpp/soql.hpp>
#include <sfcpp/http/transport.hpp>

#include <sfcpp_emulator/server.hpp>

#include <boost/json/parse.hpp>

#include <cctype>
#include <iostream>
#include <string>

using namespace sobjects;
namespace soql = sfcpp::soql;
namespace http = sfcpp::http;

namespace {

std::string url_encode(std::string_view s) {
    static constexpr char hex[] = "0123456789ABCDEF";
    std::string out;
    for (unsigned char c : s) {
        if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') out += static_cast<char>(c);
        else {
            out += '%';
            out += hex[c >> 4];
            out += hex[c & 15];
        }
    }
    return out;
}

// The few REST calls the demo makes, on sfcpp's transport and JSON codec.
struct org {
    http::transport transport;
    std::string instance_url;
    std::string token;
    std::string api = "/services/data/v60.0";

    http::response call(http::verb v, const std::string& path, std::string body = {}) {
        http::request req{v, instance_url + path, {{"Authorization", "Bearer " + token}}, std::move(body)};
        if (!req.body.empty()) req.headers.emplace_back("Content-Type", "application/json");
        auto res = transport.send(req);
        if (res.status >= 300 && res.status != 304)
            throw std::runtime_error(std::string(http::to_string(v)) + " " + path + " -> " + std::to_string(res.status) +
                                     " " + res.body);
        return res;
    }

    void login(const std::string& login_url) {
        http::request req{http::verb::post, login_url + "/services/oauth2/token",
                          {{"Content-Type", "application/x-www-form-urlencoded"}},
                          "grant_type=client_credentials&client_id=sfcpp-emulator-client&client_secret=sfcpp-emulator-secret"};
        auto res = transport.send(req);
        auto doc = boost::json::parse(res.body).as_object();
        instance_url = std::string(doc.at("instance_url").as_string());
        token = std::string(doc.at("access_token").as_string());
    }

    template <sfcpp::record T>
    sfcpp::id create(const T& rec) {
        sfcpp::check_write(rec, sfcpp::write_mode::create);
        auto res = call(http::verb::post, api + "/sobjects/" + std::string(T::sobject_name),
                        sfcpp::to_json(rec, {sfcpp::write_mode::create}));
        return sfcpp::id(boost::json::parse(res.body).at("id").as_string());
    }

    template <sfcpp::record T>
    void update(const T& rec) {
        call(http::verb::patch, api + "/sobjects/" + std::string(T::sobject_name) + "/" + std::string(rec.Id->str()),
             sfcpp::to_json(rec, {sfcpp::write_mode::update}));
    }

    template <sfcpp::record T>
    void destroy(const sfcpp::id& id) {
        call(http::verb::delete_, api + "/sobjects/" + std::string(T::sobject_name) + "/" + std::string(id.str()));
    }

    // Every row of a query, following nextRecordsUrl page by page.
    template <class Q, class F>
    void query(const Q& q, F&& each) {
        std::string path = api + "/query?q=" + url_encode(soql::to_soql(q));
        sfcpp::query_result<typename Q::row_type> page;
        while (true) {
            page.records.clear();
            sfcpp::from_json(call(http::verb::get, path).body, page);
            for (const auto& row : page.records) each(row);
            if (page.done || page.next_records_url.empty()) break;
            path = page.next_records_url;
        }
    }
};

}  // namespace

int main() {
    sfcpp_emulator::server emulator{sfcpp_emulator::options{}};
    emulator.start();
    std::cout << "emulated org listening on " << emulator.base_url() << "\n";

    org sf;
    sf.login(emulator.base_url());
    std::cout << "logged in (client credentials); instance " << sf.instance_url << "\n\n";

    // Create: typed records, checked against describe metadata before any request.
    Account acme;
    acme.Name = "Acme Corporation";
    acme.Industry = Account_Industry::Banking;
    acme.AnnualRevenue = 2.5e6;
    acme.BillingCity = "Springfield";
    const sfcpp::id acme_id = sf.create(acme);
    std::cout << "created Account " << acme_id << "\n";
    for (const char* last : {"Lovelace", "Hopper", "Liskov"}) {
        Contact c;
        c.LastName = last;
        c.AccountId = acme_id;
        c.Email = std::string(last) + "@acme.example";
        std::cout << "created Contact " << sf.create(c) << " (" << last << ")\n";
    }

    // Upsert by external id: the first call creates, the second updates the same record.
    for (double amount : {1200.0, 1350.0}) {
        Invoice_c inv;
        inv.Name = "INV-0001";
        inv.Amount_c = amount;
        inv.Account_c = acme_id;
        auto res = sf.call(http::verb::patch, sf.api + "/sobjects/Invoice__c/External_Id__c/ERP-0001",
                           sfcpp::to_json(inv, {sfcpp::write_mode::update}));
        std::cout << "upsert Invoice__c External_Id__c=ERP-0001 amount " << amount << ": "
                  << (res.status == 201 ? "created" : "updated") << "\n";
    }

    // Typed query: the row type is shaped by the select list.
    auto q = soql::select(Account_.Id, Account_.Name, Account_.Industry, Account_.Owner / User_.Name,
                          soql::select(Contact_.LastName, Contact_.Email).from(Account_.Contacts))
                 .from(Account_)
                 .where(Account_.AnnualRevenue > 1e6 && Account_.Industry == Account_Industry::Banking)
                 .order_by(soql::desc(Account_.Name));
    std::cout << "\n" << soql::to_soql(q) << "\n";
    sf.query(q, [](const auto& row) {
        std::cout << "  " << row.Name.value() << " [" << row.Industry->str() << "], owner "
                  << row.Owner->Name.value_or("?") << ", " << row.Contacts.size() << " contacts:";
        for (const auto& c : row.Contacts) std::cout << " " << c.LastName.value();
        std::cout << "\n";
    });

    // Update only what changed: not-set fields are left alone, null clears.
    Account change;
    // Id is read-only (the URL names the record), so it is filled the unchecked way.
    sfcpp::assign_unchecked(change.Id, acme_id);
    change.Website = "https://acme.example";
    change.BillingCity = nullptr;
    sf.update(change);
    auto check = soql::select(Account_.Website, Account_.BillingCity).from(Account_).where(Account_.Id == acme_id);
    sf.query(check, [](const auto& row) {
        std::cout << "\nafter update: Website=" << row.Website.value()
                  << ", BillingCity is " << (row.BillingCity.is_null() ? "null" : "set") << "\n";
    });

    // COUNT() reports its answer in totalSize.
    auto agg = soql::select(soql::count()).from(Contact_).where(Contact_.AccountId == acme_id);
    auto counted = sfcpp::from_json<sfcpp::query_result<decltype(agg)::row_type>>(
        sf.call(http::verb::get, sf.api + "/query?q=" + url_encode(soql::to_soql(agg))).body);
    std::cout << soql::to_soql(agg) << " -> " << counted.total_size << "\n";

    sf.destroy<Account>(acme_id);
    std::cout << "deleted Account " << acme_id << " (and, by cascade, its contacts)\n";

    emulator.stop();
    return 0;
}
