// expect: INCLUDES and EXCLUDES need at least one value.*"includes\(\) or excludes\(\) on Invoice__c\.Tags__c has no value"
#include "common.hpp"

auto c = includes(Invoice_c_.Tags_c);
