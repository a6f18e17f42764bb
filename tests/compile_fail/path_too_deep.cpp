// expect: at most 5 levels of parent relationships.*"Contact\.Account\.Owner\.Manager\.Manager\.Manager\.Manager goes through more than 5 parent relationships"
#include "common.hpp"

auto p = Contact_.Account / Account_.Owner / User_.Manager / User_.Manager / User_.Manager / User_.Manager /
         User_.Name;
