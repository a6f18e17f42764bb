// expect: ORDER BY takes only sortable fields.*"Account\.Description is not sortable"
#include "common.hpp"

auto q = select(Account_.Id).from(Account_).order_by(Account_.Description);
