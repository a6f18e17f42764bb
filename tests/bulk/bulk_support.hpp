// Helpers for driving Bulk API 2.0 jobs against the emulator over plain HTTP.
#pragma once

#include "test_support.hpp"  // tests/emulator: org fixture and a small HTTP client

#include <boost/json/serialize.hpp>

#include <chrono>
#include <string>
#include <thread>

namespace bulk_test {

namespace json = boost::json;
using emu_test::data;

inline std::string jobs(const std::string& kind) { return data + "/jobs/" + kind; }

// POST /jobs/ingest; returns the create response.
inline json::object create_ingest(emu_test::org& o, const json::object& body) {
    auto r = o.http->post(jobs("ingest"), json::serialize(body));
    REQUIRE_MESSAGE(r.status == 200, r.body);
    return r.json().as_object();
}

inline void upload(emu_test::org& o, const std::string& id, const std::string& csv) {
    auto r = o.http->request(boost::beast::http::verb::put, jobs("ingest") + "/" + id + "/batches", csv, {}, "text/csv");
    REQUIRE_MESSAGE(r.status == 201, r.body);
}

inline json::object close(emu_test::org& o, const std::string& id) {
    auto r = o.http->patch(jobs("ingest") + "/" + id, R"({"state":"UploadComplete"})");
    REQUIRE_MESSAGE(r.status == 200, r.body);
    return r.json().as_object();
}

// Polls job info until the state is final.
inline json::object wait_done(emu_test::org& o, const std::string& kind, const std::string& id) {
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::minutes(5);
    for (;;) {
        auto r = o.http->get(jobs(kind) + "/" + id);
        REQUIRE_MESSAGE(r.status == 200, r.body);
        auto info = r.json().as_object();
        const std::string state(info.at("state").as_string());
        if (state == "JobComplete" || state == "Failed" || state == "Aborted") return info;
        REQUIRE(std::chrono::steady_clock::now() < deadline);
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
}

inline std::string results(emu_test::org& o, const std::string& id, const std::string& which) {
    auto r = o.http->get(jobs("ingest") + "/" + id + "/" + which);
    REQUIRE_MESSAGE(r.status == 200, r.body);
    CHECK(r.header("content-type") == "text/csv");
    return r.body;
}

// Runs one ingest job to the end.
struct ingest_outcome {
    json::object info;
    std::string successes, failures, unprocessed;
};

inline ingest_outcome run_ingest(emu_test::org& o, const json::object& body, const std::string& csv) {
    const auto job = create_ingest(o, body);
    const std::string id(job.at("id").as_string());
    upload(o, id, csv);
    close(o, id);
    ingest_outcome out;
    out.info = wait_done(o, "ingest", id);
    out.successes = results(o, id, "successfulResults");
    out.failures = results(o, id, "failedResults");
    out.unprocessed = results(o, id, "unprocessedrecords");
    return out;
}

inline std::int64_t number(const json::object& o, const char* key) { return o.at(key).to_number<std::int64_t>(); }

}  // namespace bulk_test
