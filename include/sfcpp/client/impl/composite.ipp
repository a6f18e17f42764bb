// sfcpp/client/impl/composite.ipp: Composite requests built and their answers read. Included by
// composite.hpp (header-only) or compiled once through sfcpp/src.hpp.
#pragma once

#include <sfcpp/client/composite.hpp>

namespace sfcpp {

SFCPP_DECL composite_request& composite_request::query(std::string reference, std::string_view soql) {
    return add(std::move(reference), http::verb::get, "query?q=" + encode_keeping_references(soql), nullptr);
}

SFCPP_DECL composite_request& composite_request::raw(std::string reference, http::verb method, std::string path,
                                                     boost::json::value body) {
    return add(std::move(reference), method, std::move(path), std::move(body));
}

SFCPP_DECL boost::json::value composite_request::to_json(std::string_view data_path) const {
    boost::json::array list;
    for (const auto& s : subs_) {
        boost::json::object o{{"method", std::string(http::to_string(s.method))},
                              {"url", std::string(data_path) + "/" + s.path},
                              {"referenceId", s.reference}};
        if (!s.body.is_null()) o["body"] = s.body;
        list.push_back(std::move(o));
    }
    return boost::json::object{{"allOrNone", options_.all_or_none}, {"compositeRequest", std::move(list)}};
}

SFCPP_DECL composite_request& composite_request::add(std::string reference, http::verb method, std::string path,
                                                     boost::json::value body) {
    if (subs_.size() == max_subrequests)
        throw usage_error("sfcpp::composite_request: more than 25 subrequests; split the work or use sObject Collections");
    if (reference.empty()) throw usage_error("sfcpp::composite_request: every subrequest needs a reference id");
    for (const auto& s : subs_)
        if (s.reference == reference)
            throw usage_error("sfcpp::composite_request: reference id '" + reference + "' is used twice");
    subs_.push_back({std::move(reference), method, std::move(path), std::move(body)});
    return *this;
}

SFCPP_DECL std::string composite_request::encode_keeping_references(std::string_view s) {
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

SFCPP_DECL std::optional<sfcpp::id> composite_subresult::id() const {
    if (const auto* o = body.if_object())
        if (const auto* v = o->if_contains("id"); v && v->is_string()) return sfcpp::id::parse(v->get_string());
    return std::nullopt;
}

SFCPP_DECL const composite_subresult& composite_result::operator[](std::string_view reference) const {
    for (const auto& r : items)
        if (r.reference == reference) return r;
    throw usage_error("sfcpp::composite_result: no subrequest '" + std::string(reference) + "'");
}

SFCPP_DECL bool composite_result::all_ok() const noexcept {
    for (const auto& r : items)
        if (!r.ok()) return false;
    return true;
}

SFCPP_DECL void composite_result::throw_on_failure() const {
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

SFCPP_DECL composite_result client::run(const composite_request& req) {
    request_options ro;
    ro.idempotent = false;  // its creates must never be sent twice
    const boost::json::value v = call(http::verb::post, "composite", req.to_json(data_path()), ro);
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
