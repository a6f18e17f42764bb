// OAuth against servers that misbehave: device-flow intervals that would poll forever or sleep for
// years, token endpoints whose error answers hold tokens, and authorization redirects that are
// malformed or hostile. Each case talks HTTP over loopback to a local_servers.hpp server.
#include "local_servers.hpp"
#include "support.hpp"

#include <atomic>
#include <chrono>
#include <stdexcept>

using namespace client_test;
using namespace std::chrono_literals;
namespace auth = sfcpp::auth;
namespace http = sfcpp::http;

namespace {

bool contains(std::string_view text, std::string_view part) { return text.find(part) != std::string_view::npos; }

// ---- device flow --------------------------------------------------------------------------------

// A token endpoint for the device flow: the authorization answer carries `interval` (raw JSON
// text; empty: absent) and `extra` members; every poll is refused with `poll_error`.
class device_server {
public:
    explicit device_server(std::string interval, std::string extra = {}, std::string poll_error = "authorization_pending")
        : interval_(std::move(interval)), extra_(std::move(extra)), poll_error_(std::move(poll_error)) {}

    std::string url() const { return srv_.url(); }
    int polls() const { return polls_.load(); }
    std::function<void()> on_poll;  // runs on the server's thread, before each poll is answered

private:
    void answer(const local_http_server::request& rq, local_http_server::response& rs) {
        if (contains(rq.body(), "response_type=device_code")) {
            rs.body() = R"({"device_code":"DEV-CODE-1","user_code":"ABCD-EFGH","verification_uri":"https://example.test/setup/connect")";
            if (!interval_.empty()) rs.body() += R"(,"interval":)" + interval_;
            rs.body() += extra_ + "}";
            return;
        }
        ++polls_;
        if (on_poll) on_poll();
        rs.result(400);
        rs.body() = R"({"error":")" + poll_error_ + R"(","error_description":"not yet"})";
    }

    std::string interval_, extra_, poll_error_;
    std::atomic<int> polls_{0};
    local_http_server srv_{[this](const auto& rq, auto& rs) { answer(rq, rs); }};  // last: its threads use the members above
};

// Time for the device flow under test: `wait` records the wait and moves the clock on, so the
// test waits for nothing. A flow that never stops polling fails the test instead of hanging it.
struct fake_time {
    std::atomic<std::chrono::steady_clock::rep> ticks{0};
    std::vector<std::chrono::seconds> waits;

    std::chrono::steady_clock::time_point now() const {
        return std::chrono::steady_clock::time_point(std::chrono::steady_clock::duration(ticks.load()));
    }
    void advance(std::chrono::seconds s) { ticks += std::chrono::duration_cast<std::chrono::steady_clock::duration>(s).count(); }
    std::chrono::seconds elapsed() const {
        return std::chrono::duration_cast<std::chrono::seconds>(now() - std::chrono::steady_clock::time_point{});
    }

