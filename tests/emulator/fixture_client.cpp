// Runs under the CTest fixture of sfcpp_add_emulator_fixture: reads the fixture's URL file, logs in
// with the client-credentials flow (the emulator's default connected app) and queries the seeded
// records (fixture_seed.json). Exit status 0 when everything matches.
#include <sfcpp/client.hpp>
#include <sfcpp/http/url.hpp>

#include <fstream>
#include <iostream>
#include <memory>
#include <string>

int main(int argc, char** argv) try {
    if (argc != 2) {
        std::cerr << "usage: sfcpp_emulator_fixture_client URL_FILE\n";
        return 2;
    }
    std::ifstream in(argv[1]);
    std::string url;
    if (!std::getline(in, url) || url.empty()) {
        std::cerr << "no URL in " << argv[1] << "\n";
        return 1;
    }
    sfcpp::auth::client_credentials app{
        .login_url = url, .client_id = "sfcpp-emulator-client", .client_secret = "sfcpp-emulator-secret"};
    auto transport = std::make_shared<sfcpp::http::transport>();
    auto session = std::make_shared<sfcpp::auth::session>(transport, app);
    sfcpp::client sf(session);
    const auto soql = sfcpp::http::url_encode("SELECT Name FROM Account WHERE Industry = 'Banking'");
    const auto result = sf.call(sfcpp::http::verb::get, "query?q=" + soql);
    const auto& records = result.at("records").as_array();
    if (result.at("totalSize").to_number<int>() != 1 || records.at(0).at("Name").as_string() != "Fixture One") {
        std::cerr << "unexpected query result: " << boost::json::serialize(result) << "\n";
        return 1;
    }
    std::cout << "logged in at " << url << " and found the seeded Account\n";
    return 0;
} catch (const std::exception& e) {
    std::cerr << "fixture client: " << e.what() << "\n";
    return 1;
}
