// sfcpp/client/query_range.hpp: query results as a lazy, single-pass range.
//
//   for (const auto& row : sf.query<Account>("SELECT Id, Name FROM Account")) ...
//
// The first page is requested when iteration starts; the next page (nextRecordsUrl) when the
// current one is used up, decoded into the same buffer: memory stays at one page whatever the
// total. collect() gathers every row when that is what you want.
#pragma once

#include <sfcpp/config.hpp>
#include <sfcpp/record/metadata.hpp>
#include <sfcpp/record.hpp>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <iterator>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

namespace sfcpp {

class client;

struct query_options {
    std::optional<int> batch_size;  // Sforce-Query-Options: batchSize (200..2000); the server may send more or fewer
};

namespace detail {
inline constexpr std::size_t max_query_page_rows = 2000;  // Salesforce's largest query page
// collect() reserves what totalSize announces up to this many rows, then grows as rows arrive: a
// server's totalSize is a claim, not a size to allocate.
inline constexpr std::size_t max_collect_reserve = 10 * max_query_page_rows;

// Paging, whatever the row type: the client, the SOQL, the page URLs already asked for. Compiled
// once; a query_range<Row> adds only its page buffer and how to clear it.
class query_pager {
public:
    query_pager(client& c, std::string soql, bool all, query_options o)
        : client_(&c), soql_(std::move(soql)), all_(all), opts_(o) {}

    // The first page into `page` (its records empty); false when it was fetched before.
    SFCPP_DECL bool start(query_result_header& page, const object_info& row);
    // The page at `path` (a nextRecordsUrl) into `page`, whose records the caller has cleared.
    SFCPP_DECL void fetch(std::string path, query_result_header& page, const object_info& row);
    std::size_t pages() const noexcept { return pages_; }

private:
    client* client_;
    std::string soql_;
    bool all_;
    query_options opts_;
    bool started_ = false;
    std::size_t pages_ = 0;
    std::set<std::string> fetched_;  // page URLs asked for: a server that repeats one would loop
};
}  // namespace detail

template <class Row>
class query_range {
public:
    query_range(client& c, std::string soql, bool all, query_options o) : pager_(c, std::move(soql), all, o) {}
    query_range(const query_range&) = delete;
    query_range& operator=(const query_range&) = delete;
    query_range(query_range&&) noexcept = default;  // only before iterating: iterators point at the range

    class iterator {
        query_range* r_ = nullptr;  // nullptr: past the end

    public:
        using iterator_category = std::input_iterator_tag;
        using value_type = Row;
        using difference_type = std::ptrdiff_t;
        using reference = Row&;
        using pointer = Row*;

        iterator() = default;
        explicit iterator(query_range* r) : r_(r && !r->at_end() ? r : nullptr) {}

        Row& operator*() const { return r_->page_.records[r_->pos_]; }
        Row* operator->() const { return &**this; }
        iterator& operator++() {
            r_->advance();
            if (r_->at_end()) r_ = nullptr;
            return *this;
        }
        void operator++(int) { ++*this; }
        friend bool operator==(const iterator& a, std::default_sentinel_t) noexcept { return a.r_ == nullptr; }
    };

    iterator begin() {
        start();
        return iterator(this);
    }
    std::default_sentinel_t end() const noexcept { return {}; }

    // totalSize of the query (COUNT() queries have no rows, only this).
    std::int64_t total_size() {
        start();
        return page_.total_size;
    }
    // The page being read; its records are replaced when the next page arrives.
    const query_result<Row>& page() const noexcept { return page_; }
    std::size_t pages_fetched() const noexcept { return pager_.pages(); }

    std::vector<Row> collect() {
        std::vector<Row> out;
        start();
        if (page_.total_size > 0)
            out.reserve(static_cast<std::size_t>(std::min<std::int64_t>(
                page_.total_size, static_cast<std::int64_t>(detail::max_collect_reserve))));
        while (!at_end()) {
            out.push_back(std::move(page_.records[pos_]));
            advance();
        }
        return out;
    }

private:
    void start() {
        if (pager_.start(page_, Row::sfcpp_info())) skip_empty_pages();
    }
    void next_page() {
        page_.records.clear();
        pager_.fetch(page_.next_records_url, page_, Row::sfcpp_info());
        pos_ = 0;
    }
    bool at_end() const noexcept { return pos_ >= page_.records.size(); }
    bool has_next_page() const noexcept { return !page_.done && !page_.next_records_url.empty(); }
    void skip_empty_pages() {
        while (at_end() && has_next_page()) next_page();
    }
    void advance() {
        ++pos_;
        if (at_end() && has_next_page()) {
            next_page();
            skip_empty_pages();
        }
    }

    detail::query_pager pager_;
    query_result<Row> page_;
    std::size_t pos_ = 0;
};

}  // namespace sfcpp
