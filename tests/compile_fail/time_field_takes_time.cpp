// expect: a time field takes an sfcpp::time_of_day.*"Invoice__c\.Reminder_Time__c is a time field"
#include "common.hpp"

auto c = Invoice_c_.Reminder_Time_c == "10:00";
