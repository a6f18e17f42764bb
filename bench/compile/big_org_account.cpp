// Compile-time probe: the 350-field Account of the real-size org (bench/big_org) included alone,
// nothing used; its lookups and child relationships pull in the headers of every object it is
// linked to. (Using it once, e.g. Account::sfcpp_info(), also emits the metadata and record
// operations of all of them: about 7 s more at -O0 on the bench machine.)
#include <bigorg/Account.hpp>
