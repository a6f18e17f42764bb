// sfcpp/described.hpp: the user's own structs as JSON bodies (Apex REST, composite, events),
// described once with Boost.Describe and no hand-written conversion:
//
//   struct line { std::string sku; int quantity = 0; std::optional<double> price; };
//   BOOST_DESCRIBE_STRUCT(line, (), (sku, quantity, price))
//
//   std::string body = sfcpp::to_json(l);          // {"sku":"A-1","quantity":2,"price":null}
//   auto back = sfcpp::from_json<line>(body);
//
// Reading is lenient where Salesforce is loose and strict where data would be lost: keys the
// struct lacks are skipped (an org or an Apex class gains fields), keys the JSON lacks leave the
// member as the struct initialises it, and a value of the wrong type is a decode_error naming
// `struct.member` and the value's JSON path. Boost.JSON's own conversion of described structs
// wants exactly the struct's keys, which no Salesforce response promises.
//
// Members may be described structs, std::optional (empty: null), std::vector, sfcpp::id, date,
// datetime, time_of_day (their Salesforce text forms), or anything Boost.JSON converts.
#pragma once

#include <sfcpp/codec_options.hpp>
#include <sfcpp/datetime.hpp>
#include <sfcpp/error.hpp>
#include <sfcpp/id.hpp>
#include <sfcpp/record/metadata.hpp>

#include <boost/core/type_name.hpp>
#include <boost/describe/members.hpp>
#include <boost/describe/modifiers.hpp>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>
#include <boost/json/value_from.hpp>
#include <boost/json/value_to.hpp>
#include <boost/mp11/algorithm.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

namespace sfcpp {

// A struct with BOOST_DESCRIBE_STRUCT public members that is not a generated record (records
// have their own codec: field states, write modes, relationships).
template <class T>
concept described_struct = boost::describe::has_describe_members<T>::value && !record<T>;

namespace detail::described {

template <class T>
inline constexpr bool is_optional = false;
template <class T>
inline constexpr bool is_optional<std::optional<T>> = true;
template <class T>
inline constexpr bool is_vector = false;
template <class T, class A>
inline constexpr bool is_vector<std::vector<T, A>> = true;
template <class T>
inline constexpr bool is_text_value = std::is_same_v<T, sfcpp::id> || std::is_same_v<T, date> ||
                                      std::is_same_v<T, datetime> || std::is_same_v<T, time_of_day>;

constexpr unsigned members = boost::describe::mod_public;

template <class T>
boost::json::value write(const T& v) {
    if constexpr (described_struct<T>) {
        boost::json::object o;
        boost::mp11::mp_for_each<boost::describe::describe_members<T, members>>(
            [&](auto m) { o.emplace(m.name, write(v.*m.pointer)); });
        return o;
    } else if constexpr (is_optional<T>) {
        return v ? write(*v) : boost::json::value(nullptr);
    } else if constexpr (is_vector<T>) {
        boost::json::array a;
        a.reserve(v.size());
        for (const auto& e : v) a.push_back(write(e));
        return a;
    } else if constexpr (is_text_value<T>) {
        return boost::json::value(v.to_string());
    } else {
        return boost::json::value_from(v);
    }
}

[[noreturn]] inline void fail(std::string_view type, const std::string& path, std::string_view what,
                              errc code = errc::wrong_type) {
    throw decode_error(code, "sfcpp: " + std::string(type) + ": " + path + ": " + std::string(what));
}

template <class T>
constexpr errc invalid_text_code() noexcept {
    if constexpr (std::is_same_v<T, sfcpp::id>) return errc::invalid_id;
    else if constexpr (std::is_same_v<T, date>) return errc::invalid_date;
    else if constexpr (std::is_same_v<T, datetime>) return errc::invalid_datetime;
    else return errc::invalid_time;
}

// `type` is the outermost struct, `path` where `j` sits in the document ("$.lines[2].sku").
template <class T>
void read(const boost::json::value& j, T& out, std::string_view type, const std::string& path) {
    if constexpr (described_struct<T>) {
        const auto* o = j.if_object();
        if (!o) fail(type, path, "expected an object");
        boost::mp11::mp_for_each<boost::describe::describe_members<T, members>>([&](auto m) {
            if (const auto* v = o->if_contains(m.name)) read(*v, out.*m.pointer, type, path + "." + m.name);
        });
    } else if constexpr (is_optional<T>) {
        if (j.is_null()) {
            out.reset();
        } else {
            typename T::value_type v{};
            read(j, v, type, path);
            out = std::move(v);
        }
    } else if constexpr (is_vector<T>) {
        const auto* a = j.if_array();
        if (!a) fail(type, path, "expected an array");
        T v;
        v.resize(a->size());
        for (std::size_t i = 0; i < a->size(); ++i) read((*a)[i], v[i], type, path + "[" + std::to_string(i) + "]");
        out = std::move(v);
    } else if constexpr (is_text_value<T>) {
        const auto* s = j.if_string();
        std::optional<T> v = s ? T::parse(*s) : std::nullopt;
        if (!v)
            fail(type, path, std::string("expected a ") + (std::is_same_v<T, sfcpp::id> ? "Salesforce id" : "date or time"),
                 invalid_text_code<T>());
        out = *v;
    } else {
        auto r = boost::json::try_value_to<T>(j);
        if (!r) fail(type, path, r.error().message());
        out = std::move(*r);
    }
}

}  // namespace detail::described

template <described_struct T>
boost::json::value to_json_value(const T& v) {
    return detail::described::write(v);
}

template <described_struct T>
std::string to_json(const T& v) {
    return boost::json::serialize(detail::described::write(v));
}

template <described_struct T>
void from_json_value(const boost::json::value& j, T& out) {
    detail::described::read(j, out, boost::core::type_name<T>(), "$");
}

template <described_struct T>
T from_json_value(const boost::json::value& j) {
    T out{};
    from_json_value(j, out);
    return out;
}

// Decodes into `out`; the same signature as the record form, chosen for described structs.
template <described_struct T>
void from_json(std::string_view text, T& out, const decode_options& = {}) {
    boost::system::error_code ec;
    boost::json::value j = boost::json::parse(text, ec);
    if (ec)
        throw decode_error(errc::malformed_json, "sfcpp: " + boost::core::type_name<T>() + ": malformed JSON: " + ec.message());
    from_json_value(j, out);
}

template <described_struct T>
T from_json(std::string_view text, const decode_options& opt = {}) {
    T out{};
    from_json(text, out, opt);
    return out;
}

}  // namespace sfcpp
