// OAuth flows against the emulator, the session's refresh rules, and redaction of secrets.
#include "keys.hpp"
#include "support.hpp"

#include <sstream>
#include <thread>

using namespace client_test;
namespace auth = sfcpp::auth;
namespace http = sfcpp::http;

template <class T>
std::string printed(const T& x) {
    std::ostringstream os;
    os << x;
    return os.str();
}

TEST_CASE("client credentials: token goes to instance_url and never prints") {
    org o;
    auth::token t = o.app().login(*o.transport);
    CHECK(t.instance_url == o.srv->base_url());
    CHECK_FALSE(t.access_token.empty());
    const std::string text = printed(t);
    CHECK(text.find(t.access_token.reveal()) == std::string::npos);
    CHECK(text.find("<redacted>") != std::string::npos);
    CHECK(printed(auth::secret("hunter2")) == "<redacted>");

    o.sf->limits();  // the session logs in lazily
    const std::string s = printed(*o.session);
    CHECK(s.find(o.srv->base_url()) != std::string::npos);
    CHECK(s.find(o.session->current().access_token.reveal()) == std::string::npos);
}

TEST_CASE("a refused login is an auth_error without the secret in its message") {
    org o;
    auto bad = o.app();
    bad.client_secret = "wrong-secret-value";
    try {
        bad.login(*o.transport);
        FAIL("expected auth_error");
    } catch (const sfcpp::auth_error& e) {
        CHECK(e.error_code() == "invalid_client");
        CHECK(std::string(e.what()).find("wrong-secret-value") == std::string::npos);
    }
}

TEST_CASE("username-password (legacy)") {
    org o;
    auth::username_password up{.login_url = o.srv->base_url(), .client_id = o.opts.client_id,
                               .client_secret = o.opts.client_secret, .username = o.opts.username,
                               .password = o.opts.password};
    CHECK_FALSE(up.login(*o.transport).access_token.empty());
    up.password = "nope";
    CHECK_THROWS_AS(up.login(*o.transport), sfcpp::auth_error);
}

TEST_CASE("JWT bearer: RS256 assertion signed from a PEM key") {
    key_and_cert kc;
    sfcpp_emulator::options opts;
    opts.jwt_cert = kc.cert_file;
    org o(opts);
    auth::jwt_bearer jwt;
    jwt.login_url = o.srv->base_url();
    jwt.client_id = o.opts.client_id;
    jwt.username = o.opts.username;
    jwt.private_key_pem = kc.private_key_pem();
    const std::string a = jwt.assertion();
    CHECK(std::count(a.begin(), a.end(), '.') == 2);
    auto t = jwt.login(*o.transport);
    CHECK(t.instance_url == o.srv->base_url());

    auth::session s(o.transport, jwt);
    sfcpp::client sf(std::make_shared<auth::session>(o.transport, jwt));
    CHECK(sf.limits().count("DailyApiRequests"));

    auto wrong_user = jwt;
    wrong_user.username = "someone@else";
    CHECK_THROWS_AS(wrong_user.login(*o.transport), sfcpp::auth_error);
    auto bad_key = jwt;
    bad_key.private_key_pem = "not a key";
    try {
        bad_key.login(*o.transport);
        FAIL("expected key_error");
    } catch (const http::crypto::key_error& e) {
        CHECK(std::string(e.what()).find("not a key") == std::string::npos);
    }
}

TEST_CASE("web server flow with PKCE, then refresh on expiry keeping the refresh token") {
    org o;
    const auto pk = auth::pkce::generate();
    const std::string state = auth::new_state();
    auth::authorize_request ar;
    ar.login_url = o.srv->base_url();
    ar.client_id = o.opts.client_id;
    ar.redirect_uri = "http://localhost:1717/callback";
    ar.state = state;
    ar.code_challenge = pk.challenge;
    const std::string url = auth::authorize_url(ar);
    CHECK(url.find("code_challenge_method=S256") != std::string::npos);
    // The emulator approves at once: its redirect is what the browser would be sent to.
    auto res = o.transport->send({http::verb::get, url, {}, {}});
    REQUIRE(res.status == 302);
    const std::string code = auth::code_from_redirect(res.header("Location"), state);
    CHECK_THROWS_AS(auth::code_from_redirect(res.header("Location"), "other-state"), sfcpp::auth_error);

    auth::authorization_code exchange;
    exchange.login_url = o.srv->base_url();
    exchange.client_id = o.opts.client_id;
    exchange.redirect_uri = ar.redirect_uri;
    exchange.code = code;
    exchange.code_verifier = pk.verifier;
    auth::token t = exchange.login(*o.transport);
    REQUIRE_FALSE(t.refresh_token.empty());
    const auth::secret refresh = t.refresh_token;

    auto store = std::make_shared<auth::memory_token_store>();
    auto s = std::make_shared<auth::session>(
        o.transport, t, auth::refresh_settings{o.srv->base_url(), o.opts.client_id, o.opts.client_secret}, store);
    sfcpp::client sf(s, org::fast_retries());
    sf.limits();
    o.srv->org().expire_all_tokens();
    sf.limits();  // 401 INVALID_SESSION_ID -> refresh_token grant -> retried
    CHECK(s->refresh_count() == 1);
    CHECK(s->current().refresh_token == refresh);  // not rotated by the server: kept
    CHECK_FALSE(s->current().access_token == t.access_token);
    REQUIRE(store->load());
    CHECK(store->load()->access_token == s->current().access_token);
}