    void install(auth::device_flow& df) {
        df.now = [this] { return now(); };
        df.wait = [this](std::chrono::seconds s) {
            waits.push_back(s);
            advance(s);
            if (waits.size() > 5'000) throw std::runtime_error("the device flow keeps polling");
        };
    }
};

auth::device_flow flow_for(const device_server& ds) {
    auth::device_flow df;
    df.login_url = ds.url();
    df.client_id = "device-app";
    return df;
}

std::string poll_error_code(const auth::device_flow& df, http::transport& t, const auth::device_authorization& d) {
    try {
        df.poll(t, d);
    } catch (const sfcpp::auth_error& e) {
        return std::string(e.error_code());
    }
    return "no error";
}

bool all_equal(const std::vector<std::chrono::seconds>& v, std::chrono::seconds x) {
    return std::all_of(v.begin(), v.end(), [&](auto s) { return s == x; });
}

}  // namespace

TEST_CASE("device flow: an interval of 0, -5 or 10^12 is clamped to [1 s, 60 s]; polling ends by the deadline") {
    struct row {
        std::string interval;  // as the server writes it
        std::chrono::seconds used;
    };
    for (const row& r : {row{"0", 1s}, row{"-5", 1s}, row{"1000000000000", 60s}, row{"", 5s}, row{"2.5", 3s},
                         row{"99999999999999999999", 60s}}) {
        CAPTURE(r.interval);
        device_server ds(r.interval);
        http::transport t;
        auto df = flow_for(ds);
        df.give_up_after = 180s;
        fake_time ft;
        ft.install(df);
        const auto d = df.start(t);
        CHECK(d.interval == r.used);
        CHECK(poll_error_code(df, t, d) == "expired_token");
        CHECK(ft.elapsed() <= 180s);  // never waits past the deadline
        CHECK(all_equal(ft.waits, r.used));
        CHECK(ft.waits.size() == static_cast<std::size_t>(180s / r.used));
        CHECK(ds.polls() == static_cast<int>(ft.waits.size()) + 1);
    }
}

TEST_CASE("device flow: slow_down adds 5 s to the interval, up to the 60 s cap") {
    device_server ds("5", {}, "slow_down");
    http::transport t;
    auto df = flow_for(ds);
    df.give_up_after = 600s;
    fake_time ft;
    ft.install(df);
    CHECK(poll_error_code(df, t, df.start(t)) == "expired_token");
    std::vector<std::chrono::seconds> expected;
    for (auto s = 10s; s <= 60s; s += 5s) expected.push_back(s);  // 10 + 15 + ... + 60 = 385 s
    for (int i = 0; i < 3; ++i) expected.push_back(60s);         // 445, 505, 565; 625 is past 600
    CHECK(ft.waits == expected);
    CHECK(ft.elapsed() == 565s);
}

TEST_CASE("device flow: expires_in of the device authorization ends polling before give_up_after") {
    device_server ds("5", R"(,"expires_in":30)");
    http::transport t;
    auto df = flow_for(ds);
    df.give_up_after = 600s;
    fake_time ft;
    ft.install(df);
    const auto d = df.start(t);
    CHECK(poll_error_code(df, t, d) == "expired_token");
    CHECK(ft.waits == std::vector<std::chrono::seconds>(6, 5s));
    CHECK(ft.elapsed() == 30s);

    SUBCASE("the earlier of the two wins: give_up_after before expires_in") {
        device_server late("5", R"(,"expires_in":900)");
        auto df2 = flow_for(late);
        df2.give_up_after = 20s;
        fake_time ft2;
        ft2.install(df2);
        CHECK(poll_error_code(df2, t, df2.start(t)) == "expired_token");
        CHECK(ft2.waits == std::vector<std::chrono::seconds>(4, 5s));
    }
}

TEST_CASE("device flow: the deadline is wall-clock time, so slow polls count, not only the waits") {
    device_server ds("5");
    http::transport t;
    auto df = flow_for(ds);
    df.give_up_after = 20s;
    fake_time ft;
    ft.install(df);
    ds.on_poll = [&] { ft.advance(9s); };  // every answer takes 9 s
    CHECK(poll_error_code(df, t, df.start(t)) == "expired_token");
    // Poll at 0 s (answered at 9 s), wait 5 s, poll at 14 s (answered at 23 s): past the deadline.
    CHECK(ft.waits == std::vector<std::chrono::seconds>{5s});
    CHECK(ds.polls() == 2);
}

// ---- token endpoint answers that hold tokens ----------------------------------------------------

namespace {

const std::string access_value = "00D5e000000SECRET!AQcAQAccessTokenValue";
const std::string refresh_value = "5Aep861SecretRefreshTokenValue";

std::string token_body(const std::string& instance) {
    return R"({"access_token":")" + access_value + R"(","refresh_token":")" + refresh_value +
           R"(","signature":"c2lnbmF0dXJl","scope":"api refresh_token","instance_url":")" + instance +
           R"(","id":"https://login.salesforce.com/id/00D/005","token_type":"Bearer","issued_at":"1700000000000"})";
}

// A server answering every request with `status` and `body`.
struct fixed_server {
    int status;
    std::string body;
    std::string content_type = "application/json";
    local_http_server srv{[this](const auto&, auto& rs) {
        rs.result(status);
        rs.set(lsv::bhttp::field::content_type, content_type);
        rs.body() = body;
    }};
};

