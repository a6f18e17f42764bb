// sfcpp/client/impl/async.ipp: the async client's worker pool. Included by async.hpp
// (header-only) or compiled once through sfcpp/src.hpp.
#pragma once

#include <sfcpp/client/async.hpp>

namespace sfcpp {

SFCPP_DECL async_client::async_client(client& c, std::size_t threads)
    : client_(&c), pool_(std::in_place, threads ? threads : 1), exec_(pool_->get_executor()) {}

SFCPP_DECL async_client::async_client(client& c, executor_type ex) : client_(&c), exec_(std::move(ex)) {}

SFCPP_DECL async_client::~async_client() {
    if (pool_) pool_->join();
}

}  // namespace sfcpp
