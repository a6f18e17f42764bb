// sfcpp/record/relationship.hpp: what every generated record is made of besides its fields: the
// `attributes` object, parent relationships, child relationship results and query results.
#pragma once

#include <sfcpp/record/field.hpp>
#include <sfcpp/record/metadata.hpp>

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
template <class T>
struct ops_for;

// Layout shared by every parent<T>: what the non-template codecs write. `ops` belongs to the
// record `ptr_` points to, so copying and destroying need no complete T.
struct parent_slot {
    void* ptr_ = nullptr;
    const record_ops* ops_ = nullptr;
    field_state state_ = field_state::not_set;

    parent_slot() = default;
    parent_slot(const parent_slot& o) : ptr_(o.ptr_ ? o.ops_->clone(o.ptr_) : nullptr), ops_(o.ops_), state_(o.state_) {}
    parent_slot(parent_slot&& o) noexcept
        : ptr_(std::exchange(o.ptr_, nullptr)), ops_(o.ops_), state_(std::exchange(o.state_, field_state::not_set)) {}
    parent_slot& operator=(parent_slot o) noexcept {
        std::swap(ptr_, o.ptr_);
        std::swap(ops_, o.ops_);
        std::swap(state_, o.state_);
        return *this;
    }
    ~parent_slot() { release(); }
    void release() noexcept {
        if (ptr_) ops_->destroy(ptr_);
        ptr_ = nullptr;
    }
};

// Layout shared by every children<T>: the query_result<T> on the heap, created when rows arrive.
struct children_slot {
    void* result_ = nullptr;
    const record_ops* ops_ = nullptr;
    field_state state_ = field_state::not_set;

    children_slot() = default;
    children_slot(const children_slot& o)
        : result_(o.result_ ? o.ops_->result_clone(o.result_) : nullptr), ops_(o.ops_), state_(o.state_) {}
    children_slot(children_slot&& o) noexcept
        : result_(std::exchange(o.result_, nullptr)), ops_(o.ops_), state_(std::exchange(o.state_, field_state::not_set)) {}
    children_slot& operator=(children_slot o) noexcept {
        std::swap(result_, o.result_);
        std::swap(ops_, o.ops_);
        std::swap(state_, o.state_);
        return *this;
    }
    ~children_slot() { release(); }
    void release() noexcept {
        if (result_) ops_->result_destroy(result_);
        result_ = nullptr;
    }
};
}  // namespace detail

// A parent relationship whose target is a generated record (Contact.Account). Not set unless the
// query selected a path through it; null when the reference is empty. T may be incomplete where
// the record is declared: reading the parent's fields is what needs T's header.
template <class T>
class parent : private detail::parent_slot {
    T* p() const noexcept { return static_cast<T*>(ptr_); }
    void check() const {
        if (state_ != field_state::value || !ptr_) detail::throw_no_value(state_, "parent", detail::type_name<T>());
    }

public:
    using value_type = T;

    field_state state() const noexcept { return state_; }
    bool is_set() const noexcept { return state_ != field_state::not_set; }
    bool is_null() const noexcept { return state_ == field_state::null; }
    bool has_value() const noexcept { return state_ == field_state::value; }
    explicit operator bool() const noexcept { return has_value(); }

    const T& value() const {
        check();
        return *p();
    }
    T& value() {
        check();
        return *p();
    }
    const T* operator->() const { return &value(); }
    T* operator->() { return &value(); }
    const T& operator*() const { return value(); }
    const T* get() const noexcept { return has_value() ? p() : nullptr; }

    // Sets the parent record (for example to write a reference by external id).
    T& emplace(T v = T{}) {
        release();
        ptr_ = new T(std::move(v));
        ops_ = &detail::ops_for<T>::value;
        state_ = field_state::value;
        return *p();
    }
    // Null: the reference is empty (as a query reports it, or to clear it in a write).
    void set_null() noexcept {
        release();
        state_ = field_state::null;
    }
    void reset() noexcept {
        release();
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

// A child relationship subquery result (Account.Contacts): null when the subquery found no rows,
// as Salesforce sends it. Like parent<T>, it can be declared with T incomplete.
template <class T>
class children : private detail::children_slot {
    const query_result<T>* r() const noexcept { return static_cast<const query_result<T>*>(result_); }
    query_result<T>& make() {
        if (!result_) {
            result_ = new query_result<T>();
            ops_ = &detail::ops_for<T>::value;
        }
        return *static_cast<query_result<T>*>(result_);
    }
    static const query_result<T>& empty() noexcept {
        static const query_result<T> none;
        return none;
    }

public:
    using value_type = T;

    field_state state() const noexcept { return state_; }
    bool is_set() const noexcept { return state_ != field_state::not_set; }
    bool is_null() const noexcept { return state_ == field_state::null; }
    bool has_value() const noexcept { return state_ == field_state::value; }

    // The rows; empty when null or not set.
    const std::vector<T>& records() const noexcept { return result().records; }
    std::vector<T>& records() { return make().records; }
    const query_result<T>& result() const noexcept { return result_ ? *r() : empty(); }
    query_result<T>& result() { return make(); }
    auto begin() const noexcept { return records().begin(); }
    auto end() const noexcept { return records().end(); }
    std::size_t size() const noexcept { return records().size(); }

    void set(query_result<T> rows) {
        make() = std::move(rows);
        state_ = field_state::value;
    }
    void set_null() noexcept {
        release();
        state_ = field_state::null;
    }
    void reset() noexcept {
        release();
        state_ = field_state::not_set;
    }
};

namespace detail {

template <class T>
struct ops_for {
    using result = query_result<T>;
    static void* create() { return new T(); }
    static void* clone(const void* p) { return new T(*static_cast<const T*>(p)); }
    static void destroy(void* p) noexcept { delete static_cast<T*>(p); }
    static void* result_create() { return new result(); }
    static void* result_clone(const void* r) { return new result(*static_cast<const result*>(r)); }
    static void result_destroy(void* r) noexcept { delete static_cast<result*>(r); }
    static query_result_header* result_header(void* r) noexcept { return static_cast<result*>(r); }
    static void* result_append(void* r) { return &static_cast<result*>(r)->records.emplace_back(); }
    static void result_reserve(void* r, std::size_t n) { static_cast<result*>(r)->records.reserve(n); }
    static std::size_t result_size(const void* r) noexcept { return static_cast<const result*>(r)->records.size(); }
    static const void* result_at(const void* r, std::size_t i) noexcept { return &static_cast<const result*>(r)->records[i]; }
    static constexpr record_ops value{&create, &clone, &destroy, &result_create, &result_clone, &result_destroy,
                                      &result_header, &result_append, &result_reserve, &result_size, &result_at,
                                      sizeof(T)};
};

}  // namespace detail

}  // namespace sfcpp
