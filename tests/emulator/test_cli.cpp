// The sfcpp-emulator executable: first stdout line, serving, clean shutdown on SIGTERM; --detach,
// --url-file, --pid-file and --stop as a CTest fixture uses them; --seed and --schema.
#include "test_support.hpp"

#include <poll.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <csignal>
#include <cstdio>
#include <filesystem>
#include <vector>

using namespace emu_test;
namespace fs = std::filesystem;

namespace {

struct run_result {
    int status = -1;     // exit status; -1 when it did not exit normally
    std::string output;  // stdout and stderr
};

// Runs sfcpp-emulator to completion. Output is read until every writer closed it: a detached
// server that kept the pipe would hold this (and ctest) for 30 s, then fail the test.
run_result run(const std::vector<std::string>& args) {
    int out[2];
    REQUIRE(pipe(out) == 0);
    pid_t pid = fork();
    REQUIRE(pid >= 0);
    if (pid == 0) {
        dup2(out[1], 1);
        dup2(out[1], 2);
        close(out[0]);
        close(out[1]);
        std::vector<char*> argv{const_cast<char*>(SFCPP_EMULATOR_EXE)};
        for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
        argv.push_back(nullptr);
        execv(SFCPP_EMULATOR_EXE, argv.data());
        _exit(127);
    }
    close(out[1]);
    run_result r;
    pollfd p{out[0], POLLIN, 0};
    char buf[512];
    while (poll(&p, 1, 30000) > 0) {
        const ssize_t n = read(out[0], buf, sizeof buf);
        if (n <= 0) break;
        r.output.append(buf, static_cast<std::size_t>(n));
    }
    close(out[0]);
    int status = 0;
    REQUIRE(waitpid(pid, &status, 0) == pid);
    if (WIFEXITED(status)) r.status = WEXITSTATUS(status);
    return r;
}

std::string read_file(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::stringstream buf;
    buf << in.rdbuf();
    return buf.str();
}

unsigned short port_of(const std::string& url) {
    return static_cast<unsigned short>(std::stoi(url.substr(url.rfind(':') + 1)));
}

struct temp_dir {
    fs::path path = fs::temp_directory_path() / ("sfcpp-emulator-cli-" + std::to_string(::getpid()));
    temp_dir() { fs::create_directories(path); }
    ~temp_dir() {
        std::error_code ec;
        fs::remove_all(path, ec);
    }
};

// Orphans (the detached server) become our children, so that the test can reap them and see
// their exit status.
struct subreaper {
    subreaper() { prctl(PR_SET_CHILD_SUBREAPER, 1); }
    ~subreaper() { prctl(PR_SET_CHILD_SUBREAPER, 0); }
};

std::string token_for(client& c, const std::string& id = "sfcpp-emulator-client",
                      const std::string& secret = "sfcpp-emulator-secret") {
    auto r = c.form("/services/oauth2/token", "grant_type=client_credentials&client_id=" + id + "&client_secret=" + secret);
    REQUIRE_MESSAGE(r.status == 200, r.body);
    return std::string(r.json().at("access_token").as_string());
}

}  // namespace

TEST_CASE("sfcpp-emulator --port 0 prints its URL and stops on SIGTERM") {
    int out[2];
    REQUIRE(pipe(out) == 0);
    pid_t pid = fork();
    REQUIRE(pid >= 0);
    if (pid == 0) {
        dup2(out[1], 1);
        close(out[0]);
        close(out[1]);
        execl(SFCPP_EMULATOR_EXE, SFCPP_EMULATOR_EXE, "--port", "0", "--client-id", "cli-id", "--client-secret",
              "cli-secret", static_cast<char*>(nullptr));
        _exit(127);
    }
    close(out[1]);
    std::string line;
    char c;
    while (read(out[0], &c, 1) == 1 && c != '\n') line += c;
    close(out[0]);
    REQUIRE(line.starts_with("listening on http://127.0.0.1:"));
    auto port = static_cast<unsigned short>(std::stoi(line.substr(line.rfind(':') + 1)));
    CHECK(port != 0);
    {
        client c(port);
        c.token = token_for(c, "cli-id", "cli-secret");
        auto q = c.get(data + "/query?q=SELECT+COUNT()+FROM+Account");
        CHECK(q.status == 200);
        CHECK(q.json().at("totalSize") == 0);
    }
    REQUIRE(kill(pid, SIGTERM) == 0);
    int status = 0;
    REQUIRE(waitpid(pid, &status, 0) == pid);
    CHECK(WIFEXITED(status));
    CHECK(WEXITSTATUS(status) == 0);
}

