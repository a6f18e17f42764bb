// sfcpp/record.hpp: what every generated record is made of besides its fields: the
// `attributes` object, parent relationships, child relationship results and query results.
#pragma once

#include <sfcpp/field.hpp>
#include <sfcpp/metadata.hpp>

#include <boost/json/value.hpp>

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace sfcpp {

// `"attributes": {"type": "Account", "url": "/services/data/v60.0/sobjects/Account/001..."}`
struct record_attributes {
    std::string type;
    std::string url;
    friend bool operator==(const record_attributes&, const record_attributes&) = default;
};

// Base of every generated record.
struct record_base {
    record_attributes attributes;
};

namespace detail {
// Layout shared by every parent<T>: what the non-template decoder writes.
struct parent_slot {
    void* ptr_ = nullptr;
    field_state state_ = field_state::not_set;
};
}  // namespace detail

// A parent relationship whose target is a generated record (Contact.Account). Not set unless the
// query selected a path through it; null when the reference is empty.
template <class T>
class parent : private detail::parent_slot {
    T* p() const noexcept { return static_cast<T*>(ptr_); }

public:
    using value_type = T;

    parent() = default;
    parent(const parent& o) : parent_slot{o.ptr_ ? new T(*o.p()) : nullptr, o.state_} {}
    parent(parent&& o) noexcept : parent_slot{std::exchange(o.ptr_, nullptr), std::exchange(o.state_, field_state::not_set)} {}
    parent& operator=(parent o) noexcept {
        std::swap(ptr_, o.ptr_);
        std::swap(state_, o.state_);
        return *this;
    }
    ~parent() { delete p(); }

    field_state state() const noexcept { return state_; }
    bool is_set() const noexcept { return state_ != field_state::not_set; }
    bool is_null() const noexcept { return state_ == field_state::null; }
    bool has_value() const noexcept { return state_ == field_state::value; }
    explicit operator bool() const noexcept { return has_value(); }

    const T& value() const {
        if (!has_value()) throw bad_field_access(is_null() ? "sfcpp: parent relationship is null"
                                                           : "sfcpp: parent relationship was not selected");
        return *p();
    }
    T& value() {
        if (!has_value()) throw bad_field_access(is_null() ? "sfcpp: parent relationship is null"
                                                           : "sfcpp: parent relationship was not selected");
        return *p();
    }
    const T* operator->() const { return &value(); }
    T* operator->() { return &value(); }
    const T& operator*() const { return value(); }
    const T* get() const noexcept { return has_value() ? p() : nullptr; }

    // Sets the parent record (for example to write a reference by external id).
    T& emplace(T v = T{}) {
        delete p();
        ptr_ = new T(std::move(v));
        state_ = field_state::value;
        return *p();
    }
    // Null: the reference is empty (as a query reports it, or to clear it in a write).
    void set_null() noexcept {
        delete p();
        ptr_ = nullptr;
        state_ = field_state::null;
    }
    void reset() noexcept {
        delete p();
        ptr_ = nullptr;
        state_ = field_state::not_set;
    }
};

// A parent relationship that is polymorphic (Event.What) or whose target is not generated: the
// parent's JSON object as received, with its type from `attributes`.
class dynamic_parent {
    boost::json::value json_;  // the parent object, `attributes` included
    field_state state_ = field_state::not_set;

public:
    field_state state() const noexcept { return state_; }
    bool is_set() const noexcept { return state_ != field_state::not_set; }
    bool is_null() const noexcept { return state_ == field_state::null; }
    bool has_value() const noexcept { return state_ == field_state::value; }
    explicit operator bool() const noexcept { return has_value(); }

    // The parent's sObject type ("Contact", "Lead", ...), empty when unknown.
    std::string_view type() const noexcept {
        if (!json_.is_object()) return {};
        const auto* a = json_.get_object().if_contains("attributes");
        if (!a || !a->is_object()) return {};
        const auto* t = a->get_object().if_contains("type");
        return (t && t->is_string()) ? std::string_view(t->get_string()) : std::string_view{};
    }
    const boost::json::value& json() const noexcept { return json_; }
    // A field of the parent as JSON; nullptr when absent.
    const boost::json::value* find(std::string_view api_name) const noexcept {
        return json_.is_object() ? json_.get_object().if_contains(api_name) : nullptr;
    }

    void assign(boost::json::value v) {
        state_ = v.is_null() ? field_state::null : field_state::value;
        json_ = std::move(v);
    }
    void reset() noexcept {
        json_ = nullptr;
        state_ = field_state::not_set;
    }
};

// The envelope of a query response and of a child relationship: `totalSize`, `done`,
// `nextRecordsUrl`. Non-template so the decoder can fill it for any record type.
struct query_result_header {
    std::int64_t total_size = 0;
    bool done = true;
    std::string next_records_url;
};

template <class T>
struct query_result : query_result_header {
    using value_type = T;
    std::vector<T> records;
};

namespace detail {
template <class T>
struct ops_for;
}  // namespace detail

// A child relationship subquery result (Account.Contacts): null when the subquery found no rows,
// as Salesforce sends it.
template <class T>
class children {
    query_result<T> result_;
    field_state state_ = field_state::not_set;
    friend struct detail::ops_for<T>;

public:
    using value_type = T;

    field_state state() const noexcept { return state_; }
    bool is_set() const noexcept { return state_ != field_state::not_set; }
    bool is_null() const noexcept { return state_ == field_state::null; }
    bool has_value() const noexcept { return state_ == field_state::value; }

    // The rows; empty when null or not set.
    const std::vector<T>& records() const noexcept { return result_.records; }
    std::vector<T>& records() noexcept { return result_.records; }
    const query_result<T>& result() const noexcept { return result_; }
    query_result<T>& result() noexcept { return result_; }
    auto begin() const noexcept { return result_.records.begin(); }
    auto end() const noexcept { return result_.records.end(); }
    std::size_t size() const noexcept { return result_.records.size(); }

    void set(query_result<T> r) {
        result_ = std::move(r);
        state_ = field_state::value;
    }
    void set_null() {
        result_ = {};
        state_ = field_state::null;
    }
    void reset() {
        result_ = {};
        state_ = field_state::not_set;
    }
};

namespace detail {

template <class T>
struct ops_for {
    static void* create() { return new T(); }
    static void destroy(void* p) noexcept { delete static_cast<T*>(p); }
    static query_result_header* result_header(void* r) noexcept { return static_cast<query_result<T>*>(r); }
    static void* result_append(void* r) { return &static_cast<query_result<T>*>(r)->records.emplace_back(); }
    static void result_reserve(void* r, std::size_t n) { static_cast<query_result<T>*>(r)->records.reserve(n); }
    static std::size_t result_size(const void* r) noexcept { return static_cast<const query_result<T>*>(r)->records.size(); }
    static const void* result_at(const void* r, std::size_t i) noexcept {
        return &static_cast<const query_result<T>*>(r)->records[i];
    }
    static void* children_result(void* c) noexcept { return &static_cast<children<T>*>(c)->result_; }
    static field_state* children_state(void* c) noexcept { return &static_cast<children<T>*>(c)->state_; }
    static constexpr record_ops value{&create, &destroy, &result_header, &result_append, &result_reserve, &result_size,
                                      &result_at, &children_result, &children_state, sizeof(T)};
};

}  // namespace detail

}  // namespace sfcpp