std::string login_message(auth::client_credentials app, http::transport& t, int& status) {
    try {
        app.login(t);
    } catch (const sfcpp::api_error& e) {
        status = e.status();
        return e.what();
    }
    return "no error";
}

}  // namespace

TEST_CASE("a token endpoint answering 201 or 500 with tokens in its body: the message has neither token") {
    http::transport t;
    struct row {
        int status;
        std::string body;
        std::string content_type;
    };
    const std::string form = "access_token=" + access_value + "&refresh_token=" + refresh_value + "&instance_url=x";
    for (const row& r : {row{201, "", "application/json"}, row{500, "", "application/json"},
                         row{200 + 3, "", "application/json"}, row{500, form, "application/x-www-form-urlencoded"},
                         row{502, "<html>upstream said " + form + "</html>", "text/html"}}) {
        fixed_server fs{r.status, r.body, r.content_type};
        if (fs.body.empty()) fs.body = token_body(fs.srv.url());
        CAPTURE(fs.body);
        int status = 0;
        const std::string m =
            login_message({.login_url = fs.srv.url(), .client_id = "app", .client_secret = "app-secret"}, t, status);
        CAPTURE(m);
        CHECK(status == r.status);
        CHECK(contains(m, "HTTP " + std::to_string(r.status)));
        CHECK(contains(m, "POST " + fs.srv.url() + "/services/oauth2/token"));
        CHECK_FALSE(contains(m, access_value));
        CHECK_FALSE(contains(m, refresh_value));
        CHECK_FALSE(contains(m, "SECRET"));
        CHECK_FALSE(contains(m, "c2lnbmF0dXJl"));
    }
}

TEST_CASE("device flow endpoints: an unexpected answer holding a device code or a token is never quoted") {
    http::transport t;
    SUBCASE("the device authorization answered 201") {
        fixed_server fs{201, R"({"device_code":"SECRET-DEVICE-CODE","user_code":"ABCD","verification_uri":"x"})"};
        auth::device_flow df;
        df.login_url = fs.srv.url();
        df.client_id = "app";
        try {
            df.start(t);
            FAIL("expected an api_error");
        } catch (const sfcpp::api_error& e) {
            CHECK(contains(e.what(), "HTTP 201"));
            CHECK(contains(e.what(), "/services/oauth2/token"));
            CHECK_FALSE(contains(e.what(), "SECRET-DEVICE-CODE"));
        }
    }
    SUBCASE("a poll answered 500 with a token body") {
        fixed_server fs{500, ""};
        fs.body = token_body(fs.srv.url());
        auth::device_flow df;
        df.login_url = fs.srv.url();
        df.client_id = "app";
        auth::device_authorization d;
        d.device_code = "DEV";
        d.user_code = "U";
        try {
            df.poll(t, d);
            FAIL("expected an api_error");
        } catch (const sfcpp::api_error& e) {
            CHECK(contains(e.what(), "HTTP 500"));
            CHECK_FALSE(contains(e.what(), access_value));
            CHECK_FALSE(contains(e.what(), refresh_value));
        }
    }
}

TEST_CASE("a REST error body is quoted without the values of token-like keys") {
    struct row {
        std::string body;
        std::string content_type;
        std::vector<std::string> kept, hidden;
    };
    for (const row& r : {
             row{R"({"detail":"upstream failed","access_token":"SECRET-A","nested":{"refresh_token":"SECRET-R","client_secret":"SECRET-C"}})",
                 "application/json", {"upstream failed", "access_token"}, {"SECRET-A", "SECRET-R", "SECRET-C"}},
             row{"<html><body>oops: password=SECRET-P&code=SECRET-CODE&id_token=SECRET-I more</body></html>", "text/html",
                 {"oops", "more"}, {"SECRET-P", "SECRET-CODE", "SECRET-I"}},
             row{R"({"sessionId" : "SECRET-S", "assertion":"SECRET-AS\"still", "status" : "X"})", "application/json",
                 {"sessionId"}, {"SECRET-S", "SECRET-AS", "still"}},
             row{"Authorization: Bearer SECRET-BEARER\nsignature=SECRET-SIG;", "text/plain", {"Authorization"},
                 {"SECRET-BEARER", "SECRET-SIG"}},
             row{R"({"token":{"value":"SECRET-N","more":["SECRET-M"]},"kept":"yes"})", "application/json",
                 {"token", "kept", "yes"}, {"SECRET-N", "SECRET-M", "value"}},
         }) {
        CAPTURE(r.body);
        fixed_server fs{500, r.body, r.content_type};
        local_client lc(fs.srv.url());
        try {
            lc.sf->limits();
            FAIL("expected a server_error");
        } catch (const sfcpp::server_error& e) {
            const std::string m = e.what();
            CAPTURE(m);
            CHECK(contains(m, "HTTP 500"));
            for (const auto& k : r.kept) CHECK(contains(m, k));
            for (const auto& h : r.hidden) CHECK_FALSE(contains(m, h));
        }
    }
}

