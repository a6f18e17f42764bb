// sfcpp/client/composite.hpp: typed Composite requests: up to 25 subrequests in one round trip,
// run in order, later ones naming the results of earlier ones.
//
//   sfcpp::composite_request req({.all_or_none = true});         // Salesforce's default: false
//   req.create("acc", account);
//   req.create("con", contact, sfcpp::bind_id(Contact_.AccountId, "acc"));   // "@{acc.id}"
//   req.query("mine", "SELECT Id FROM Contact WHERE AccountId = '@{acc.id}'");
//   auto r = sf.run(req);
//   r.throw_on_failure();                     // the first failed subrequest as a typed api_error
//   sfcpp::id contact_id = *r["con"].id();
//   auto rows = r["mine"].as<sfcpp::query_result<Contact>>();
//
// The check a plain create makes (required fields, createable fields) is made here too, before
// anything is sent; a field bound to a reference counts as set.
#pragma once

#include <sfcpp/client/client.hpp>
#include <sfcpp/config.hpp>

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

namespace sfcpp {

// A field of the record being written, filled by the server with the id an earlier subrequest
// created: `bind_id(Contact_.AccountId, "acc")` sends `"AccountId": "@{acc.id}"`.
template <class Tag>
struct id_binding {
    std::string reference;
};

template <class Tag>
id_binding<Tag> bind_id(Tag, std::string reference) {
    static_assert(Tag::type == field_type::reference || Tag::type == field_type::id,
                  "sfcpp::bind_id: only a reference (lookup) field can take the id of another subrequest's record");
    return {std::move(reference)};
}

// A record a subrequest addresses: an id, or a reference to the id an earlier subrequest created
// ("@{acc.id}").
struct id_or_reference {
    std::string text;
    id_or_reference(const sfcpp::id& id) : text(id.to_string()) {}
    id_or_reference(std::string reference) : text(std::move(reference)) {}
    id_or_reference(std::string_view reference) : text(reference) {}
    id_or_reference(const char* reference) : text(reference) {}
};

class composite_request {
public:
    static constexpr std::size_t max_subrequests = 25;  // Salesforce's limit per call

    composite_request() = default;
    explicit composite_request(const save_options& o) : options_(o) {}

    template <record T, class... Tags>
    composite_request& create(std::string reference, const T& rec, const id_binding<Tags>&... binds) {
        return write(std::move(reference), http::verb::post, "sobjects/" + std::string(T::sobject_name), rec,
                     write_mode::create, binds...);
    }
    // PATCH by the record's Id; only set fields travel, null clears.
    template <record T, class... Tags>
    composite_request& update(std::string reference, const T& rec, const id_binding<Tags>&... binds) {
        return update(std::move(reference), detail::id_text(rec), rec, binds...);
    }
    // PATCH of the record `id` with a record of changes (its Id unset).
    template <record T, class... Tags>
    composite_request& update(std::string reference, const id_or_reference& id, const T& changes,
                              const id_binding<Tags>&... binds) {
        return write(std::move(reference), http::verb::patch,
                     "sobjects/" + std::string(T::sobject_name) + "/" + encode_keeping_references(id.text), changes,
                     write_mode::update, binds...);
    }
    // Upsert by a key field, checked as sfcpp::client::upsert checks it.
    template <record T, field_tag Key>
    composite_request& upsert(std::string reference, const T& rec, Key) {
        static_assert(detail::check_key<T, Key>());
        const auto& kf = rec.*Key::member_ptr;
        if (!kf.has_value()) detail::throw_missing_key(T::sobject_name, Key::name);
        T body = rec;
        (body.*Key::member_ptr).reset();
        // Not checked as a create: an upsert that finds its record is an update.
        return add(std::move(reference), http::verb::patch,
                   "sobjects/" + std::string(T::sobject_name) + "/" + std::string(Key::name) + "/" +
                       http::path_segment(detail::key_text(kf.value())),
                   parse(sfcpp::to_json(body, {write_mode::create})));
    }
    template <record T>
    composite_request& remove(std::string reference, const id_or_reference& id) {
        return add(std::move(reference), http::verb::delete_,
                   "sobjects/" + std::string(T::sobject_name) + "/" + encode_keeping_references(id.text), nullptr);
    }
    template <record T>
    composite_request& retrieve(std::string reference, const id_or_reference& id) {
        return add(std::move(reference), http::verb::get,
                   "sobjects/" + std::string(T::sobject_name) + "/" + encode_keeping_references(id.text), nullptr);
    }
    // A query: SOQL text (references allowed inside literals), or a builder query.
    SFCPP_DECL composite_request& query(std::string reference, std::string_view soql);
    template <typed_query Q>
    composite_request& query(std::string reference, const Q& q) {
        const std::string text(to_soql(q));
        return query(std::move(reference), std::string_view(text));
    }
    // Anything else under /services/data/vNN.N/ (`path` relative to it).
    SFCPP_DECL composite_request& raw(std::string reference, http::verb method, std::string path,
                                      boost::json::value body = nullptr);