TEST_CASE("an expired token without any way to renew fails clearly") {
    org o;
    auth::token stale;
    stale.access_token = "00D000000000001!expired";
    stale.instance_url = o.srv->base_url();
    sfcpp::client sf(std::make_shared<auth::session>(o.transport, stale, auth::refresh_settings{}));
    try {
        sf.limits();
        FAIL("expected auth_error");
    } catch (const sfcpp::auth_error& e) {
        CHECK(e.error_code() == "INVALID_SESSION_ID");
        CHECK(std::string(e.what()).find("00D000000000001!expired") == std::string::npos);
    }
}

TEST_CASE("token expiry mid-run: many threads, one refresh") {
    org o;
    auto& sf = *o.sf;
    sf.limits();
    o.srv->org().expire_all_tokens();
    std::vector<std::thread> threads;
    std::atomic<int> ok{0};
    for (int i = 0; i < 8; ++i)
        threads.emplace_back([&] {
            sf.limits();
            ++ok;
        });
    for (auto& t : threads) t.join();
    CHECK(ok == 8);
    CHECK(o.session->refresh_count() == 1);
}

TEST_CASE("token expiry between query pages is refreshed transparently") {
    org o;
    auto& sf = *o.sf;
    std::vector<sobjects::Account> accs(450);
    for (std::size_t i = 0; i < accs.size(); ++i) accs[i].Name = "P" + std::to_string(1000 + i);
    sf.create(accs);
    auto range = sf.query<sobjects::Account>("SELECT Id, Name FROM Account ORDER BY Name", {.batch_size = 200});
    std::size_t n = 0;
    for (const auto& a : range) {
        if (n == 100) o.srv->org().expire_all_tokens();
        CHECK(a.Name.value() == "P" + std::to_string(1000 + n));
        ++n;
    }
    CHECK(n == 450);
    CHECK(range.pages_fetched() == 3);
    CHECK(o.session->refresh_count() == 1);
}

TEST_CASE("device flow: start, show the code, poll while pending, token once the user approves") {
    sfcpp_emulator::options eo;
    eo.device_interval = std::chrono::seconds(0);  // no slow_down: the test does not really wait
    org o(eo);
    auth::device_flow df;
    df.login_url = o.srv->base_url();
    df.client_id = o.opts.client_id;
    auto d = df.start(*o.transport);
    CHECK(d.user_code.size() == 8);
    CHECK(d.verification_uri == o.srv->base_url() + "/setup/connect");
    CHECK(d.interval == std::chrono::seconds(1));  // the server's 0, raised to the 1 s minimum

    // The user approves while the app waits for the second time: no real waiting in the test.
    std::vector<std::chrono::seconds> waits;
    df.wait = [&](std::chrono::seconds s) {
        waits.push_back(s);
        if (waits.size() == 2) CHECK(o.srv->approve_device(d.user_code));
    };
    auto t = df.poll(*o.transport, d);
    CHECK_FALSE(t.access_token.empty());
    CHECK_FALSE(t.refresh_token.empty());
    CHECK(t.instance_url == o.srv->base_url());
    CHECK(waits == std::vector<std::chrono::seconds>{std::chrono::seconds(1), std::chrono::seconds(1)});

    // The token works, and the session renews it with the refresh token it came with.
    auto s = std::make_shared<auth::session>(o.transport, t,
                                             auth::refresh_settings{o.srv->base_url(), o.opts.client_id, o.opts.client_secret});
    sfcpp::client sf(s);
    CHECK(sf.limits().count("DailyApiRequests") == 1);
    o.srv->org().expire_all_tokens();
    CHECK(sf.limits().count("DailyApiRequests") == 1);
    CHECK(s->refresh_count() == 1);
}

TEST_CASE("device flow: slow_down adds 5 seconds to the interval; the flow gives up in time") {
    sfcpp_emulator::options eo;
    eo.device_interval = std::chrono::seconds(2);  // every poll of this test comes too soon
    org o(eo);
    auth::device_flow df;
    df.login_url = o.srv->base_url();
    df.client_id = o.opts.client_id;
    df.give_up_after = std::chrono::seconds(20);
    std::vector<std::chrono::seconds> waits;
    df.wait = [&](std::chrono::seconds s) { waits.push_back(s); };
    auto d = df.start(*o.transport);
    CHECK(d.interval == std::chrono::seconds(2));
    try {
        df.poll(*o.transport, d);
        FAIL("expected auth_error");
    } catch (const sfcpp::auth_error& e) {
        CHECK(e.error_code() == "expired_token");
    }
    // 7 + 12 s waited; a third wait of 17 s would end past the 20 s: the flow gives up instead.
    CHECK(waits == std::vector<std::chrono::seconds>{std::chrono::seconds(7), std::chrono::seconds(12)});
}

TEST_CASE("device flow: a denied request is an auth_error, a spent code too") {
    sfcpp_emulator::options eo;
    eo.device_interval = std::chrono::seconds(0);
    org o(eo);
    auth::device_flow df;
    df.login_url = o.srv->base_url();
    df.client_id = o.opts.client_id;
    auto d = df.start(*o.transport);
    int waits = 0;
    df.wait = [&](std::chrono::seconds) {
        if (++waits == 1) CHECK(o.srv->deny_device(d.user_code));
    };
    try {
        df.poll(*o.transport, d);
        FAIL("expected auth_error");
    } catch (const sfcpp::auth_error& e) {
        CHECK(e.error_code() == "access_denied");
        CHECK(std::string(e.what()).find(d.device_code.reveal()) == std::string::npos);
    }
    CHECK(waits == 1);

    auth::device_flow other = df;
    other.client_id = "someone-else";
    CHECK_THROWS_AS(other.start(*o.transport), sfcpp::auth_error);
}
