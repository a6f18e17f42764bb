// expect: IN does not apply to multi-select picklists.*"Invoice__c\.Tags__c is a multipicklist field"
#include "common.hpp"

auto c = in(Invoice_c_.Tags_c, {"Priority", "Disputed"});
