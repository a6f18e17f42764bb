// expect: the key field belongs to another object than the record.*"Account\.Id is not a field of Invoice__c"
#include "common.hpp"
#include <sfcpp/client.hpp>

void f(sfcpp::client& sf, const Invoice_c& inv) { sf.upsert(inv, Account_.Id); }
