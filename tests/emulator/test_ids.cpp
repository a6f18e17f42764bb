#include <sfcpp_emulator/ids.hpp>

#include <doctest/doctest.h>

using namespace sfcpp_emulator;

TEST_CASE("id checksum matches real Salesforce ids") {
    CHECK(id_checksum("0015500001QdQWf") == "AAN");
    CHECK(id_checksum("003P000001avB4G") == "IAU");
    CHECK(normalize_id("0015500001QdQWf") == "0015500001QdQWfAAN");
    CHECK(normalize_id("0015500001QdQWfAAN") == "0015500001QdQWfAAN");
    CHECK(normalize_id("0015500001QdQWfaan") == "0015500001QdQWfAAN");
    CHECK_FALSE(normalize_id("0015500001QdQWfAAA"));
    CHECK_FALSE(normalize_id("001"));
    CHECK_FALSE(normalize_id("0015500001QdQ-f"));
}

TEST_CASE("generated ids carry the key prefix and a valid checksum") {
    std::string a = make_id("001", 2), b = make_id("001", 63);
    CHECK(a.size() == 18);
    CHECK(a.substr(0, 3) == "001");
    CHECK(normalize_id(a) == a);
    CHECK(a < b);  // ids sort in creation order
}

TEST_CASE("datetimes are normalized to UTC with milliseconds") {
    CHECK(normalize_datetime("2024-01-02T03:04:05Z") == "2024-01-02T03:04:05.000+0000");
    CHECK(normalize_datetime("2024-01-02T03:04:05.123+0000") == "2024-01-02T03:04:05.123+0000");
    CHECK(normalize_datetime("2024-01-02T03:04:05.5+01:00") == "2024-01-02T02:04:05.500+0000");
    CHECK(normalize_datetime("2024-01-01T00:30:00-01:00") == "2024-01-01T01:30:00.000+0000");
    CHECK_FALSE(normalize_datetime("2024-02-30T00:00:00Z"));
    CHECK_FALSE(normalize_datetime("2024-01-02"));
    CHECK(is_valid_date("2024-02-29"));
    CHECK_FALSE(is_valid_date("2023-02-29"));
}
