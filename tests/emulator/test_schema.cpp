// The schema: the embedded default (describe/ compiled in) and folders, whose files' modification
// times are the Last-Modified of /describe.
#include "test_support.hpp"

#include <sfcpp_emulator/schema.hpp>

#include <unistd.h>

#include <chrono>
#include <filesystem>

using namespace emu_test;
namespace fs = std::filesystem;

namespace {

// A copy of describe/ that a test may touch.
struct schema_copy {
    fs::path dir = fs::temp_directory_path() / ("sfcpp-emulator-mtime-" + std::to_string(::getpid()));
    schema_copy() {
        fs::create_directories(dir);
        for (const auto& e : fs::directory_iterator(SFCPP_EMULATOR_DESCRIBE_DIR))
            if (e.path().extension() == ".json")
                fs::copy_file(e.path(), dir / e.path().filename(), fs::copy_options::overwrite_existing);
    }
    ~schema_copy() {
        std::error_code ec;
        fs::remove_all(dir, ec);
    }
    void touch(const std::string& file, std::chrono::sys_seconds when) const {
        fs::last_write_time(dir / file, std::chrono::file_clock::from_sys(when));
    }
};

std::chrono::sys_seconds at(std::chrono::year_month_day day, std::chrono::seconds time_of_day) {
    return std::chrono::sys_seconds{std::chrono::sys_days{day}} + time_of_day;
}

const std::string contact_describe = data + "/sobjects/Contact/describe";

}  // namespace

TEST_CASE("the embedded schema holds the describe/ files") {
    using sfcpp_emulator::schema;
    const schema embedded = schema::load_default();
    const schema files = schema::load_dir(SFCPP_EMULATOR_DESCRIBE_DIR);
    REQUIRE(embedded.objects().size() == files.objects().size());
    for (const auto& o : files.objects()) {
        const auto* e = embedded.find(o->name());
        REQUIRE_MESSAGE(e, o->name());
        CHECK(e->describe.raw == o->describe.raw);
        CHECK(e->last_modified == schema::fixed_last_modified);
    }
    CHECK(schema::load({}).objects().size() == embedded.objects().size());
}

TEST_CASE("the default org serves the embedded schema with a fixed Last-Modified") {
    org o;
    auto r = o.http->get(contact_describe);
    REQUIRE(r.status == 200);
    CHECK(r.header("last-modified") == "Mon, 01 Jan 2024 00:00:00 GMT");
    CHECK(o.http->get(contact_describe, {{"If-Modified-Since", "Mon, 01 Jan 2024 00:00:00 GMT"}}).status == 304);
}

TEST_CASE("Last-Modified of a schema folder is the describe file's modification time") {
    using namespace std::chrono;
    schema_copy schema;
    sfcpp_emulator::options opts;
    opts.schema_dir = schema.dir;
    const std::string march = "Tue, 05 Mar 2024 10:00:00 GMT", june = "Sat, 01 Jun 2024 08:30:15 GMT";

    schema.touch("Contact.json", at(2024y / March / 5, 10h));
    {
        org o(opts);
        auto r = o.http->get(contact_describe);
        REQUIRE(r.status == 200);
        CHECK(r.header("last-modified") == march);
        CHECK(o.http->get(contact_describe, {{"If-Modified-Since", march}}).status == 304);
        CHECK(o.http->get(contact_describe, {{"If-Modified-Since", "Mon, 04 Mar 2024 10:00:00 GMT"}}).status == 200);
    }

    // The file changes; the restarted emulator tells a client that cached the March copy.
    schema.touch("Contact.json", at(2024y / June / 1, 8h + 30min + 15s));
    org o(opts);
    auto r = o.http->get(contact_describe, {{"If-Modified-Since", march}});
    CHECK(r.status == 200);
    CHECK(r.header("last-modified") == june);
    CHECK(r.json().at("name") == std::string("Contact"));
    r = o.http->get(contact_describe, {{"If-Modified-Since", june}});
    CHECK(r.status == 304);
    CHECK(r.header("last-modified") == june);
}
