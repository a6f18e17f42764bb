// sfcpp/bulk/query.hpp: Bulk API 2.0 query jobs as a lazy range of typed records.
//
//   for (const auto& inv : sfcpp::bulk::query(sf, select(Invoice_c_.Id, Invoice_c_.Name).from<Invoice_c>())) ...
//
// Iteration creates the job, polls it with backoff until JobComplete, then reads the results page
// by page (`maxRecords` rows per page, the next page named by Sforce-Locator), decoding one row
// at a time: memory holds one page whatever the total.
#pragma once

#include <sfcpp/bulk/job.hpp>
#include <sfcpp/config.hpp>
#include <sfcpp/csv.hpp>

#include <iterator>
#include <optional>
#include <set>
#include <string>

namespace sfcpp::bulk {

struct query_job_options {
    csv::dialect dialect{};
    std::optional<std::size_t> max_records;  // rows per page; empty: as many as the server sends
    poll_options poll{};
    std::function<void(const job_info&)> on_poll;
    bool remove_job = false;  // remove the job from the org once the last page is read
};

namespace detail {
// Creates the query job and polls it until it has ended; throws unless it is JobComplete.
SFCPP_DECL job_info run_query_job(client& sf, const std::string& soql, bool all_rows, const query_job_options& o);
}  // namespace detail

template <record T>
class query_results {
public:
    query_results(client& sf, std::string soql, bool all_rows, query_job_options o)
        : sf_(&sf), soql_(std::move(soql)), all_(all_rows), opts_(std::move(o)) {}
    query_results(const query_results&) = delete;
    query_results& operator=(const query_results&) = delete;
    query_results(query_results&&) noexcept = default;  // only before iterating

    class iterator {
        query_results* r_ = nullptr;

    public:
        using iterator_category = std::input_iterator_tag;
        using value_type = T;
        using difference_type = std::ptrdiff_t;
        using reference = T&;
        using pointer = T*;

        iterator() = default;
        explicit iterator(query_results* r) : r_(r) {}
        T& operator*() const { return r_->current_; }
        T* operator->() const { return &r_->current_; }
        iterator& operator++() {
            if (!r_->advance()) r_ = nullptr;
            return *this;
        }
        void operator++(int) { ++*this; }
        friend bool operator==(const iterator& a, std::default_sentinel_t) noexcept { return a.r_ == nullptr; }
    };

    iterator begin() {
        if (started_) throw usage_error("sfcpp::bulk::query_results is single-pass: begin() was called already");
        started_ = true;
        return advance() ? iterator(this) : iterator();
    }
    std::default_sentinel_t end() const noexcept { return {}; }

    // Every remaining row.
    std::vector<T> collect() {
        std::vector<T> out;
        for (auto& r : *this) out.push_back(std::move(r));
        return out;
    }

    const job_info& job() const noexcept { return job_; }
    std::size_t pages() const noexcept { return pages_; }

private:
    void start() { job_ = detail::run_query_job(*sf_, soql_, all_, opts_); }

    void fetch() {
        std::string path = detail::job_path(job_kind::query, job_.id) + "/results";
        char sep = '?';
        if (opts_.max_records) {
            path += sep + std::string("maxRecords=") + std::to_string(*opts_.max_records);
            sep = '&';
        }
        if (!locator_.empty()) path += sep + std::string("locator=") + http::url_encode(locator_);
        request_options ro;
        ro.headers.emplace_back("Accept", "text/csv");
        http::response res = sf_->send(http::verb::get, path, {}, ro);
        ++pages_;
        locator_ = std::string(res.header("Sforce-Locator"));
        last_page_ = locator_.empty() || locator_ == "null";
        if (!last_page_ && !locators_.insert(locator_).second)
            throw decode_error("sfcpp::bulk: the server sent the same Sforce-Locator twice for job " + job_.id +
                               ": stopping instead of looping");
        csv::read_options rd;
        rd.dialect = job_.dialect;
        rd.empty_cell = field_state::null;  // query results write null as an empty cell
        reader_.emplace(rd);
        reader_->feed(res.body);
        reader_->finish();
    }

    bool advance() {
        if (!job_started_) {
            job_started_ = true;
            start();
            fetch();
        }
        for (;;) {
            if (reader_->next(current_)) return true;
            if (last_page_) {
                if (opts_.remove_job && !deleted_) {
                    deleted_ = true;
                    bulk::remove_job(*sf_, job_kind::query, job_.id);
                }
                return false;
            }
            fetch();
        }
    }

    client* sf_;
    std::string soql_;
    bool all_;
    query_job_options opts_;
    job_info job_;
    std::string locator_;
    std::set<std::string> locators_;  // every locator seen: a server that repeats one would loop
    bool started_ = false, job_started_ = false, last_page_ = false, deleted_ = false;
    std::size_t pages_ = 0;
    std::optional<csv::reader<T>> reader_;
    T current_{};
};

// A query job from SOQL text, decoded into T (unselected fields stay not set).
template <record T>
query_results<T> query(client& sf, std::string soql, query_job_options o = {}) {
    return query_results<T>(sf, std::move(soql), false, std::move(o));
}
template <record T>
query_results<T> query_all(client& sf, std::string soql, query_job_options o = {}) {
    return query_results<T>(sf, std::move(soql), true, std::move(o));
}
// A query job from a builder query (sfcpp::soql::select(...)).
template <typed_query Q>
query_results<typename Q::row_type> query(client& sf, const Q& q, query_job_options o = {}) {
    return query_results<typename Q::row_type>(sf, std::string(to_soql(q)), false, std::move(o));
}
template <typed_query Q>
query_results<typename Q::row_type> query_all(client& sf, const Q& q, query_job_options o = {}) {
    return query_results<typename Q::row_type>(sf, std::string(to_soql(q)), true, std::move(o));
}

}  // namespace sfcpp::bulk

#if defined(SFCPP_HEADER_ONLY)
#include <sfcpp/bulk/impl/query.ipp>
#endif