    std::size_t size() const noexcept { return subs_.size(); }
    const save_options& options() const noexcept { return options_; }

    // The request body, with subrequest URLs under `data_path` ("/services/data/v60.0").
    SFCPP_DECL boost::json::value to_json(std::string_view data_path) const;

private:
    struct sub {
        std::string reference;
        http::verb method;
        std::string path;
        boost::json::value body;
    };

    template <record T, class... Tags>
    composite_request& write(std::string reference, http::verb method, std::string path, const T& rec, write_mode mode,
                             const id_binding<Tags>&... binds) {
        static_assert((std::is_same_v<typename Tags::record, T> && ...),
                      "sfcpp::composite_request: a bound field belongs to another object than the record written");
        if constexpr (sizeof...(Tags) == 0) {
            check_write(rec, mode);
            return add(std::move(reference), method, std::move(path), parse(sfcpp::to_json(rec, {mode})));
        } else {
            // The bound fields count as set for the write check; their values are replaced below.
            T copy = rec;
            (assign_unchecked(copy.*Tags::member_ptr, placeholder()), ...);
            check_write(copy, mode);
            boost::json::value body = parse(sfcpp::to_json(copy, {mode}));
            auto& o = body.as_object();
            ((o[Tags::name] = "@{" + binds.reference + ".id}"), ...);
            return add(std::move(reference), method, std::move(path), std::move(body));
        }
    }

    SFCPP_DECL composite_request& add(std::string reference, http::verb method, std::string path,
                                      boost::json::value body);

    // Salesforce resolves "@{ref.field}" in the URL as written, so references stay unencoded.
    SFCPP_DECL static std::string encode_keeping_references(std::string_view s);

    static boost::json::value parse(const std::string& text) { return boost::json::parse(text); }
    static sfcpp::id placeholder() { return *sfcpp::id::parse_unverified("000000000000000AAA"); }

    save_options options_;
    std::vector<sub> subs_;
};

struct composite_subresult {
    std::string reference;
    int status = 0;
    boost::json::value body;
    std::vector<api_error_item> errors;  // when the subrequest failed

    bool ok() const noexcept { return status >= 200 && status < 300; }
    // The id a create returned.
    SFCPP_DECL std::optional<sfcpp::id> id() const;
    // The body decoded as a record or a query_result<Row>.
    template <class T>
    T as() const {
        return from_json<T>(boost::json::serialize(body));
    }
};

class composite_result {
public:
    std::vector<composite_subresult> items;  // in request order

    SFCPP_DECL const composite_subresult& operator[](std::string_view reference) const;
    SFCPP_DECL bool all_ok() const noexcept;
    // Throws the typed api_error of the first subrequest that failed for a reason of its own
    // (with all-or-none, the others report PROCESSING_HALTED).
    SFCPP_DECL void throw_on_failure() const;
};

}  // namespace sfcpp

#if defined(SFCPP_HEADER_ONLY)
#include <sfcpp/client/impl/composite.ipp>
#endif
