// The in-process emulator in a user's own doctest suite (the example of emulator/README.md, as
// printed there): start on an ephemeral port, log in with the credentials it hands out, call it
// with the generated types, stop.
#define DOCTEST_CONFIG_IMPLEMENT_WITH_MAIN
#include <doctest/doctest.h>
#include <org_sobjects/sobjects.hpp>
#include <sfcpp/client.hpp>
#include <sfcpp/soql.hpp>
#include <sfcpp_emulator/server.hpp>

TEST_CASE("a record created in the emulated org is read back by a typed query") {
    sfcpp_emulator::server org_server{sfcpp_emulator::options{}};  // ephemeral port, in memory
    org_server.start();
    auto session = std::make_shared<sfcpp::auth::session>(std::make_shared<sfcpp::http::transport>(),
                                                          org_server.app());  // URL, client id, secret
    sfcpp::client sf(session);
    org::Account acc;
    acc.Name = "Initech";
    const sfcpp::id id = sf.create(acc);
    auto q = sfcpp::soql::select(org::Account_.Name).from(org::Account_).where(org::Account_.Id == id);
    for (const auto& row : sf.query(q)) CHECK(row.Name.value() == "Initech");
    org_server.stop();   // also done by the destructor
}