// ---- the authorization redirect -----------------------------------------------------------------

TEST_CASE("code_from_redirect: RFC 3986 percent-decoding, + as a space, the fragment is not part of the code") {
    CHECK(auth::code_from_redirect("http://localhost:1717/callback?code=aPrx%2Fb%3D%3D&state=st-1", "st-1") == "aPrx/b==");
    CHECK(auth::code_from_redirect("http://localhost:1717/callback?state=st-1&code=abc#_=_", "st-1") == "abc");
    CHECK(auth::code_from_redirect("http://localhost:1717/callback?code=abc&state=st-1#frag", "st-1") == "abc");
    CHECK(auth::code_from_redirect("myapp://callback?code=a+b%2Bc&state=s%20t", "s t") == "a b+c");
    CHECK(auth::code_from_redirect("http://localhost/cb?scope=api+id&code=c1&state=s", "s") == "c1");
}

TEST_CASE("code_from_redirect: malformed percent-encoding is an auth_error, not std::invalid_argument") {
    for (const char* url : {"http://localhost/cb?code=%zz&state=s", "http://localhost/cb?code=ab%4&state=s",
                            "http://localhost/cb?code=abc&state=%zz", "http://local host/cb?code=abc&state=s"}) {
        CAPTURE(url);
        CHECK_THROWS_AS(auth::code_from_redirect(url, "s"), sfcpp::auth_error);
    }
}

TEST_CASE("code_from_redirect: an empty expected state is a usage error, raised before the URL is read") {
    CHECK_THROWS_AS(auth::code_from_redirect("http://localhost/cb?code=abc", ""), http::config_error);
    CHECK_THROWS_AS(auth::code_from_redirect("http://localhost/cb?code=abc&state=", ""), http::config_error);
    CHECK_THROWS_AS(auth::code_from_redirect("http://localhost/cb?error=access_denied", ""), http::config_error);
    CHECK_THROWS_AS(auth::code_from_redirect("%zz", ""), http::config_error);
}

TEST_CASE("code_from_redirect: an OAuth error, a wrong, missing or repeated state, or no code is an auth_error") {
    try {
        auth::code_from_redirect(
            "http://localhost/cb?error=access_denied&error_description=end-user+denied+authorization&state=s", "s");
        FAIL("expected auth_error");
    } catch (const sfcpp::auth_error& e) {
        CHECK(e.error_code() == "access_denied");
        CHECK(contains(e.what(), "end-user denied authorization"));
    }
    auto code_of = [](const char* url) {
        try {
            auth::code_from_redirect(url, "s");
        } catch (const sfcpp::auth_error& e) {
            return std::string(e.error_code());
        }
        return std::string("no error");
    };
    CHECK(code_of("http://localhost/cb?code=abc&state=other") == "state_mismatch");
    CHECK(code_of("http://localhost/cb?code=abc") == "state_mismatch");
    CHECK(code_of("http://localhost/cb?code=abc&state=s&state=t") == "invalid_request");
    CHECK(code_of("http://localhost/cb?code=abc&code=def&state=s") == "invalid_request");
    CHECK(code_of("http://localhost/cb?state=s") == "invalid_request");
    CHECK(code_of("http://localhost/cb?code=&state=s") == "invalid_request");
}
