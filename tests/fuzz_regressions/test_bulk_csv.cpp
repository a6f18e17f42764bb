// Fuzz regressions: Bulk API 2.0 CSV read (first byte: options, see entry/bulk_csv.hpp).
#include "replay.hpp"

#include <entry/bulk_csv.hpp>

TEST_CASE("fuzz regressions: Bulk CSV") {
    CHECK(sfcpp_fuzz::replay("fuzz_bulk_csv", sfcpp_fuzz::bulk_csv) > 0);
}
