// Typed calls on types generated from the org at build time. The org: SF_LOGIN_URL, SF_CLIENT_ID
// and SF_CLIENT_SECRET, or `--url-file F` naming an emulator started with its default credentials.
#include <org_sobjects/sobjects.hpp>
#include <sfcpp/client.hpp>
#include <sfcpp/soql.hpp>

#include <cstdlib>
#include <fstream>
#include <iostream>
#include <string>

namespace {

std::string env(const char* name) {
    const char* v = std::getenv(name);
    return v ? v : "";
}

sfcpp::auth::client_credentials app_from(int argc, char** argv) {
    if (argc == 3 && std::string(argv[1]) == "--url-file") {
        std::ifstream in(argv[2]);
        std::string url;
        std::getline(in, url);
        return {url, "sfcpp-emulator-client", "sfcpp-emulator-secret"};
    }
    return {env("SF_LOGIN_URL"), env("SF_CLIENT_ID"), env("SF_CLIENT_SECRET")};
}

}  // namespace

int main(int argc, char** argv) {
    using namespace org;
    using sfcpp::soql::select;
    auto session = std::make_shared<sfcpp::auth::session>(std::make_shared<sfcpp::http::transport>(),
                                                          app_from(argc, argv));
    sfcpp::client sf(session);

    auto banks = select(Account_.Id, Account_.Name).from(Account_).where(Account_.Industry == Account_Industry::Banking);
    sfcpp::id acme;
    for (const auto& row : sf.query(banks)) acme = row.Id.value();

    Contact c;
    c.LastName = "Ng";
    c.AccountId = acme;
    const sfcpp::id id = sf.create(c);

    auto q = select(Contact_.LastName, Contact_.Account / Account_.Name).from(Contact_).where(Contact_.Id == id);
    for (const auto& row : sf.query(q)) std::cout << row.LastName.value() << " works at " << row.Account->Name.value() << "\n";
    sf.remove<Contact>(id);
    return 0;
}
