// SOQL date functions, GROUP BY ROLLUP/CUBE with GROUPING(), paths past polymorphic relationships, and
// the parser's robustness on the seed corpus (tests/emulator/soql_fuzz_corpus) and mutations of it.
#include "test_support.hpp"

#include <sfcpp_emulator/soql.hpp>

#include <algorithm>
#include <vector>

#include <unistd.h>

using namespace emu_test;

namespace {

struct opportunities : org {
    opportunities() {
        std::string acme = create("Account", R"({"Name":"Acme"})");
        create("Opportunity", R"({"Name":"Big","StageName":"Prospecting","CloseDate":"2024-05-01","Amount":1000,"AccountId":")" + acme + "\"}");
        create("Opportunity", R"({"Name":"Small","StageName":"Prospecting","CloseDate":"2024-06-01","Amount":10,"AccountId":")" + acme + "\"}");
        create("Opportunity", R"({"Name":"Won","StageName":"Closed Won","CloseDate":"2023-01-01","Amount":300,"AccountId":")" + acme + "\"}");
    }
};

// The records with "attributes" dropped, as compact JSON.
std::string rows(const json::value& result) {
    json::array out;
    for (const auto& r : result.at("records").as_array()) {
        json::object o;  // (object::erase would reorder the keys)
        for (const auto& kv : r.as_object())
            if (kv.key() != "attributes") o.emplace(kv.key(), kv.value());
        out.push_back(o);
    }
    return sfcpp_emulator::to_json(out);
}

std::vector<std::string> corpus() {
    std::vector<std::string> out;
    std::vector<std::filesystem::path> files;
    for (const auto& e : std::filesystem::directory_iterator(SFCPP_EMULATOR_SOQL_CORPUS_DIR)) files.push_back(e.path());
    std::sort(files.begin(), files.end());
    for (const auto& p : files) {
        std::ifstream in(p, std::ios::binary);
        std::stringstream buf;
        buf << in.rdbuf();
        out.push_back(buf.str());
    }
    return out;
}

// Parses `text`; any exception other than the emulator's own fails the test.
void parse_only_own_errors(const std::string& text) {
    try {
        (void)sfcpp_emulator::soql::parse(text);
    } catch (const sfcpp_emulator::api_exception& e) {
        if (e.error().error_code != "MALFORMED_QUERY") FAIL_CHECK("unexpected error code for: " << text);
    } catch (const std::exception& e) {
        FAIL_CHECK("parse threw " << e.what() << " for: " << text);
    }
}

}  // namespace

