// Which objects to generate: names, wildcards and --all over the objects an org (or a snapshot)
// has, then the parents and children reachable from them up to the depths asked for. Pure
// functions over names, so the org and the snapshot paths select alike.
#pragma once

#include <sfcpp/describe.hpp>

#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace sfcpp::codegen {

// One object of the org's list (`GET /sobjects`).
struct org_object {
    std::string name;
    std::string label;
    bool custom = false;
    bool queryable = false;
};

struct selection {
    std::vector<std::string> patterns;  // API names or wildcards ("*__c", "ns__*"); case-insensitive
    bool all = false;                   // every queryable object
    int parent_depth = 0;               // lookups followed from the selection, this many steps
    int child_depth = 0;                // child relationships followed, this many steps
};

// Case-insensitive glob: `*` matches any run of characters, `?` one character.
bool matches(std::string_view pattern, std::string_view name);

// The objects named by `s.patterns` or `s.all`, by their canonical API names, sorted. Throws
// std::invalid_argument naming a plain name that is not in `org` ("--objects names X, " +
// `not_found`) or a wildcard that matches nothing.
std::vector<std::string> select_roots(const selection& s, const std::vector<org_object>& org,
                                      std::string_view not_found = "which the org does not have");

// The roots plus everything reachable through lookups (referenceTo) and child relationships
// (childSObject) within the depths, restricted to queryable objects the org has; sorted.
// `describe_of` gives the describe of an object (fetching it if need be).
std::vector<std::string> expand(const std::vector<std::string>& roots, const selection& s,
                                const std::vector<org_object>& org,
                                const std::function<const sobject_describe&(const std::string&)>& describe_of);

}  // namespace sfcpp::codegen
