// sfcpp/picklist.hpp: picklist and multipicklist values.
//
// The generator emits one type per picklist field, deriving from picklist<Self>, with a
// constant for each value the describe lists. Orgs add values without regenerating code, so a
// picklist carries any other string unchanged too: `is_known()` tells which kind it holds.
#pragma once

#include <sfcpp/record/metadata.hpp>

#include <algorithm>
#include <compare>
#include <initializer_list>
#include <ostream>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace sfcpp {

// A value constant of the picklist type P. Converts only to P, so a constant of one picklist
// cannot be assigned to another picklist's field.
template <class P>
struct picklist_literal {
    std::string_view value;
};

namespace detail {
inline bool listed(std::span<const picklist_entry> entries, std::string_view v) noexcept {
    return std::any_of(entries.begin(), entries.end(), [&](const picklist_entry& e) { return e.value == v; });
}
}  // namespace detail

// CRTP base; `Self::values` is the generated span of describe entries.
template <class Self>
class picklist {
    std::string value_;  // sole member: the codecs treat a picklist as its std::string

public:
    using literal = picklist_literal<Self>;  // the type of the generated value constants

    picklist() = default;
    picklist(picklist_literal<Self> v) : value_(v.value) {}
    // Any value, known or not: explicit, so it is a visible choice.
    explicit picklist(std::string v) : value_(std::move(v)) {}
    explicit picklist(std::string_view v) : value_(v) {}
    explicit picklist(const char* v) : value_(v) {}

    const std::string& str() const noexcept { return value_; }
    std::string_view view() const noexcept { return value_; }
    bool is_known() const noexcept { return detail::listed(Self::values, value_); }

    friend bool operator==(const picklist& a, const picklist& b) noexcept { return a.value_ == b.value_; }
    friend bool operator==(const picklist& a, picklist_literal<Self> b) noexcept { return a.value_ == b.value; }
    friend auto operator<=>(const picklist& a, const picklist& b) noexcept { return a.value_ <=> b.value_; }
    friend std::ostream& operator<<(std::ostream& os, const picklist& p) { return os << p.value_; }
};

namespace detail {
// The wire form of a multipicklist, "a;b;c": split (empty parts dropped) and joined, for the
// multipicklist type and both codecs.
inline void split_multipicklist(std::string_view joined, std::vector<std::string>& out) {
    while (!joined.empty()) {
        const auto semi = joined.find(';');
        if (semi != 0) out.emplace_back(joined.substr(0, semi));
        if (semi == std::string_view::npos) break;
        joined.remove_prefix(semi + 1);
    }
}
inline void join_multipicklist(const std::vector<std::string>& values, std::string& out) {
    for (std::size_t i = 0; i < values.size(); ++i) {
        if (i) out += ';';
        out += values[i];
    }
}
}  // namespace detail

// A set of picklist values, joined with ';' on the wire. Keeps the order it was given and no
// duplicates.
template <class Self>
class multipicklist {
    std::vector<std::string> values_;  // sole member: the codecs treat it as a vector of strings

public:
    using literal = picklist_literal<Self>;

    multipicklist() = default;
    multipicklist(std::initializer_list<picklist_literal<Self>> vs) {
        for (auto v : vs) insert(v.value);
    }
    // Parses the wire form "a;b;c".
    static Self from_wire(std::string_view joined) {
        std::vector<std::string> parts;
        detail::split_multipicklist(joined, parts);
        Self s;
        for (const auto& v : parts) s.insert(v);
        return s;
    }

    bool contains(std::string_view v) const noexcept {
        return std::find(values_.begin(), values_.end(), v) != values_.end();
    }
    void insert(std::string_view v) {
        if (!v.empty() && !contains(v)) values_.emplace_back(v);
    }
    void insert(picklist_literal<Self> v) { insert(v.value); }
    bool erase(std::string_view v) {
        auto it = std::find(values_.begin(), values_.end(), v);
        if (it == values_.end()) return false;
        values_.erase(it);
        return true;
    }
    std::size_t size() const noexcept { return values_.size(); }
    bool empty() const noexcept { return values_.empty(); }
    auto begin() const noexcept { return values_.begin(); }
    auto end() const noexcept { return values_.end(); }
    const std::vector<std::string>& values() const noexcept { return values_; }

    std::string to_wire() const {
        std::string out;
        detail::join_multipicklist(values_, out);
        return out;
    }

    friend bool operator==(const multipicklist& a, const multipicklist& b) noexcept { return a.values_ == b.values_; }
};

}  // namespace sfcpp