TEST_CASE("SOQL date functions in SELECT, WHERE, GROUP BY and ORDER BY") {
    opportunities o;
    CHECK(rows(o.query("SELECT CALENDAR_YEAR(CloseDate) yr, SUM(Amount) FROM Opportunity "
                       "GROUP BY CALENDAR_YEAR(CloseDate) ORDER BY CALENDAR_YEAR(CloseDate) DESC")) ==
          R"([{"yr":2024,"expr0":1010.0},{"yr":2023,"expr0":300.0}])");
    CHECK(rows(o.query("SELECT CALENDAR_YEAR(CloseDate), CALENDAR_MONTH(CloseDate), COUNT(Id) FROM Opportunity "
                       "GROUP BY CALENDAR_YEAR(CloseDate), CALENDAR_MONTH(CloseDate) "
                       "ORDER BY CALENDAR_YEAR(CloseDate), CALENDAR_MONTH(CloseDate)")) ==
          R"([{"expr0":2023,"expr1":1,"expr2":1},{"expr0":2024,"expr1":5,"expr2":1},{"expr0":2024,"expr1":6,"expr2":1}])");
    CHECK(rows(o.query("SELECT Name FROM Opportunity WHERE CALENDAR_MONTH(CloseDate) = 6")) == R"([{"Name":"Small"}])");
    CHECK(rows(o.query("SELECT Name FROM Opportunity WHERE CALENDAR_QUARTER(CloseDate) = 2 AND DAY_IN_MONTH(CloseDate) = 1 "
                       "AND CALENDAR_YEAR(CloseDate) IN (2024) ORDER BY Name")) == R"([{"Name":"Big"},{"Name":"Small"}])");
    // 2023-01-01 was a Sunday (1), the first day of its year.
    CHECK(rows(o.query("SELECT Name FROM Opportunity WHERE DAY_IN_WEEK(CloseDate) = 1 AND DAY_IN_YEAR(CloseDate) = 1")) ==
          R"([{"Name":"Won"}])");
    // DAY_ONLY turns a dateTime into a date: date literals apply.
    CHECK(o.query("SELECT Id FROM Opportunity WHERE DAY_ONLY(CreatedDate) = TODAY").at("totalSize") == 3);
    CHECK(o.query("SELECT Id FROM Opportunity WHERE DAY_ONLY(CreatedDate) < 2000-01-01").at("totalSize") == 0);
    auto day = o.query("SELECT DAY_ONLY(CreatedDate) d, COUNT(Id) n FROM Opportunity GROUP BY DAY_ONLY(CreatedDate)");
    REQUIRE(day.at("records").as_array().size() == 1);
    CHECK(day.at("records").at(0).at("d").as_string().size() == 10);
    CHECK(day.at("records").at(0).at("n") == 3);
    auto hour = o.query("SELECT HOUR_IN_DAY(CreatedDate) h FROM Opportunity GROUP BY HOUR_IN_DAY(CreatedDate)");
    CHECK(hour.at("records").at(0).at("h").is_int64());

    auto r = o.query_raw("SELECT CALENDAR_YEAR(CloseDate) FROM Opportunity");
    CHECK(r.status == 400);
    CHECK(r.json().at(0).at("errorCode") == "MALFORMED_QUERY");
    r = o.query_raw("SELECT CALENDAR_YEAR(Name), COUNT(Id) FROM Opportunity GROUP BY CALENDAR_YEAR(Name)");
    CHECK(r.json().at(0).at("errorCode") == "MALFORMED_QUERY");
    r = o.query_raw("SELECT Id FROM Opportunity WHERE HOUR_IN_DAY(CloseDate) = 1");  // a date has no hours
    CHECK(r.json().at(0).at("errorCode") == "MALFORMED_QUERY");
    r = o.query_raw("SELECT Id FROM Opportunity WHERE CALENDAR_YEAR(CloseDate) = '2024'");
    CHECK(r.json().at(0).at("errorCode") == "INVALID_QUERY_FILTER_OPERATOR");
}

TEST_CASE("SOQL GROUP BY ROLLUP: subtotals after their group, the grand total last") {
    opportunities o;
    CHECK(rows(o.query("SELECT StageName, SUM(Amount) total FROM Opportunity GROUP BY ROLLUP(StageName)")) ==
          R"([{"StageName":"Closed Won","total":300.0},{"StageName":"Prospecting","total":1010.0},)"
          R"({"StageName":null,"total":1310.0}])");
    CHECK(rows(o.query("SELECT StageName, Name, COUNT(Id) n, GROUPING(Name) g FROM Opportunity "
                       "GROUP BY ROLLUP(StageName, Name)")) ==
          R"([{"StageName":"Closed Won","Name":"Won","n":1,"g":0},{"StageName":"Closed Won","Name":null,"n":1,"g":1},)"
          R"({"StageName":"Prospecting","Name":"Big","n":1,"g":0},{"StageName":"Prospecting","Name":"Small","n":1,"g":0},)"
          R"({"StageName":"Prospecting","Name":null,"n":2,"g":1},{"StageName":null,"Name":null,"n":3,"g":1}])");
    // WHERE, HAVING and LIMIT apply to every grouping set.
    CHECK(rows(o.query("SELECT StageName, COUNT(Id) FROM Opportunity WHERE Amount > 50 "
                       "GROUP BY ROLLUP(StageName) HAVING COUNT(Id) > 0 LIMIT 2")) ==
          R"([{"StageName":"Closed Won","expr0":1},{"StageName":"Prospecting","expr0":1}])");
    CHECK(rows(o.query("SELECT StageName, COUNT(Id) n FROM Opportunity GROUP BY ROLLUP(StageName) ORDER BY COUNT(Id) DESC")) ==
          R"([{"StageName":null,"n":3},{"StageName":"Prospecting","n":2},{"StageName":"Closed Won","n":1}])");
    auto r = o.query_raw("SELECT StageName, COUNT(Id) FROM Opportunity GROUP BY ROLLUP(StageName) ORDER BY Name");
    CHECK(r.json().at(0).at("errorCode") == "MALFORMED_QUERY");
    r = o.query_raw("SELECT COUNT(Id) FROM Opportunity GROUP BY ROLLUP(StageName, Name, Amount, CloseDate)");
    CHECK(r.json().at(0).at("errorCode") == "MALFORMED_QUERY");
    r = o.query_raw("SELECT GROUPING(Name) FROM Opportunity GROUP BY StageName");
    CHECK(r.json().at(0).at("errorCode") == "MALFORMED_QUERY");
}

