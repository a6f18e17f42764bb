// sfcpp/record/range.hpp: the ranges of records that the many-record calls take, named once for
// the client's collections, Bulk loads and the CSV writer.
#pragma once

#include <sfcpp/id.hpp>
#include <sfcpp/record/metadata.hpp>

#include <concepts>
#include <ranges>

namespace sfcpp {

// Records of one generated type, read in order and possibly twice (the CSV header is the union
// of the fields set over all of them): a vector, an array, a span, a view.
template <class R>
concept record_range = std::ranges::forward_range<R> && record<std::ranges::range_value_t<R>>;

// Record ids, for the many-record removes.
template <class R>
concept id_range = std::ranges::forward_range<R> && std::same_as<std::ranges::range_value_t<R>, sfcpp::id>;

// Records in one piece of memory that outlives the call's result, which points into it (Bulk's
// successes and failures name their input record): a vector or array by name, a span. A
// temporary vector is refused.
template <class R>
concept record_block = std::ranges::contiguous_range<R> && std::ranges::sized_range<R> &&
                       std::ranges::borrowed_range<R> && record<std::ranges::range_value_t<R>>;

template <record_range R>
using range_record_t = std::ranges::range_value_t<R>;

}  // namespace sfcpp
