#include "select.hpp"

#include <algorithm>
#include <map>
#include <set>
#include <stdexcept>

namespace sfcpp::codegen {

namespace {

char fold(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

bool has_wildcard(std::string_view p) { return p.find_first_of("*?") != std::string_view::npos; }

std::string folded(std::string_view s) {
    std::string out(s);
    for (char& c : out) c = fold(c);
    return out;
}

}  // namespace

bool matches(std::string_view pattern, std::string_view name) {
    // Iterative glob with one backtrack point: linear enough for API names.
    std::size_t p = 0, n = 0, star = std::string_view::npos, resume = 0;
    while (n < name.size()) {
        if (p < pattern.size() && (pattern[p] == '?' || fold(pattern[p]) == fold(name[n]))) {
            ++p;
            ++n;
        } else if (p < pattern.size() && pattern[p] == '*') {
            star = p++;
            resume = n;
        } else if (star != std::string_view::npos) {
            p = star + 1;
            n = ++resume;
        } else {
            return false;
        }
    }
    while (p < pattern.size() && pattern[p] == '*') ++p;
    return p == pattern.size();
}

std::vector<std::string> select_roots(const selection& s, const std::vector<org_object>& org,
                                      std::string_view not_found) {
    std::set<std::string> out;
    if (s.all)
        for (const auto& o : org)
            if (o.queryable) out.insert(o.name);
    std::map<std::string, const org_object*> by_folded;
    for (const auto& o : org) by_folded[folded(o.name)] = &o;
    for (const auto& p : s.patterns) {
        if (!has_wildcard(p)) {
            auto it = by_folded.find(folded(p));
            if (it == by_folded.end()) throw std::invalid_argument("--objects names " + p + ", " + std::string(not_found));
            out.insert(it->second->name);
            continue;
        }
        bool any = false;
        for (const auto& o : org)
            if (matches(p, o.name)) {
                out.insert(o.name);
                any = true;
            }
        if (!any) throw std::invalid_argument("--objects " + p + " matches no object");
    }
    return {out.begin(), out.end()};
}

std::vector<std::string> expand(const std::vector<std::string>& roots, const selection& s,
                                const std::vector<org_object>& org,
                                const std::function<const sobject_describe&(const std::string&)>& describe_of) {
    std::map<std::string, const org_object*> by_folded;
    for (const auto& o : org) by_folded[folded(o.name)] = &o;
    std::set<std::string> chosen(roots.begin(), roots.end());
    // Breadth first, one direction at a time, so that each depth counts steps in that direction
    // only: --parents 1 --children 1 does not reach a parent's other children.
    auto walk = [&](int depth, bool parents) {
        std::vector<std::string> frontier(roots.begin(), roots.end());
        std::set<std::string> seen(roots.begin(), roots.end());
        for (int step = 0; step < depth && !frontier.empty(); ++step) {
            std::set<std::string> next;
            for (const auto& name : frontier) {
                const sobject_describe& d = describe_of(name);
                auto consider = [&](const std::string& target) {
                    auto it = by_folded.find(folded(target));
                    if (it == by_folded.end() || !it->second->queryable) return;
                    chosen.insert(it->second->name);
                    if (seen.insert(it->second->name).second) next.insert(it->second->name);
                };
                if (parents) {
                    for (const auto& f : d.fields)
                        for (const auto& target : f.reference_to) consider(target);
                } else {
                    for (const auto& c : d.child_relationships)
                        if (!c.relationship_name.empty()) consider(c.child_sobject);
                }
            }
            frontier.assign(next.begin(), next.end());
        }
    };
    walk(s.parent_depth, true);
    walk(s.child_depth, false);
    return {chosen.begin(), chosen.end()};
}

}  // namespace sfcpp::codegen
