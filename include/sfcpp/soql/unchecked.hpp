// sfcpp/soql/unchecked.hpp: SOQL the builder cannot express, sent as written.
//
//   auto q = sfcpp::soql::unchecked<sobjects::Account>("SELECT Id, Name FROM Account WHERE ...");
//
// Nothing in the text is checked or escaped: never build it from untrusted input (quote values
// with soql::quote()). Row is the type each record decodes into: a generated record, whose
// unselected fields stay not set, or void when the caller decodes the JSON itself.
#pragma once

#include <sfcpp/record.hpp>

#include <string>
#include <string_view>

namespace sfcpp::soql {

template <class Row = void>
class unchecked_query {
    std::string text_;

public:
    using row_type = Row;
    explicit unchecked_query(std::string text) : text_(std::move(text)) {}
    const std::string& to_soql() const noexcept { return text_; }
};

template <class Row = void>
unchecked_query<Row> unchecked(std::string text) {
    return unchecked_query<Row>(std::move(text));
}

template <class Row>
const std::string& to_soql(const unchecked_query<Row>& q) noexcept {
    return q.to_soql();
}

}  // namespace sfcpp::soql
