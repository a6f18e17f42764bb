#include "test_support.hpp"

#include <filesystem>
#include <random>
#include <set>
#include <thread>

using namespace emu_test;

TEST_CASE("8 connections x 500 creates lose nothing") {
    org o;
    constexpr int connections = 8, per_connection = 500;
    std::vector<std::vector<std::string>> ids(connections);
    std::vector<std::string> failures(connections);
    std::vector<std::thread> threads;
    for (int t = 0; t < connections; ++t) {
        threads.emplace_back([&, t] {
            try {
                client c(o.srv.port());
                c.token = o.http->token;
                for (int i = 0; i < per_connection; ++i) {
                    auto r = c.post(data + "/sobjects/Account",
                                    R"({"Name":"T)" + std::to_string(t) + "-" + std::to_string(i) + "\"}");
                    if (r.status != 201) { failures[t] = r.body; return; }
                    ids[t].push_back(std::string(r.json().at("id").as_string()));
                }
            } catch (const std::exception& e) {
                failures[t] = e.what();
            }
        });
    }
    for (auto& th : threads) th.join();
    std::set<std::string> unique;
    for (int t = 0; t < connections; ++t) {
        CHECK_MESSAGE(failures[t].empty(), failures[t]);
        unique.insert(ids[t].begin(), ids[t].end());
    }
    CHECK(unique.size() == connections * per_connection);
    CHECK(o.query("SELECT COUNT() FROM Account").at("totalSize") == connections * per_connection);
}

TEST_CASE("a file-backed org keeps its data across a restart") {
    std::random_device rd;
    auto path = std::filesystem::temp_directory_path() / ("sfcpp-emulator-test-" + std::to_string(rd()) + ".db");
    struct cleanup {
        std::filesystem::path p;
        ~cleanup() {
            std::error_code ec;
            for (const char* suffix : {"", "-journal", "-wal", "-shm"})
                std::filesystem::remove(p.string() + suffix, ec);
        }
    } guard{path};
    sfcpp_emulator::options opts;
    opts.db_path = path.string();
    std::string id;
    {
        org first(opts);
        id = first.create("Account", R"({"Name":"Persistent"})");
        first.create("Contact", R"({"LastName":"Kept","AccountId":")" + id + "\"}");
    }
    {
        org second(opts);
        auto r = second.http->get(data + "/sobjects/Account/" + id);
        REQUIRE(r.status == 200);
        CHECK(r.json().at("Name") == "Persistent");
        auto q = second.query("SELECT LastName, Account.Name FROM Contact");
        CHECK(q.at("records").at(0).at("Account").at("Name") == "Persistent");
        // New ids continue after the stored ones.
        std::string next = second.create("Account", R"({"Name":"After restart"})");
        CHECK(next != id);
        CHECK(second.query("SELECT COUNT() FROM Account").at("totalSize") == 2);
        CHECK(second.query("SELECT COUNT() FROM User").at("totalSize") == 1);
    }
}
