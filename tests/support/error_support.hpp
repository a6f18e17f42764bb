// Helpers shared by the tests of sfcpp's exceptions and their codes.
#pragma once

#include <sfcpp/error.hpp>

#include <doctest/doctest.h>

#include <ostream>  // doctest prints std::error_code through it
#include <system_error>

namespace test {

// The code of the sfcpp::error that f throws, caught as the base every sfcpp exception has;
// checks that it is an E.
template <class E = sfcpp::error, class F>
std::error_code code_of(F&& f) {
    try {
        f();
    } catch (const sfcpp::error& e) {
        CHECK_MESSAGE(dynamic_cast<const E*>(&e) != nullptr, e.what());
        return e.code();
    }
    FAIL_CHECK("no exception");
    return {};
}

}  // namespace test
