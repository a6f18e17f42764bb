// sfcpp_emulator/sqlite.hpp: a thin RAII wrapper over the SQLite C API.
#pragma once

#include <sqlite3.h>

#include <cstdint>
#include <stdexcept>
#include <string>
#include <string_view>
#include <variant>

namespace sfcpp_emulator {

class sqlite_error : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

// A value bound to a `?` parameter: NULL, an integer, a real or text.
using sql_value = std::variant<std::monostate, std::int64_t, double, std::string>;

class statement {
public:
    statement(sqlite3* db, std::string_view sql) : db_(db) {
        if (sqlite3_prepare_v2(db, sql.data(), static_cast<int>(sql.size()), &stmt_, nullptr) != SQLITE_OK)
            throw sqlite_error(std::string(sqlite3_errmsg(db)) + " in: " + std::string(sql));
    }
    statement(const statement&) = delete;
    statement& operator=(const statement&) = delete;
    ~statement() { sqlite3_finalize(stmt_); }

    void bind_null(int i) { check(sqlite3_bind_null(stmt_, i)); }
    void bind(int i, std::int64_t v) { check(sqlite3_bind_int64(stmt_, i, v)); }
    void bind(int i, double v) { check(sqlite3_bind_double(stmt_, i, v)); }
    void bind(int i, std::string_view v) {
        check(sqlite3_bind_text(stmt_, i, v.data(), static_cast<int>(v.size()), SQLITE_TRANSIENT));
    }
    void bind_value(int i, const sql_value& v) {
        if (std::holds_alternative<std::monostate>(v)) bind_null(i);
        else if (const auto* n = std::get_if<std::int64_t>(&v)) bind(i, *n);
        else if (const auto* d = std::get_if<double>(&v)) bind(i, *d);
        else bind(i, std::string_view(std::get<std::string>(v)));
    }

    // True while a row is available.
    bool step() {
        int rc = sqlite3_step(stmt_);
        if (rc == SQLITE_ROW) return true;
        if (rc == SQLITE_DONE) return false;
        throw sqlite_error(sqlite3_errmsg(db_));
    }
    void reset() { sqlite3_reset(stmt_); sqlite3_clear_bindings(stmt_); }

    int columns() const { return sqlite3_column_count(stmt_); }
    bool is_null(int c) const { return sqlite3_column_type(stmt_, c) == SQLITE_NULL; }
    int type(int c) const { return sqlite3_column_type(stmt_, c); }
    std::int64_t as_int(int c) const { return sqlite3_column_int64(stmt_, c); }
    double as_double(int c) const { return sqlite3_column_double(stmt_, c); }
    std::string as_text(int c) const {
        auto p = sqlite3_column_text(stmt_, c);
        return p ? std::string(reinterpret_cast<const char*>(p), static_cast<std::size_t>(sqlite3_column_bytes(stmt_, c)))
                 : std::string();
    }
    sqlite3_stmt* get() const noexcept { return stmt_; }

private:
    void check(int rc) { if (rc != SQLITE_OK) throw sqlite_error(sqlite3_errmsg(db_)); }
    sqlite3* db_;
    sqlite3_stmt* stmt_ = nullptr;
};

class database {
public:
    explicit database(const std::string& path) {
        if (sqlite3_open_v2(path.c_str(), &db_, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX,
                            nullptr) != SQLITE_OK) {
            std::string msg = db_ ? sqlite3_errmsg(db_) : "out of memory";
            sqlite3_close(db_);
            throw sqlite_error("cannot open " + path + ": " + msg);
        }
    }
    database(const database&) = delete;
    database& operator=(const database&) = delete;
    ~database() { sqlite3_close(db_); }

    void exec(const std::string& sql) {
        char* err = nullptr;
        if (sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, &err) != SQLITE_OK) {
            std::string msg = err ? err : "unknown error";
            sqlite3_free(err);
            throw sqlite_error(msg + " in: " + sql);
        }
    }
    sqlite3* get() const noexcept { return db_; }

private:
    sqlite3* db_ = nullptr;
};

// `"name"` with embedded quotes doubled.
inline std::string quote_ident(std::string_view name) {
    std::string out = "\"";
    for (char c : name) { if (c == '"') out += '"'; out += c; }
    return out + "\"";
}

}  // namespace sfcpp_emulator
