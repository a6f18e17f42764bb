// sfcpp/record/field.hpp: the three-state member of a generated record.
//
// A field is *not set* (left out of JSON, so an update leaves it alone), *null* (sent as null,
// which clears it in Salesforce) or holds *a value*. Reading a field that has no value throws
// bad_field_access or gives an empty optional; it never gives a default-constructed value.
//
// A field does not know its own API name: the name lives in the record's table (metadata.hpp),
// and a template parameter would make one class per field. So bad_field_access says the state
// and the C++ value type ("sfcpp: field<double> is null"; a picklist's type names its object and
// field: "field<sobjects::Account_Industry>"); what sfcpp itself throws about a record's field
// (codecs, write checks) names `Object.Field` from the table.
//
// The describe flags ride along as a template argument, so writes that Salesforce would reject
// for every operation do not compile: assigning a field that is neither createable nor updateable,
// or assigning null to a field that is not nillable.
#pragma once

#include <sfcpp/error.hpp>
#include <sfcpp/record/metadata.hpp>

#include <concepts>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>

namespace sfcpp {

enum class field_state : std::uint8_t { not_set, null, value };

namespace detail {

// The storage of every field. The codecs reach it through `field_info::offset` and the state
// offset of the storage kind, so the layout is part of the contract: value first, then state.
template <class T>
struct field_slot {
    T value_{};
    field_state state_ = field_state::not_set;
};

// The C++ name of T, for messages: from the compiler's name of this function, so it costs no
// more than one string per value type that is read.
template <class T>
std::string_view type_name() noexcept {
    if constexpr (std::is_same_v<T, std::string>) return "std::string";
#if defined(_MSC_VER) && !defined(__clang__)
    const std::string_view f = __FUNCSIG__;  // "... type_name<double>(void) noexcept"
    const auto b = f.find("type_name<") + 10, e = f.rfind(">(void)");
#else
    const std::string_view f = __PRETTY_FUNCTION__;  // GCC "... [with T = double; ...]", Clang "[T = double]"
    const auto b = f.find("T = ") + 4, e = f.find_first_of(";]", b);
#endif
    return f.substr(b, e - b);
}

// Not a template: the message is built once whatever the number of field types. `kind` is
// "field" or "parent".
[[noreturn]] inline void throw_no_value(field_state s, std::string_view kind, std::string_view type) {
    std::string msg = "sfcpp: ";
    msg.append(kind).append("<").append(type).append("> ");
    msg += s == field_state::null ? "is null"
                                  : "is not set (not selected by the query, or never assigned)";
    msg += "; check has_value() or use get() before reading it";
    throw bad_field_access(s, msg);
}

template <std::uint32_t Flags>
inline constexpr bool writable_v = (Flags & (flag::createable | flag::updateable)) != 0;

struct field_access;

}  // namespace detail

template <class T, std::uint32_t Flags = flag::nillable | flag::createable | flag::updateable>
class field : private detail::field_slot<T> {
    using slot = detail::field_slot<T>;
    friend struct detail::field_access;

public:
    using value_type = T;
    static constexpr std::uint32_t flags = Flags;

    field() = default;

    field_state state() const noexcept { return slot::state_; }
    bool is_set() const noexcept { return slot::state_ != field_state::not_set; }
    bool is_null() const noexcept { return slot::state_ == field_state::null; }
    bool has_value() const noexcept { return slot::state_ == field_state::value; }
    explicit operator bool() const noexcept { return has_value(); }

    // The value; throws bad_field_access when the field is not set or null.
    const T& value() const& {
        if (slot::state_ != field_state::value) throw_no_value();
        return slot::value_;
    }
    T& value() & {
        if (slot::state_ != field_state::value) throw_no_value();
        return slot::value_;
    }
    const T& operator*() const& { return value(); }
    const T* operator->() const { return &value(); }

    // Nullptr unless the field holds a value.
    const T* get() const noexcept { return has_value() ? &this->value_ : nullptr; }

    std::optional<T> optional() const {
        return has_value() ? std::optional<T>(slot::value_) : std::nullopt;
    }

    template <class U>
    T value_or(U&& fallback) const {
        return has_value() ? slot::value_ : static_cast<T>(std::forward<U>(fallback));
    }

    template <class U>
        requires(!std::same_as<std::remove_cvref_t<U>, field> &&
                 !std::same_as<std::remove_cvref_t<U>, std::nullptr_t>)
    field& operator=(U&& v) {
        static_assert(detail::writable_v<Flags>,
                      "sfcpp: this field is read-only in Salesforce (neither createable nor updateable); "
                      "it can be read from query results but not set");
        static_assert(std::is_constructible_v<T, U&&>,
                      "sfcpp: this value's type does not fit the field's Salesforce type");
        slot::value_ = T(std::forward<U>(v));
        slot::state_ = field_state::value;
        return *this;
    }

    // `rec.Field = nullptr` sends null, which clears the field in Salesforce.
    field& operator=(std::nullptr_t) {
        set_null();
        return *this;
    }

    void set_null() {
        static_assert(detail::writable_v<Flags>,
                      "sfcpp: this field is read-only in Salesforce (neither createable nor updateable); "
                      "it cannot be cleared");
        static_assert((Flags & flag::nillable) != 0,
                      "sfcpp: this field is not nillable in Salesforce; it cannot be set to null");
        slot::value_ = T{};
        slot::state_ = field_state::null;
    }

    // Back to "not set": the field is left out of the next write. Always allowed.
    void reset() noexcept(std::is_nothrow_default_constructible_v<T> && std::is_nothrow_move_assignable_v<T>) {
        slot::value_ = T{};
        slot::state_ = field_state::not_set;
    }

    friend bool operator==(const field& a, const field& b) {
        return a.state() == b.state() && (!a.has_value() || a.slot::value_ == b.slot::value_);
    }

private:
    [[noreturn]] void throw_no_value() const { detail::throw_no_value(slot::state_, "field", detail::type_name<T>()); }
};

namespace detail {

// The back door used by the codecs, the emulator and tests: sets a value whatever the flags
// say, because data read from Salesforce may fill read-only fields.
struct field_access {
    template <class T, std::uint32_t F>
    static T& value(field<T, F>& f) noexcept { return f.slot::value_; }
    template <class T, std::uint32_t F>
    static field_state& state(field<T, F>& f) noexcept { return f.slot::state_; }
};

template <class T>
inline constexpr std::size_t state_offset_v = offsetof(field_slot<T>, state_);

}  // namespace detail

// Sets a field regardless of its write flags: for filling records read from elsewhere (a
// cache, a test fixture). Salesforce still rejects the write if such a record is sent.
template <class T, std::uint32_t F, class U>
void assign_unchecked(field<T, F>& f, U&& v) {
    detail::field_access::value(f) = T(std::forward<U>(v));
    detail::field_access::state(f) = field_state::value;
}

template <class T, std::uint32_t F>
void assign_null_unchecked(field<T, F>& f) {
    detail::field_access::value(f) = T{};
    detail::field_access::state(f) = field_state::null;
}

}  // namespace sfcpp
