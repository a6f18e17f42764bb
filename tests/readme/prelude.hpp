// What every README.md code fragment is compiled after (tests/readme/check_blocks.cmake).
//
// The convention, for whoever edits README.md:
//
//   ```cpp            compiled, each block as its own translation unit (g++ -fsyntax-only, the
//                     project's include paths, definitions and warnings with -Werror, except unused
//                     variables), against the headers that README's own
//                     `sfcpp_generate_sobjects(... DESCRIBE ...)` snippet generates (its TARGET,
//                     NAMESPACE and OBJECTS; from sfcpp's describe/ folder).
//   ```cpp nocompile  shown only: pseudo-code, or a deliberately broken line on its own.
//
//   A block that defines `int main(` is compiled exactly as printed, with nothing added.
//   Any other block is a fragment. It is compiled after this file, and split in two:
//     - file scope: every line that begins with `#` (so its own `#include`s), and every
//       declaration that begins, outside any brace, with `struct`, `class`, `enum`, `union`,
//       `namespace`, `template` or `BOOST_DESCRIBE_` (up to the line that closes its brackets);
//     - everything else, in order, is the body of `void readme_fragment() { ... }`.
//   `#line` directives make the compiler's messages point at README.md's own lines.
//
// This file gives only the standard library and the names below, which fragments may use without
// declaring them. It includes no sfcpp header and defines no generated type: a fragment includes
// the sfcpp and generated headers it uses (`sf` needs sfcpp/client.hpp, `acc` needs
// <my_sobjects/Account.hpp>), as a reader's program must. Comments `// does not compile: ...` in
// a block stay comments; a line that must not compile has no place in a compiled block.
#pragma once

#include <algorithm>
#include <cassert>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <iostream>
#include <map>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

// The generated namespace: NAMESPACE of README's sfcpp_generate_sobjects snippet.
#ifndef SFCPP_README_NS
#error "compile README fragments through tests/readme/check_blocks.cmake (it defines SFCPP_README_NS)"
#endif

namespace sfcpp {
class client;
}
namespace SFCPP_README_NS {
struct Account;
struct Invoice_c;
}  // namespace SFCPP_README_NS

extern sfcpp::client& sf;                              // a logged-in client
extern std::string body;                               // a response body (JSON)
extern std::string client_id, client_secret;           // a connected app's credentials
extern SFCPP_README_NS::Account acc;                   // an Account to send
extern SFCPP_README_NS::Invoice_c inv;                 // an Invoice__c to send
extern std::vector<SFCPP_README_NS::Invoice_c> invoices;
template <class... T>
void use(const T&...);                                 // whatever the reader does with a value
void log(std::string_view what, std::string_view why);  // a logger
