// sfcpp/client/composite.hpp: typed Composite requests: up to 25 subrequests in one round trip,
// run in order, later ones naming the results of earlier ones.
//
//   sfcpp::composite_request req;                                  // all or none by default
//   req.create("acc", account);
//   req.create("con", contact, sfcpp::bind_id(Contact_.AccountId, "acc"));   // "@{acc.id}"
//   req.query("mine", "SELECT Id FROM Contact WHERE AccountId = '@{acc.id}'");
//   auto r = sfcpp::run_composite(sf, req);
//   r.throw_on_failure();                     // the first failed subrequest as a typed api_error
//   sfcpp::id contact_id = *r["con"].id();
//   auto rows = r["mine"].as<sfcpp::query_result<Contact>>();
//
// The check a plain create makes (required fields, createable fields) is made here too, before
// anything is sent; a field bound to a reference counts as set.
#pragma once

#include <sfcpp/client/client.hpp>

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

class composite_request {
public:
    static constexpr std::size_t max_subrequests = 25;  // Salesforce's limit per call

    explicit composite_request(bool all_or_none = true) : all_or_none_(all_or_none) {}

    template <record T, class... Tags>
    composite_request& create(std::string reference, const T& rec, const id_binding<Tags>&... binds) {
        return write(std::move(reference), http::verb::post, "sobjects/" + std::string(T::sobject_name), rec,
                     write_mode::create, binds...);
    }
    // PATCH by the record's Id; only set fields travel, null clears.
    template <record T, class... Tags>
    composite_request& update(std::string reference, const T& rec, const id_binding<Tags>&... binds) {
        if (!rec.Id.has_value()) throw error("sfcpp::composite_request: " + std::string(T::sobject_name) + ": the record has no Id");
        return write(std::move(reference), http::verb::patch,
                     "sobjects/" + std::string(T::sobject_name) + "/" + rec.Id.value().to_string(), rec,
                     write_mode::update, binds...);
    }
    // `id` is an id or a reference such as "@{acc.id}".
    template <record T>
    composite_request& destroy(std::string reference, std::string_view id) {
        return add(std::move(reference), http::verb::delete_,
                   "sobjects/" + std::string(T::sobject_name) + "/" + encode_keeping_references(id), nullptr);
    }
    template <record T>
    composite_request& retrieve(std::string reference, std::string_view id) {
        return add(std::move(reference), http::verb::get,
                   "sobjects/" + std::string(T::sobject_name) + "/" + encode_keeping_references(id), nullptr);
    }
    // A query: SOQL text (references allowed inside literals), or a builder query.
    composite_request& query(std::string reference, std::string_view soql) {
        return add(std::move(reference), http::verb::get, "query?q=" + encode_keeping_references(soql), nullptr);
    }
    template <class Q>
        requires requires(const Q& q) { to_soql(q); }
    composite_request& query(std::string reference, const Q& q) {
        const std::string text(to_soql(q));
        return query(std::move(reference), std::string_view(text));
    }
    // Anything else under /services/data/vNN.N/ (`path` relative to it).
    composite_request& raw(std::string reference, http::verb method, std::string path, boost::json::value body = nullptr) {
        return add(std::move(reference), method, std::move(path), std::move(body));
    }

    std::size_t size() const noexcept { return subs_.size(); }
    bool all_or_none() const noexcept { return all_or_none_; }

    // The request body, with subrequest URLs under `data_path` ("/services/data/v60.0").
    boost::json::value to_json(std::string_view data_path) const {
        boost::json::array list;
        for (const auto& s : subs_) {
            boost::json::object o{{"method", std::string(http::to_string(s.method))},
                                  {"url", std::string(data_path) + "/" + s.path},
                                  {"referenceId", s.reference}};
            if (!s.body.is_null()) o["body"] = s.body;
            list.push_back(std::move(o));
        }
        return boost::json::object{{"allOrNone", all_or_none_}, {"compositeRequest", std::move(list)}};
    }

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

