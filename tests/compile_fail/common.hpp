// Shared by the compile-fail snippets: each snippet breaks exactly one rule.
#pragma once
#include <sfcpp/soql.hpp>
#include <test_sobjects/sobjects.hpp>

using namespace sfcpp::soql;
using namespace sobjects;
