// sfcpp_emulator/store.hpp: records kept in SQLite, one table per sObject, validated the way an
// org validates them. All access is serialized by one mutex.
#pragma once

#include <sfcpp_emulator/errors.hpp>
#include <sfcpp_emulator/schema.hpp>
#include <sfcpp_emulator/sqlite.hpp>

#include <boost/json/object.hpp>
#include <boost/json/value.hpp>

#include <cstdint>
#include <map>
#include <stdexcept>
#include <type_traits>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace sfcpp_emulator {

// An upsert key matched several records (the API answers 300 with their URLs).
class multiple_matches : public std::runtime_error {
public:
    explicit multiple_matches(std::vector<std::string> ids)
        : std::runtime_error("multiple matches"), ids(std::move(ids)) {}
    std::vector<std::string> ids;
};

struct upsert_result {
    std::string id;
    bool created = false;
};

class store {
public:
    // `db_path` empty: in memory. Creates missing tables; keeps existing rows.
    store(const schema& s, const std::string& db_path);

    const schema& objects() const noexcept { return schema_; }
    const std::string& integration_user_id() const noexcept { return user_id_; }

    // Each throws api_exception with the error a real org gives.
    std::string create(const object_schema& o, const boost::json::object& values);
    void update(const object_schema& o, std::string_view id, const boost::json::object& values);
    void remove(const object_schema& o, std::string_view id);
    // `fields` empty: every field. `version` is like "v60.0", used in attributes.url.
    boost::json::object retrieve(const object_schema& o, std::string_view id,
                                 const std::vector<std::string>& fields, std::string_view version);
    // Ids of live records whose external id field equals `value`.
    std::vector<std::string> find_by(const object_schema& o, const sfcpp::field_describe& f, std::string_view value);
    upsert_result upsert(const object_schema& o, const sfcpp::field_describe& f, std::string_view value,
                         const boost::json::object& values);

    // Records changed (or deleted) with SystemModstamp in [start, end): (id, timestamp) pairs.
    std::vector<std::pair<std::string, std::string>> changed(const object_schema& o, const std::string& start,
                                                             const std::string& end, bool deleted);

    // Row count of live records of each object, for /limits/recordCount.
    std::int64_t count(const object_schema& o);

    // For the SOQL engine and transactions: the lock (re-entrant) and the raw connection.
    std::unique_lock<std::recursive_mutex> lock() { return std::unique_lock<std::recursive_mutex>(mutex_); }

    // Runs `f` holding the lock inside a savepoint: everything `f` wrote is undone when it throws
    // (the exception propagates). Other connections wait meanwhile.
    template <class F>
    decltype(auto) atomically(F&& f) {
        auto guard = lock();
        db_.exec("SAVEPOINT sfcpp_atomic");
        try {
            if constexpr (std::is_void_v<decltype(f())>) {
                f();
                db_.exec("RELEASE sfcpp_atomic");
            } else {
                auto r = f();
                db_.exec("RELEASE sfcpp_atomic");
                return r;
            }
        } catch (...) {
            db_.exec("ROLLBACK TO sfcpp_atomic");
            db_.exec("RELEASE sfcpp_atomic");
            throw;
        }
    }
    sqlite3* handle() const noexcept { return db_.get(); }

    // The JSON value of column `col` of the current row, typed by the field.
    static boost::json::value column_json(const sfcpp::field_describe& f, const statement& st, int col);
    static bool is_compound(const sfcpp::field_describe& f);
    // Compound address / location value assembled from its component values (by field name);
    // null when every component is null.
    static boost::json::value compound_value(const object_schema& o, const sfcpp::field_describe& f,
                                             const std::map<std::string, boost::json::value>& row);
    static std::vector<const sfcpp::field_describe*> compound_components(const object_schema& o,
                                                                         const sfcpp::field_describe& f);

private:
    struct prepared;  // a validated set of column values
    prepared validate(const object_schema& o, const boost::json::object& values, bool for_create);
    void check_unique(const object_schema& o, const prepared& p, std::string_view self_id);
    std::string insert_locked(const object_schema& o, const boost::json::object& values);
    void update_locked(const object_schema& o, const std::string& id, const boost::json::object& values);
    // Live state of a record: 1 live, 0 deleted, -1 absent.
    int state_locked(const object_schema& o, const std::string& id);
    std::string next_id(const object_schema& o);
    void derive_name(const object_schema& o, const std::string& id);
    void remove_locked(const object_schema& o, const std::string& id);
    std::vector<std::string> find_by_locked(const object_schema& o, const sfcpp::field_describe& f,
                                            std::string_view value);

    const schema& schema_;
    database db_;
    std::recursive_mutex mutex_;
    std::uint64_t serial_ = 0;
    std::string user_id_;
};

}  // namespace sfcpp_emulator
