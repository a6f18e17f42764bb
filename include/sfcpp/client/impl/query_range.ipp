// sfcpp/client/impl/query_range.ipp: paging of every typed query. Included by client.hpp
// (header-only) or compiled once through sfcpp/src.hpp.
#pragma once

#include <sfcpp/client/client.hpp>
#include <sfcpp/json.hpp>

#include <algorithm>

namespace sfcpp::detail {

SFCPP_DECL bool query_pager::start(query_result_header& page, const object_info& row) {
    if (started_) return false;
    started_ = true;
    fetch((all_ ? "queryAll?q=" : "query?q=") + http::url_encode(soql_), page, row);
    return true;
}

SFCPP_DECL void query_pager::fetch(std::string path, query_result_header& page, const object_info& row) {
    if (!fetched_.insert(path).second)
        throw decode_error("sfcpp: the server sent page " + path.substr(0, path.find('?')) +
                           " of the query again: stopping instead of looping");
    request_options ro;
    if (opts_.batch_size) ro.headers.emplace_back("Sforce-Query-Options", "batchSize=" + std::to_string(*opts_.batch_size));
    http::response res = client_->send(http::verb::get, path, {}, ro);
    page.next_records_url.clear();
    page.done = true;
    // The buffer is reused page after page: never reserve more than one page in it.
    decode_options dopt;
    dopt.max_reserved_rows = std::max<std::size_t>(max_query_page_rows,
                                                   opts_.batch_size ? static_cast<std::size_t>(*opts_.batch_size) : 0);
    decode_json(res.body, json_root::query_result, row, &page, dopt);
    ++pages_;
}

}  // namespace sfcpp::detail
