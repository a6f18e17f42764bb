// Quickstart: log in, create, read, update, query with the typed builder, delete.
#include "example_org.hpp"

#include <sfcpp/soql.hpp>
#include <sobjects/Account.hpp>

int main() try {
    using namespace sobjects;
    example::target org;

    auto transport = std::make_shared<sfcpp::http::transport>();
    auto session = std::make_shared<sfcpp::auth::session>(transport, org.app);
    sfcpp::client sf(session);  // REST API v60.0, every call to the session's instance_url

    Account acme;
    acme.Name = "Acme";
    acme.Industry = Account_Industry::Banking;
    acme.AnnualRevenue = 2.5e6;
    const sfcpp::id id = sf.create(acme);
    std::cout << "created Account " << id << "\n";

    Account change;
    change.Phone = "+1 555 0100";
    sf.update(id, change);  // sends Phone only

    using namespace sfcpp::soql;
    auto q = select(Account_.Id, Account_.Name, Account_.Phone)
                 .from(Account_)
                 .where(Account_.AnnualRevenue > 1e6)
                 .order_by(Account_.Name);
    for (const auto& row : sf.query(q))  // page by page, as the loop advances
        std::cout << row.Id.value() << "  " << row.Name.value() << "  " << row.Phone.value_or("-") << "\n";

    sf.remove<Account>(id);
    const auto usage = sf.last_limit_info();
    std::cout << "API usage " << usage.api_used << "/" << usage.api_max << "\n";
    std::cout << *session << "\n";  // tokens print as <redacted>
    return 0;
} catch (const std::exception& e) {
    std::cerr << e.what() << "\n";
    return 1;
}