    composite_request& add(std::string reference, http::verb method, std::string path, boost::json::value body) {
        if (subs_.size() == max_subrequests)
            throw error("sfcpp::composite_request: more than 25 subrequests; split the work or use sObject Collections");
        if (reference.empty()) throw error("sfcpp::composite_request: every subrequest needs a reference id");
        for (const auto& s : subs_)
            if (s.reference == reference) throw error("sfcpp::composite_request: reference id '" + reference + "' is used twice");
        subs_.push_back({std::move(reference), method, std::move(path), std::move(body)});
        return *this;
    }

    // Salesforce resolves "@{ref.field}" in the URL as written, so references stay unencoded.
    static std::string encode_keeping_references(std::string_view s) {
        std::string out;
        while (!s.empty()) {
            const auto open = s.find("@{");
            const auto close = open == std::string_view::npos ? open : s.find('}', open);
            if (close == std::string_view::npos) {
                out += http::url_encode(s);
                break;
            }
            out += http::url_encode(s.substr(0, open));
            out += s.substr(open, close + 1 - open);
            s.remove_prefix(close + 1);
        }
        return out;
    }

    static boost::json::value parse(const std::string& text) { return boost::json::parse(text); }
    static sfcpp::id placeholder() { return *sfcpp::id::parse_unverified("000000000000000AAA"); }

    bool all_or_none_;
    std::vector<sub> subs_;
};

struct composite_subresult {
    std::string reference;
    int status = 0;
    boost::json::value body;
    std::vector<api_error_item> errors;  // when the subrequest failed

    bool ok() const noexcept { return status >= 200 && status < 300; }
    // The id a create returned.
    std::optional<sfcpp::id> id() const {
        if (const auto* o = body.if_object())
            if (const auto* v = o->if_contains("id"); v && v->is_string()) return sfcpp::id::parse(v->get_string());
        return std::nullopt;
    }
    // The body decoded as a record or a query_result<Row>.
    template <class T>
    T as() const {
        return from_json<T>(boost::json::serialize(body));
    }
};

class composite_result {
public:
    std::vector<composite_subresult> items;  // in request order

    const composite_subresult& operator[](std::string_view reference) const {
        for (const auto& r : items)
            if (r.reference == reference) return r;
        throw error("sfcpp::composite_result: no subrequest '" + std::string(reference) + "'");
    }
    bool all_ok() const noexcept {
        for (const auto& r : items)
            if (!r.ok()) return false;
        return true;
    }
    // Throws the typed api_error of the first subrequest that failed for a reason of its own
    // (with all-or-none, the others report PROCESSING_HALTED).
    void throw_on_failure() const {
        const composite_subresult* culprit = nullptr;
        for (const auto& r : items) {
            if (r.ok()) continue;
            const bool halted = !r.errors.empty() && r.errors.front().error_code == "PROCESSING_HALTED";
            if (!halted) {
                culprit = &r;
                break;
            }
            if (!culprit) culprit = &r;  // only halted ones so far
        }
        if (culprit)
            throw_api_error(culprit->status, boost::json::serialize(culprit->body),
                            "composite subrequest '" + culprit->reference + "'");
    }
};

// Sends the request (never retried once it may have reached the server) and reads every
// subrequest's outcome.
inline composite_result run_composite(client& sf, const composite_request& req) {
    const boost::json::value v = sf.composite(req.to_json(sf.data_path()));
    composite_result out;
    const auto* o = v.if_object();
    const auto* list = o ? o->if_contains("compositeResponse") : nullptr;
    if (!list || !list->is_array()) throw decode_error("sfcpp: the Composite response has no compositeResponse array");
    for (const auto& e : list->get_array()) {
        const auto* item = e.if_object();
        if (!item) throw decode_error("sfcpp: a Composite subresponse is not an object");
        composite_subresult r;
        if (const auto* ref = item->if_contains("referenceId"); ref && ref->is_string()) r.reference = ref->get_string();
        if (const auto* st = item->if_contains("httpStatusCode"); st && st->is_number()) r.status = st->to_number<int>();
        if (const auto* b = item->if_contains("body")) r.body = *b;
        if (!r.ok()) r.errors = parse_error_body(boost::json::serialize(r.body));
        out.items.push_back(std::move(r));
    }
    return out;
}

}  // namespace sfcpp
