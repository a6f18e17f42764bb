// expect: both sides of && and .. must be conditions on the same object.*"a condition on Account is combined with a condition on Contact"
#include "common.hpp"

auto c = Account_.Name == "Acme" && Contact_.LastName == "Lovelace";
