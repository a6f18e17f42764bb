// server::app(): the credentials a user's test hands to the real sfcpp client.
#include "test_support.hpp"

#include <sfcpp/client.hpp>

#include <memory>

TEST_CASE("server::app() logs the sfcpp client in with the client-credentials flow") {
    sfcpp_emulator::options opts;
    opts.client_id = "app-test-id";
    opts.client_secret = "app-test-secret";
    sfcpp_emulator::server srv(opts);
    srv.start();

    const sfcpp::auth::client_credentials app = srv.app();
    CHECK(app.login_url == srv.base_url());
    CHECK(app.client_id == "app-test-id");
    CHECK(app.client_secret.reveal() == "app-test-secret");

    auto transport = std::make_shared<sfcpp::http::transport>();
    auto session = std::make_shared<sfcpp::auth::session>(transport, app);
    sfcpp::client sf(session);
    const auto created = sf.call(sfcpp::http::verb::post, "sobjects/Account", boost::json::object{{"Name", "Via app()"}});
    CHECK(created.at("success").as_bool());
    const auto result = sf.call(sfcpp::http::verb::get, "query?q=SELECT+Name+FROM+Account");
    REQUIRE(result.at("totalSize").to_number<int>() == 1);
    CHECK(result.at("records").at(0).at("Name").as_string() == "Via app()");

    sfcpp::auth::client_credentials wrong = app;
    wrong.client_secret = "not-the-secret";
    CHECK_THROWS_AS(wrong.login(*transport), sfcpp::auth_error);
    srv.stop();
}
