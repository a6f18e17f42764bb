// The async client: callbacks, std::future and C++20 coroutines, and many requests at once over
// the connection pool.
#include "support.hpp"

#include <sfcpp/client/async.hpp>

#include <boost/asio/bind_executor.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/use_future.hpp>

#include <future>
#include <set>
#include <thread>

using namespace client_test;
using namespace sobjects;
namespace asio = boost::asio;
namespace http = sfcpp::http;

namespace {
Account account(const std::string& name) {
    Account a;
    a.Name = name;
    return a;
}
}  // namespace

TEST_CASE("async with callbacks: results and errors arrive on the handler's executor") {
    org o;
    sfcpp::async_client ac(*o.sf, 2);
    asio::io_context ioc;  // the "application" thread: handlers bound to it run there
    auto guard = asio::make_work_guard(ioc);
    std::optional<sfcpp::id> created;
    std::thread::id handler_thread;
    std::exception_ptr missing;
    std::string fetched_name;

    ac.async_create(account("Callback Co"), asio::bind_executor(ioc, [&](std::exception_ptr e, sfcpp::id id) {
        REQUIRE_FALSE(e);
        created = id;
        handler_thread = std::this_thread::get_id();
        ac.async_retrieve<Account>(id, asio::bind_executor(ioc, [&](std::exception_ptr e2, Account a) {
            REQUIRE_FALSE(e2);
            fetched_name = a.Name.value();
            ac.async_retrieve<Account>(*sfcpp::id::parse("001000000000000AAA"),
                                       asio::bind_executor(ioc, [&](std::exception_ptr e3, Account) {
                                           missing = e3;
                                           guard.reset();
                                       }));
        }));
    }));
    ioc.run();
    REQUIRE(created);
    CHECK(handler_thread == std::this_thread::get_id());
    CHECK(fetched_name == "Callback Co");
    REQUIRE(missing);
    CHECK_THROWS_AS(std::rethrow_exception(missing), sfcpp::not_found_error);
}

TEST_CASE("async with std::future: values, void results and exceptions") {
    org o;
    sfcpp::async_client ac(*o.sf, 3);
    std::future<sfcpp::id> f = ac.async_create(account("Future Co"), asio::use_future);
    const sfcpp::id id = f.get();
    Account change;
    change.Name = "Future Co 2";
    ac.async_update(id, change, asio::use_future).get();
    auto rows = ac.async_query<Account>("SELECT Id, Name FROM Account WHERE Name = 'Future Co 2'", asio::use_future).get();
    REQUIRE(rows.size() == 1);
    CHECK(rows[0].Id.value() == id);
    auto res = ac.async_send(http::verb::get, "limits", asio::use_future).get();
    CHECK(res.status == 200);
    ac.async_remove<Account>(id, asio::use_future).get();
    auto gone = ac.async_retrieve<Account>(id, asio::use_future);
    CHECK_THROWS_AS(gone.get(), sfcpp::not_found_error);

    Invoice_c inv;
    inv.External_Id_c = "ASYNC-1";
    inv.Name = "async";
    const sfcpp::upsert_result first = ac.async_upsert(inv, Invoice_c_.External_Id_c, asio::use_future).get();
    CHECK(first.created);
    const sfcpp::upsert_result again = ac.async_upsert(inv, Invoice_c_.External_Id_c, asio::use_future).get();
    CHECK_FALSE(again.created);
    CHECK(again.id == first.id);
}

TEST_CASE("async with C++20 coroutines") {
    org o;
    sfcpp::async_client ac(*o.sf, 2);
    asio::io_context ioc;
    std::string name;
    bool caught = false;
    asio::co_spawn(
        ioc,
        [&]() -> asio::awaitable<void> {
            Account rec = account("Coroutine Co");
            const sfcpp::id id = co_await ac.async_create(std::move(rec), asio::use_awaitable);
            std::vector<std::string> fields;  // not a braced list inside co_await: g++ 12 miscompiles it
            fields.emplace_back("Name");
            Account a = co_await ac.async_retrieve<Account>(id, std::move(fields), asio::use_awaitable);
            name = a.Name.value();
            try {
                co_await ac.async_query<Account>("SELECT Nope FROM Account", asio::use_awaitable);
            } catch (const sfcpp::validation_error&) {
                caught = true;
            }
        },
        [](std::exception_ptr e) {
            if (e) std::rethrow_exception(e);
        });
    ioc.run();
    CHECK(name == "Coroutine Co");
    CHECK(caught);
}

TEST_CASE("200 concurrent async creates over the pool: each once, connections reused") {
    org o;
    constexpr std::size_t workers = 8, n = 200;
    sfcpp::async_client ac(*o.sf, workers);
    o.sf->limits();  // logged in before the burst
    std::vector<std::future<sfcpp::id>> futures;
    for (std::size_t i = 0; i < n; ++i)
        futures.push_back(ac.async_create(account("Burst " + std::to_string(i)), asio::use_future));
    std::set<std::string> ids;
    for (auto& f : futures) ids.insert(f.get().to_string());
    CHECK(ids.size() == n);
    CHECK(o.sf->query<Account>("SELECT COUNT() FROM Account WHERE Name LIKE 'Burst %'").total_size() == n);
    // At most one connection per worker (plus the login's), however many requests.
    CHECK(o.transport->connections_opened() <= workers + 1);
    MESSAGE(n << " creates over " << workers << " workers used " << o.transport->connections_opened()
              << " connections");
}
