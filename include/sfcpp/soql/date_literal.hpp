// sfcpp/soql/date_literal.hpp: SOQL's relative date literals (TODAY, LAST_N_DAYS:7, ...).
//
// A date literal is a range of time relative to now. It fits date and datetime fields and
// nothing else: `Account_.CreatedDate >= soql::last_n_days(30)` compiles, the same literal
// against a number or text field does not.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace sfcpp::soql {

class date_literal {
    std::string_view name_;
    std::int32_t n_ = 0;
    bool has_n_ = false;

public:
    constexpr explicit date_literal(std::string_view name) noexcept : name_(name) {}
    constexpr date_literal(std::string_view name, std::int32_t n) noexcept : name_(name), n_(n), has_n_(true) {}

    constexpr std::string_view name() const noexcept { return name_; }
    constexpr bool has_n() const noexcept { return has_n_; }
    constexpr std::int32_t n() const noexcept { return n_; }

    void append_to(std::string& out) const {
        out += name_;
        if (has_n_) {
            out += ':';
            out += std::to_string(n_);
        }
    }
};

inline void append_literal(std::string& out, const date_literal& d) { d.append_to(out); }

inline constexpr date_literal yesterday{"YESTERDAY"};
inline constexpr date_literal today{"TODAY"};
inline constexpr date_literal tomorrow{"TOMORROW"};
inline constexpr date_literal last_week{"LAST_WEEK"};
inline constexpr date_literal this_week{"THIS_WEEK"};
inline constexpr date_literal next_week{"NEXT_WEEK"};
inline constexpr date_literal last_month{"LAST_MONTH"};
inline constexpr date_literal this_month{"THIS_MONTH"};
inline constexpr date_literal next_month{"NEXT_MONTH"};
inline constexpr date_literal last_90_days{"LAST_90_DAYS"};
inline constexpr date_literal next_90_days{"NEXT_90_DAYS"};
inline constexpr date_literal this_quarter{"THIS_QUARTER"};
inline constexpr date_literal last_quarter{"LAST_QUARTER"};
inline constexpr date_literal next_quarter{"NEXT_QUARTER"};
inline constexpr date_literal this_year{"THIS_YEAR"};
inline constexpr date_literal last_year{"LAST_YEAR"};
inline constexpr date_literal next_year{"NEXT_YEAR"};
inline constexpr date_literal this_fiscal_quarter{"THIS_FISCAL_QUARTER"};
inline constexpr date_literal last_fiscal_quarter{"LAST_FISCAL_QUARTER"};
inline constexpr date_literal next_fiscal_quarter{"NEXT_FISCAL_QUARTER"};
inline constexpr date_literal this_fiscal_year{"THIS_FISCAL_YEAR"};
inline constexpr date_literal last_fiscal_year{"LAST_FISCAL_YEAR"};
inline constexpr date_literal next_fiscal_year{"NEXT_FISCAL_YEAR"};

constexpr date_literal last_n_days(std::int32_t n) noexcept { return {"LAST_N_DAYS", n}; }
constexpr date_literal next_n_days(std::int32_t n) noexcept { return {"NEXT_N_DAYS", n}; }
constexpr date_literal n_days_ago(std::int32_t n) noexcept { return {"N_DAYS_AGO", n}; }
constexpr date_literal last_n_weeks(std::int32_t n) noexcept { return {"LAST_N_WEEKS", n}; }
constexpr date_literal next_n_weeks(std::int32_t n) noexcept { return {"NEXT_N_WEEKS", n}; }
constexpr date_literal n_weeks_ago(std::int32_t n) noexcept { return {"N_WEEKS_AGO", n}; }
constexpr date_literal last_n_months(std::int32_t n) noexcept { return {"LAST_N_MONTHS", n}; }
constexpr date_literal next_n_months(std::int32_t n) noexcept { return {"NEXT_N_MONTHS", n}; }
constexpr date_literal n_months_ago(std::int32_t n) noexcept { return {"N_MONTHS_AGO", n}; }
constexpr date_literal last_n_quarters(std::int32_t n) noexcept { return {"LAST_N_QUARTERS", n}; }
constexpr date_literal next_n_quarters(std::int32_t n) noexcept { return {"NEXT_N_QUARTERS", n}; }
constexpr date_literal n_quarters_ago(std::int32_t n) noexcept { return {"N_QUARTERS_AGO", n}; }
constexpr date_literal last_n_years(std::int32_t n) noexcept { return {"LAST_N_YEARS", n}; }
constexpr date_literal next_n_years(std::int32_t n) noexcept { return {"NEXT_N_YEARS", n}; }
constexpr date_literal n_years_ago(std::int32_t n) noexcept { return {"N_YEARS_AGO", n}; }
constexpr date_literal last_n_fiscal_quarters(std::int32_t n) noexcept { return {"LAST_N_FISCAL_QUARTERS", n}; }
constexpr date_literal next_n_fiscal_quarters(std::int32_t n) noexcept { return {"NEXT_N_FISCAL_QUARTERS", n}; }
constexpr date_literal n_fiscal_quarters_ago(std::int32_t n) noexcept { return {"N_FISCAL_QUARTERS_AGO", n}; }
constexpr date_literal last_n_fiscal_years(std::int32_t n) noexcept { return {"LAST_N_FISCAL_YEARS", n}; }
constexpr date_literal next_n_fiscal_years(std::int32_t n) noexcept { return {"NEXT_N_FISCAL_YEARS", n}; }
constexpr date_literal n_fiscal_years_ago(std::int32_t n) noexcept { return {"N_FISCAL_YEARS_AGO", n}; }

}  // namespace sfcpp::soql