TEST_CASE("sfcpp-emulator --detach serves in the background until --stop") {
    temp_dir tmp;
    subreaper reaper;
    const fs::path url_file = tmp.path / "org.url", pid_file = tmp.path / "org.pid";
    auto started = run({"--detach", "--port", "0", "--url-file", url_file, "--pid-file", pid_file, "--client-id",
                        "fixture-id", "--client-secret", "fixture-secret-text"});
    REQUIRE_MESSAGE(started.status == 0, started.output);
    // The files are complete when the starter returns; the output names the client id, not the secret.
    const std::string url_line = read_file(url_file);
    REQUIRE(url_line.ends_with("\n"));
    const std::string url = url_line.substr(0, url_line.size() - 1);
    CHECK(url.starts_with("http://127.0.0.1:"));
    CHECK(started.output.find("listening on " + url + "\n") == 0);
    CHECK(started.output.find("client id fixture-id") != std::string::npos);
    CHECK(started.output.find("fixture-secret-text") == std::string::npos);
    CHECK(started.output.find("password") == std::string::npos);
    const pid_t server_pid = std::stoi(read_file(pid_file));
    CHECK(server_pid > 1);
    CHECK(getsid(server_pid) == server_pid);  // a session of its own
    for (const auto& e : fs::directory_iterator(tmp.path))
        CHECK_MESSAGE(e.path().filename().string().find(".tmp") == std::string::npos, e.path());
    {
        client c(port_of(url));
        c.token = token_for(c, "fixture-id", "fixture-secret-text");
        CHECK(c.get(data + "/query?q=SELECT+COUNT()+FROM+Account").status == 200);
    }

    auto stopped = run({"--stop", pid_file});
    CHECK_MESSAGE(stopped.status == 0, stopped.output);
    CHECK_FALSE(fs::exists(pid_file));
    CHECK_FALSE(fs::exists(url_file));
    int status = 0;
    REQUIRE(waitpid(server_pid, &status, WNOHANG) == server_pid);  // already gone when --stop returned
    CHECK(WIFEXITED(status));
    CHECK(WEXITSTATUS(status) == 0);
}

TEST_CASE("sfcpp-emulator --stop leaves a process it did not start alone") {
    temp_dir tmp;
    const fs::path pid_file = tmp.path / "stale.pid";
    // A pid file naming this test process: not an emulator, so no signal.
    std::ofstream(pid_file) << getpid() << "\n";
    auto r = run({"--stop", pid_file});
    CHECK_MESSAGE(r.status == 0, r.output);
    CHECK(r.output.find("not running") != std::string::npos);
    CHECK_FALSE(fs::exists(pid_file));

    // A process that has ended.
    pid_t gone = fork();
    REQUIRE(gone >= 0);
    if (gone == 0) _exit(0);
    REQUIRE(waitpid(gone, nullptr, 0) == gone);
    std::ofstream(pid_file) << gone << "\n";
    CHECK(run({"--stop", pid_file}).status == 0);
    CHECK_FALSE(fs::exists(pid_file));

    auto missing = run({"--stop", pid_file});
    CHECK(missing.status == 0);
    CHECK(missing.output.find("nothing to stop") != std::string::npos);

    std::ofstream(pid_file) << "garbage\n";
    CHECK(run({"--stop", pid_file}).status == 1);
}

TEST_CASE("sfcpp-emulator --detach fails in the foreground when the server cannot start") {
    temp_dir tmp;
    const fs::path url_file = tmp.path / "org.url";
    auto r = run({"--detach", "--schema", (tmp.path / "missing").string(), "--url-file", url_file});
    CHECK(r.status == 1);
    CHECK(r.output.find("schema directory not found") != std::string::npos);
    CHECK_FALSE(fs::exists(url_file));
}

TEST_CASE("sfcpp-emulator --schema and --seed") {
    temp_dir tmp;
    subreaper reaper;
    const fs::path schema = tmp.path / "schema", seed = tmp.path / "seed.json";
    fs::create_directories(schema);
    fs::copy_file(fs::path(SFCPP_EMULATOR_DESCRIBE_DIR) / "Account.json", schema / "Account.json");
    std::ofstream(seed) << R"({"Account": [{"Name": "Seeded One"}, {"Name": "Seeded Two"}]})";
    const fs::path url_file = tmp.path / "org.url", pid_file = tmp.path / "org.pid";
    auto started = run({"--detach", "--schema", schema, "--seed", seed, "--url-file", url_file, "--pid-file", pid_file});
    REQUIRE_MESSAGE(started.status == 0, started.output);
    {
        std::string url = read_file(url_file);
        client c(port_of(url.substr(0, url.size() - 1)));
        c.token = token_for(c);
        auto q = c.get(data + "/query?q=SELECT+Name+FROM+Account+ORDER+BY+Name");
        REQUIRE(q.status == 200);
        CHECK(q.json().at("totalSize") == 2);
        CHECK(q.json().at("records").at(0).at("Name") == std::string("Seeded One"));
        auto objects = c.get(data + "/sobjects").json().at("sobjects").as_array();
        REQUIRE(objects.size() == 1);  // only the schema folder's object
        CHECK(objects[0].at("name") == std::string("Account"));
        CHECK(c.get(data + "/sobjects/Contact/describe").status == 404);
    }
    const pid_t server_pid = std::stoi(read_file(pid_file));
    CHECK(run({"--stop", pid_file}).status == 0);
    CHECK(waitpid(server_pid, nullptr, WNOHANG) == server_pid);

    // A seed naming an object the schema does not have is refused at startup.
    std::ofstream(seed) << R"({"Contact": [{"LastName": "Nope"}]})";
    auto refused = run({"--detach", "--schema", schema, "--seed", seed});
    CHECK(refused.status == 1);
    CHECK(refused.output.find("unknown sObject Contact") != std::string::npos);
}
