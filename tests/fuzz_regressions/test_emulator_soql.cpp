// Fuzz regressions: the emulator's SOQL parser.
#include "replay.hpp"

#include <entry/emulator_soql.hpp>

TEST_CASE("fuzz regressions: emulator SOQL parser") {
    sfcpp_fuzz::replay("fuzz_emulator_soql", sfcpp_fuzz::emulator_soql);
    sfcpp_fuzz::emulator_soql("SELECT Id FROM Account WHERE Name = 'x' LIMIT 1");
    sfcpp_fuzz::emulator_soql("SELECT");
}