TEST_CASE("SOQL GROUP BY CUBE: every combination, with date functions") {
    opportunities o;
    CHECK(rows(o.query("SELECT StageName, CALENDAR_YEAR(CloseDate) yr, GROUPING(StageName) gs, SUM(Amount) "
                       "FROM Opportunity GROUP BY CUBE(StageName, CALENDAR_YEAR(CloseDate))")) ==
          R"([{"StageName":"Closed Won","yr":2023,"gs":0,"expr0":300.0},{"StageName":"Closed Won","yr":null,"gs":0,"expr0":300.0},)"
          R"({"StageName":"Prospecting","yr":2024,"gs":0,"expr0":1010.0},{"StageName":"Prospecting","yr":null,"gs":0,"expr0":1010.0},)"
          R"({"StageName":null,"yr":2023,"gs":1,"expr0":300.0},{"StageName":null,"yr":2024,"gs":1,"expr0":1010.0},)"
          R"({"StageName":null,"yr":null,"gs":1,"expr0":1310.0}])");
    // A plain GROUP BY answers GROUPING() with 0.
    CHECK(rows(o.query("SELECT StageName, GROUPING(StageName) g FROM Opportunity GROUP BY StageName ORDER BY StageName")) ==
          R"([{"StageName":"Closed Won","g":0},{"StageName":"Prospecting","g":0}])");
}

TEST_CASE("SOQL parser: the seed corpus parses, and mutations throw only MALFORMED_QUERY") {
    auto seeds = corpus();
    REQUIRE(seeds.size() >= 30);
    for (const auto& s : seeds) {
        INFO(s);
        CHECK_NOTHROW((void)sfcpp_emulator::soql::parse(s));
    }
    const std::string specials = "()',.:=<>!-+\\ %_0aZ\n\x01\xff";
    for (const auto& s : seeds) {
        for (std::size_t n = 0; n < s.size(); ++n) parse_only_own_errors(s.substr(0, n));
        for (std::size_t i = 0; i < s.size(); i += 3)
            for (char c : specials) {
                std::string m = s;
                m[i] = c;
                parse_only_own_errors(m);
            }
    }
    // Inputs that once reached the standard library's own exceptions or the stack limit.
    parse_only_own_errors("SELECT Id FROM Account LIMIT 99999999999999999999999");
    parse_only_own_errors("SELECT Id FROM Account WHERE CreatedDate = LAST_N_DAYS:99999999999");
    parse_only_own_errors("SELECT Id FROM Account WHERE CreatedDate = LAST_N_DAYS:-");
    parse_only_own_errors("SELECT Id FROM Account WHERE " + std::string(100000, '('));
    parse_only_own_errors("SELECT Id FROM Account WHERE " + [] {
        std::string s;
        for (int i = 0; i < 50000; ++i) s += "NOT ";
        return s;
    }() + "Name = 'x'");
    std::string nested = "SELECT Id FROM Account WHERE Id IN ";
    for (int i = 0; i < 5000; ++i) nested += "(SELECT Id FROM Account WHERE Id IN ";
    parse_only_own_errors(nested);
    parse_only_own_errors(std::string("SELECT\0Id FROM Account", 22));
}

