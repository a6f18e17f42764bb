// sfcpp-codegen --org against the emulator over loopback: selection, --list, snapshots and
// If-Modified-Since, retries, failures that write nothing, bad credentials, and generation from
// the snapshot without credentials.
#include "keys.hpp"          // tests/client: an RSA key and certificate for JWT bearer
#include "tls_fixture.hpp"   // tests/emulator: a CA and server certificate for HTTPS

#include <sfcpp/auth.hpp>
#include <sfcpp/describe.hpp>
#include <sfcpp/http/transport.hpp>
#include <sfcpp_emulator/server.hpp>

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include <doctest/doctest.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

extern char** environ;

namespace fs = std::filesystem;

namespace {

std::string slurp(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::ostringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

// A folder under the system's temporary folder, removed with everything in it.
struct temp_dir {
    fs::path path;
    temp_dir() {
        std::string tmpl = (fs::temp_directory_path() / "sfcpp-codegen-org-XXXXXX").string();
        REQUIRE(mkdtemp(tmpl.data()) != nullptr);
        path = tmpl;
    }
    ~temp_dir() {
        std::error_code ec;
        fs::remove_all(path, ec);
    }
    fs::path operator/(const std::string& s) const { return path / s; }
};

struct run_result {
    int code = -1;
    std::string out, err;
};

// Runs sfcpp-codegen with `args` and `env` in place of the SF_* variables of this process.
run_result codegen(const std::vector<std::string>& args, const std::map<std::string, std::string>& env,
                   const temp_dir& tmp) {
    std::vector<std::string> envs;
    for (char** e = environ; *e; ++e)
        if (std::string_view(*e).rfind("SF_", 0) != 0) envs.emplace_back(*e);
    for (const auto& [k, v] : env) envs.push_back(k + "=" + v);
    std::vector<char*> envp, argv;
    for (auto& e : envs) envp.push_back(e.data());
    envp.push_back(nullptr);
    std::vector<std::string> all{SFCPP_CODEGEN_EXE};
    all.insert(all.end(), args.begin(), args.end());
    for (auto& a : all) argv.push_back(a.data());
    argv.push_back(nullptr);
    const std::string out = (tmp / "stdout").string(), err = (tmp / "stderr").string();
    posix_spawn_file_actions_t fa;
    posix_spawn_file_actions_init(&fa);
    posix_spawn_file_actions_addopen(&fa, 1, out.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    posix_spawn_file_actions_addopen(&fa, 2, err.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    pid_t pid = 0;
    const int rc = posix_spawn(&pid, argv[0], &fa, nullptr, argv.data(), envp.data());
    posix_spawn_file_actions_destroy(&fa);
    REQUIRE(rc == 0);
    int status = 0;
    REQUIRE(waitpid(pid, &status, 0) == pid);
    run_result r;
    r.code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    r.out = slurp(out);
    r.err = slurp(err);
    return r;
}

std::set<std::string> files_in(const fs::path& dir) {
    std::set<std::string> out;
    for (const auto& e : fs::directory_iterator(dir)) out.insert(e.path().filename().string());
    return out;
}

const auto long_ago = fs::file_time_type::clock::now() - std::chrono::hours(24 * 365);

// Dates every file of `dir` a year back, so that a rewrite shows in its time stamp.
void age(const fs::path& dir) {
    for (const auto& e : fs::directory_iterator(dir)) fs::last_write_time(e.path(), long_ago);
}

std::set<std::string> rewritten(const fs::path& dir) {
    std::set<std::string> out;
    for (const auto& e : fs::directory_iterator(dir))
        if (fs::last_write_time(e.path()) != long_ago) out.insert(e.path().filename().string());
    return out;
}

// The emulator on a copy of the project's schema (so that a test can change a describe).
struct org {
    temp_dir schema;
    std::unique_ptr<sfcpp_emulator::server> srv;

    sfcpp_emulator::options opts;

    explicit org(sfcpp_emulator::options o = {}) : opts(std::move(o)) {
        for (const auto& e : fs::directory_iterator(SFCPP_SCHEMA_DIR))
            if (e.path().extension() == ".json") fs::copy_file(e.path(), schema / e.path().filename().string());
        age(schema.path);
        opts.schema_dir = schema.path;
        start();
    }
    void start() {
        srv = std::make_unique<sfcpp_emulator::server>(opts);
        srv->start();
    }
    void restart() {
        srv->stop();
        start();
    }
    std::map<std::string, std::string> env() const {
        const auto app = srv->app();
        return {{"SF_LOGIN_URL", app.login_url}, {"SF_CLIENT_ID", app.client_id},
                {"SF_CLIENT_SECRET", app.client_secret.reveal()}};
    }
    void fail(const std::string& path, int status, int count) {
        sfcpp_emulator::fault f;
        f.status = status;
        f.path = path;
        srv->org().inject(f, count);
    }
};

}  // namespace

TEST_CASE("objects are chosen by name, wildcard, --all and the relationships they reach") {
    org o;
    temp_dir tmp;
    auto headers = [&](std::vector<std::string> args) {
        const fs::path out = tmp / ("out" + std::to_string(std::rand()));
        args.insert(args.begin(), {"--org", "--out", out.string()});
        const auto r = codegen(args, o.env(), tmp);
        INFO(r.err);
        REQUIRE(r.code == 0);
        return files_in(out);
    };
    CHECK(headers({"--objects", "account,Contact"}) ==
          std::set<std::string>{"Account.hpp", "Contact.hpp", "sobjects.hpp"});
    CHECK(headers({"--objects", "*__c"}) == std::set<std::string>{"Custom_c.hpp", "Invoice_c.hpp", "sobjects.hpp"});
    CHECK(headers({"--all"}).size() == 12);
    CHECK(headers({"--objects", "Contact", "--parents", "1"}) ==
          std::set<std::string>{"Account.hpp", "Contact.hpp", "User.hpp", "sobjects.hpp"});

    const auto none = codegen({"--org", "--out", (tmp / "none").string(), "--objects", "Account,Nope"}, o.env(), tmp);
    CHECK(none.code == 2);
    CHECK(none.err.find("--objects names Nope, which the org does not have") != std::string::npos);
    CHECK(!fs::exists(tmp / "none"));
    const auto nothing = codegen({"--org", "--out", (tmp / "none").string(), "--objects", "Zz*"}, o.env(), tmp);
    CHECK(nothing.code == 2);
    CHECK(nothing.err.find("--objects Zz* matches no object") != std::string::npos);
}

TEST_CASE("--list prints each object with its label, custom flag and field count") {
    org o;
    temp_dir tmp;
    const auto r = codegen({"--org", "--list"}, o.env(), tmp);
    INFO(r.err);
    REQUIRE(r.code == 0);
    const auto fields = sfcpp::parse_describe(slurp(fs::path(SFCPP_SCHEMA_DIR) / "Invoice__c.json")).fields.size();
    std::istringstream lines(r.out);
    std::string header, line;
    std::getline(lines, header);
    CHECK(header.rfind("NAME", 0) == 0);
    std::map<std::string, std::string> rows;
    while (std::getline(lines, line)) rows[line.substr(0, line.find(' '))] = line;
    CHECK(rows.size() == 11);
    REQUIRE(rows.count("Invoice__c"));
    std::istringstream row(rows["Invoice__c"]);
    std::string name, label, custom, count;
    row >> name >> label >> custom >> count;
    CHECK(label == "Invoice");
    CHECK(custom == "yes");
    CHECK(count == std::to_string(fields));
    CHECK(rows["Account"].find(" no ") != std::string::npos);
}

TEST_CASE("a snapshot is refreshed with If-Modified-Since and rewrites only what changed") {
    org o;
    temp_dir tmp;
    const fs::path snap = tmp / "snap", out = tmp / "out";
    const std::vector<std::string> args{"--org", "--snapshot", snap.string(), "--out", out.string(),
                                        "--objects", "Account,Contact,User"};
    auto first = codegen(args, o.env(), tmp);
    INFO(first.err);
    REQUIRE(first.code == 0);
    CHECK(files_in(snap) == std::set<std::string>{"Account.json", "Contact.json", "User.json", "last-modified.txt"});
    // The snapshot is pretty-printed describe JSON that the generator and the emulator read.
    CHECK(sfcpp::parse_describe(slurp(snap / "Contact.json")).name == "Contact");
    CHECK(slurp(snap / "Contact.json").find("\n  \"name\": \"Contact\"") != std::string::npos);
    const std::string contact_hpp = slurp(out / "Contact.hpp");
    age(snap);
    age(out);

    SUBCASE("nothing changed: every object answers 304 and no file is touched") {
        auto again = codegen(args, o.env(), tmp);
        INFO(again.err);
        REQUIRE(again.code == 0);
        CHECK(again.err.find("3 objects: 0 described, 3 not modified") != std::string::npos);
        CHECK(rewritten(snap).empty());
        CHECK(rewritten(out).empty());
    }
    SUBCASE("one describe changed in the org: only its files are rewritten") {
        auto doc = boost::json::parse(slurp(o.schema / "Contact.json"));
        doc.as_object()["label"] = "Person";
        {
            std::ofstream f(o.schema / "Contact.json", std::ios::binary | std::ios::trunc);
            f << boost::json::serialize(doc);
        }
        o.restart();  // the emulator dates each describe by its file, read at start
        auto again = codegen(args, o.env(), tmp);
        INFO(again.err);
        REQUIRE(again.code == 0);
        CHECK(again.err.find("3 objects: 1 described, 2 not modified") != std::string::npos);
        CHECK(rewritten(snap) == std::set<std::string>{"Contact.json", "last-modified.txt"});
        CHECK(slurp(snap / "Contact.json").find("\"label\": \"Person\"") != std::string::npos);
        CHECK(rewritten(out) == std::set<std::string>{"Contact.hpp"});
        CHECK(slurp(out / "Contact.hpp") != contact_hpp);
    }
}

TEST_CASE("without credentials the snapshot is used and gives the same bytes") {
    org o;
    temp_dir tmp;
    const fs::path snap = tmp / "snap";
    const std::vector<std::string> base{"--org", "--snapshot", snap.string(), "--objects", "Contact", "--parents", "1"};
    auto with = base;
    with.insert(with.end(), {"--out", (tmp / "online").string()});
    auto online = codegen(with, o.env(), tmp);
    INFO(online.err);
    REQUIRE(online.code == 0);

    auto without = base;
    without.insert(without.end(), {"--out", (tmp / "offline").string()});
    auto offline = codegen(without, {}, tmp);
    INFO(offline.err);
    REQUIRE(offline.code == 0);
    CHECK(offline.err.find("no org credentials: generating from the snapshot") != std::string::npos);
    const auto names = files_in(tmp / "online");
    CHECK(names == files_in(tmp / "offline"));
    for (const auto& n : names) CHECK(slurp(tmp / "online" / n) == slurp(tmp / "offline" / n));
    // The plain file form over the snapshot folder writes the same headers too.
    auto files = codegen({"--out", (tmp / "files").string(), snap.string()}, {}, tmp);
    REQUIRE(files.code == 0);
    for (const auto& n : names) CHECK(slurp(tmp / "online" / n) == slurp(tmp / "files" / n));

    auto empty = codegen({"--org", "--snapshot", (tmp / "empty").string(), "--objects", "Contact", "--out",
                          (tmp / "x").string()},
                         {}, tmp);
    CHECK(empty.code == 1);
    CHECK(empty.err.find("holds no describes") != std::string::npos);
    auto plain = codegen({"--org", "--objects", "Contact", "--out", (tmp / "x").string()}, {}, tmp);
    CHECK(plain.code == 1);
    CHECK(plain.err.find("SF_LOGIN_URL") != std::string::npos);
    CHECK(!fs::exists(tmp / "x"));
}

TEST_CASE("a 429 in the middle of the describes is retried") {
    org o;
    temp_dir tmp;
    o.fail("/sobjects/Contact/describe", 429, 1);
    auto r = codegen({"--org", "--out", (tmp / "out").string(), "--objects", "Account,Contact,User"}, o.env(), tmp);
    INFO(r.err);
    CHECK(r.code == 0);
    CHECK(files_in(tmp / "out").count("Contact.hpp") == 1);
    // The fault was used up by the generator's first Contact request, not left over.
    CHECK(o.srv->org().pending_faults() == 0);
}

TEST_CASE("a describe that fails names the object and writes nothing") {
    org o;
    temp_dir tmp;
    const fs::path snap = tmp / "snap", out = tmp / "out";
    const std::vector<std::string> args{"--org", "--snapshot", snap.string(), "--out", out.string(),
                                        "--objects", "Account,Contact,User"};
    o.fail("/sobjects/Contact/describe", 500, 100);
    auto fresh = codegen(args, o.env(), tmp);
    CHECK(fresh.code == 4);
    CHECK(fresh.err.find("Contact: describe failed") != std::string::npos);
    CHECK(fresh.err.find("HTTP 500") != std::string::npos);
    CHECK(!fs::exists(snap));
    CHECK(!fs::exists(out));

    o.fail("", 0, 0);
    REQUIRE(codegen(args, o.env(), tmp).code == 0);
    age(snap);
    age(out);
    auto doc = boost::json::parse(slurp(o.schema / "Account.json"));
    doc.as_object()["label"] = "Client";
    {
        std::ofstream f(o.schema / "Account.json", std::ios::binary | std::ios::trunc);
        f << boost::json::serialize(doc);
    }
    o.restart();
    o.fail("/sobjects/User/describe", 500, 100);
    auto later = codegen(args, o.env(), tmp);
    CHECK(later.code == 4);
    CHECK(later.err.find("User: describe failed") != std::string::npos);
    // Account changed in the org, but with User failing neither its snapshot nor its header moved.
    CHECK(rewritten(snap).empty());
    CHECK(rewritten(out).empty());
}

TEST_CASE("bad credentials give a clear error that shows no secret") {
    org o;
    temp_dir tmp;
    auto env = o.env();
    env["SF_CLIENT_SECRET"] = "not-the-secret-4711";
    auto r = codegen({"--org", "--out", (tmp / "out").string(), "--objects", "Account"}, env, tmp);
    CHECK(r.code == 4);
    CHECK(r.err.find("login to " + env["SF_LOGIN_URL"] + " (client credentials) failed") != std::string::npos);
    CHECK(r.err.find("invalid_client") != std::string::npos);
    CHECK(r.err.find("not-the-secret-4711") == std::string::npos);
    CHECK(r.out.find("not-the-secret-4711") == std::string::npos);
    CHECK(!fs::exists(tmp / "out"));

    auto cli = codegen({"--org", "--client-secret", "s3cr3t", "--objects", "Account", "--out", "x"}, o.env(), tmp);
    CHECK(cli.code == 1);
    CHECK(cli.err.find("SF_CLIENT_SECRET") != std::string::npos);
    CHECK(cli.err.find("s3cr3t") == std::string::npos);
}

TEST_CASE("JWT bearer with a key file, over HTTPS with the org's CA") {
    sfcpp_test::temp_dir pki_dir;
    const auto pki = sfcpp_test::make_test_pki(pki_dir.path());
    client_test::key_and_cert jwt_key;
    temp_dir tmp;
    {
        std::ofstream f(tmp / "jwt.pem", std::ios::binary);
        f << jwt_key.private_key_pem();
    }
    sfcpp_emulator::options opts;
    opts.tls_cert = pki.cert_path;
    opts.tls_key = pki.key_path;
    opts.jwt_cert = jwt_key.cert_file;
    org o(opts);
    const auto app = o.srv->app();
    REQUIRE(app.login_url.rfind("https://", 0) == 0);
    std::map<std::string, std::string> env{{"SF_LOGIN_URL", app.login_url}, {"SF_CLIENT_ID", app.client_id},
                                           {"SF_USERNAME", o.opts.username},
                                           {"SF_PRIVATE_KEY_FILE", (tmp / "jwt.pem").string()},
                                           {"SF_CA_FILE", pki.ca_pem_path}};
    auto r = codegen({"--org", "--out", (tmp / "out").string(), "--objects", "Account"}, env, tmp);
    INFO(r.err);
    CHECK(r.code == 0);
    CHECK(r.err.find("(JWT bearer)") != std::string::npos);
    CHECK(fs::exists(tmp / "out" / "Account.hpp"));

    // Without the org's CA the certificate is not trusted: verification is on.
    env.erase("SF_CA_FILE");
    auto untrusted = codegen({"--org", "--out", (tmp / "no").string(), "--objects", "Account"}, env, tmp);
    CHECK(untrusted.code == 4);
    CHECK(untrusted.err.find("login to") != std::string::npos);
    CHECK(!fs::exists(tmp / "no"));
}

TEST_CASE("a refresh token from the web server flow logs in, and is never shown") {
    org o;
    temp_dir tmp;
    // The web server flow as a desktop app runs it; the emulator approves at once.
    auto transport = std::make_shared<sfcpp::http::transport>();
    const auto app = o.srv->app();
    const std::string state = sfcpp::auth::new_state();
    sfcpp::auth::authorize_request ar;
    ar.login_url = app.login_url;
    ar.client_id = app.client_id;
    ar.redirect_uri = "http://localhost:1717/callback";
    ar.state = state;
    auto res = transport->send({sfcpp::http::verb::get, sfcpp::auth::authorize_url(ar), {}, {}});
    REQUIRE(res.status == 302);
    sfcpp::auth::authorization_code exchange;
    exchange.login_url = app.login_url;
    exchange.client_id = app.client_id;
    exchange.client_secret = app.client_secret;
    exchange.redirect_uri = ar.redirect_uri;
    exchange.code = sfcpp::auth::code_from_redirect(res.header("Location"), state);
    const auto token = exchange.login(*transport);
    REQUIRE(!token.refresh_token.empty());

    const std::string refresh = token.refresh_token.reveal();
    auto r = codegen({"--org", "--out", (tmp / "out").string(), "--objects", "Contact"},
                     {{"SF_LOGIN_URL", app.login_url}, {"SF_CLIENT_ID", app.client_id}, {"SF_REFRESH_TOKEN", refresh}},
                     tmp);
    INFO(r.err);
    CHECK(r.code == 0);
    CHECK(r.err.find("(refresh token)") != std::string::npos);
    CHECK(r.err.find(refresh) == std::string::npos);
    CHECK(fs::exists(tmp / "out" / "Contact.hpp"));

    auto bad = codegen({"--org", "--out", (tmp / "bad").string(), "--objects", "Contact"},
                       {{"SF_LOGIN_URL", app.login_url}, {"SF_CLIENT_ID", app.client_id},
                        {"SF_REFRESH_TOKEN", "5Aep861-not-a-token"}},
                       tmp);
    CHECK(bad.code == 4);
    CHECK(bad.err.find("invalid_grant") != std::string::npos);
    CHECK(bad.err.find("5Aep861-not-a-token") == std::string::npos);
}

TEST_CASE("an object name from the org that is no API name never reaches a request path") {
    org o;
    // A lying org: its list names an object "Custom__c/../../limits" (a describe file says so).
    auto doc = boost::json::parse(slurp(o.schema / "Custom__c.json"));
    doc.as_object()["name"] = "Custom__c/../../limits";
    {
        std::ofstream f(o.schema / "Hostile.json", std::ios::binary);
        f << boost::json::serialize(doc);
    }
    o.restart();
    temp_dir tmp;
    auto r = codegen({"--org", "--out", (tmp / "out").string(), "--objects", "Custom__c*"}, o.env(), tmp);
    CHECK(r.code == 4);
    CHECK(r.err.find("Custom__c/../../limits: describe failed") != std::string::npos);
    CHECK(!fs::exists(tmp / "out"));
}
