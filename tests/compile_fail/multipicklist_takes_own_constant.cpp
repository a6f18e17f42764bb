// expect: a multi-select picklist takes its own constants.*"Invoice__c\.Tags__c is a multipicklist field"
#include "common.hpp"

auto c = Invoice_c_.Tags_c == 3;