namespace {

// The shipped schema plus minimal Group and Profile objects, so that Task.Owner is polymorphic
// (Group or User) and User.Profile leads somewhere.
struct schema_with_profiles {
    std::filesystem::path dir;
    schema_with_profiles() {
        dir = std::filesystem::temp_directory_path() / ("sfcpp-emulator-schema-" + std::to_string(::getpid()));
        std::filesystem::create_directories(dir);
        for (const auto& e : std::filesystem::directory_iterator(SFCPP_EMULATOR_DESCRIBE_DIR))
            if (e.path().extension() == ".json")
                std::filesystem::copy_file(e.path(), dir / e.path().filename(),
                                           std::filesystem::copy_options::overwrite_existing);
        write("Profile", "00e");
        write("Group", "00G");
    }
    ~schema_with_profiles() {
        std::error_code ec;
        std::filesystem::remove_all(dir, ec);
    }
    void write(const std::string& name, const std::string& prefix) const {
        std::ofstream(dir / (name + ".json"))
            << R"({"name":")" << name << R"(","label":")" << name << R"(","keyPrefix":")" << prefix
            << R"(","createable":true,"updateable":true,"deletable":true,"queryable":true,"custom":false,"fields":[)"
            << R"({"name":"Id","type":"id","nillable":false,"filterable":true,"sortable":true,"groupable":true},)"
            << R"({"name":"Name","type":"string","length":80,"nillable":false,"createable":true,"updateable":true,)"
            << R"("nameField":true,"filterable":true,"sortable":true,"groupable":true}],"childRelationships":[]})";
    }
};

}  // namespace

TEST_CASE("SOQL paths past a polymorphic relationship: Owner.Profile.Name, not What.Owner.Name") {
    schema_with_profiles schema;
    sfcpp_emulator::options opts;
    opts.schema_dir = schema.dir;
    org o(opts);
    std::string profile = o.create("Profile", R"({"Name":"System Administrator"})");
    const std::string user = o.srv.org().records().integration_user_id();
    auto r = o.http->patch(data + "/sobjects/User/" + user, R"({"ProfileId":")" + profile + "\"}");
    REQUIRE_MESSAGE(r.status == 204, r.body);
    std::string acme = o.create("Account", R"({"Name":"Acme"})");
    o.create("Task", R"({"Subject":"Call","WhatId":")" + acme + "\"}");

    auto q = o.query("SELECT Subject, Owner.Name, Owner.Profile.Name FROM Task");
    REQUIRE(q.at("totalSize") == 1);
    const auto& owner = q.at("records").at(0).at("Owner");
    CHECK(owner.at("attributes").at("type") == "User");
    CHECK(owner.at("Profile").at("attributes").at("type") == "Profile");
    CHECK(owner.at("Profile").at("Name") == "System Administrator");
    CHECK(o.query("SELECT Id FROM Task WHERE Owner.Profile.Name = 'System Administrator'").at("totalSize") == 1);
    CHECK(o.query("SELECT Id FROM Task WHERE Owner.Profile.Name = 'Guest'").at("totalSize") == 0);

    r = o.query_raw("SELECT What.Owner.Name FROM Task");
    CHECK(r.status == 400);
    CHECK(r.json().at(0).at("errorCode") == "INVALID_FIELD");
    CHECK(std::string(r.json().at(0).at("message").as_string()).find("Didn't understand relationship 'Owner'") !=
          std::string::npos);
    r = o.query_raw("SELECT Who.Profile.Name FROM Task");  // neither Contact nor Lead has a Profile
    CHECK(r.json().at(0).at("errorCode") == "INVALID_FIELD");
}
