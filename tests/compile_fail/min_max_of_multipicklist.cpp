// expect: MIN and MAX do not apply to checkbox, multi-select picklist or compound fields.*"MAX\(Invoice__c\.Tags__c\): Invoice__c\.Tags__c is a multipicklist field"
#include "common.hpp"

auto a = max(Invoice_c_.Tags_c);
