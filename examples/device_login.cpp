// Device flow login, for command-line tools: show a code, the user approves in a browser, poll.
// Needs a real org (SF_LOGIN_URL, SF_CLIENT_ID of an app with the device flow enabled): the
// emulator does not implement the device flow yet, so without them the example explains and exits.
#include "example_org.hpp"

int main() try {
    if (example::env("SF_LOGIN_URL").empty()) {
        std::cout << "The device flow needs a real org: set SF_LOGIN_URL and SF_CLIENT_ID.\n";
        return 0;
    }
    auto transport = std::make_shared<sfcpp::http::transport>();
    sfcpp::auth::device_flow flow;
    flow.login_url = example::env("SF_LOGIN_URL");
    flow.client_id = example::env("SF_CLIENT_ID");

    const auto pending = flow.start(*transport);
    std::cout << "Open " << pending.verification_uri << " and enter the code " << pending.user_code << "\n";
    sfcpp::auth::token t = flow.poll(*transport, pending);  // waits at the interval the server asks for

    auto session = std::make_shared<sfcpp::auth::session>(
        transport, t, sfcpp::auth::refresh_settings{flow.login_url, flow.client_id, {}});
    sfcpp::client sf(session);
    std::cout << "logged in to " << t.instance_url << "; API usage " << (sf.limits(), sf.last_limit_info().api_used)
              << "\n";
    return 0;
} catch (const std::exception& e) {
    std::cerr << e.what() << "\n";
    return 1;
}
