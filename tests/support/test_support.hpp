// Helpers shared by the tests: fixture files and JSON equivalence.
#pragma once

#include <sfcpp/datetime.hpp>

#include <boost/json.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

namespace test {

inline std::string read_file(const std::filesystem::path& p) {
    std::ifstream in(p, std::ios::binary);
    if (!in) throw std::runtime_error("cannot read " + p.string());
    std::ostringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

inline std::filesystem::path fixtures() { return SFCPP_FIXTURES_DIR; }
inline bool have_fixtures() { return std::filesystem::is_directory(fixtures()); }
inline std::string fixture(const std::string& rel) { return read_file(fixtures() / rel); }

// Whether `b` says what `a` says: same keys and values, numbers compared by value (50000.00
// equals 50000), datetimes by instant (".000+0000" equals ".000Z"). Inside compound values
// (objects without "attributes" that are not query results) a null equals an absent key, since
// address parts are optional on the wire. `why` receives the first difference.
inline bool equivalent(const boost::json::value& a, const boost::json::value& b, std::string& why,
                       const std::string& path = "$") {
    if (a.is_number() && b.is_number()) {
        const double x = a.to_number<double>(), y = b.to_number<double>();
        if (x == y) return true;
        why = path + ": " + boost::json::serialize(a) + " != " + boost::json::serialize(b);
        return false;
    }
    if (a.is_string() && b.is_string()) {
        if (a == b) return true;
        auto da = sfcpp::datetime::parse(a.get_string()), db = sfcpp::datetime::parse(b.get_string());
        if (da && db && *da == *db) return true;
        why = path + ": " + boost::json::serialize(a) + " != " + boost::json::serialize(b);
        return false;
    }
    if (a.is_object() && b.is_object()) {
        const auto& oa = a.get_object();
        const auto& ob = b.get_object();
        const bool compound = !oa.contains("attributes") && !oa.contains("records");
        for (const auto& kv : oa) {
            const auto* other = ob.if_contains(kv.key());
            const std::string p = path + "." + std::string(kv.key());
            if (!other) {
                if (compound && kv.value().is_null()) continue;
                why = p + ": missing";
                return false;
            }
            if (!equivalent(kv.value(), *other, why, p)) return false;
        }
        for (const auto& kv : ob)
            if (!oa.contains(kv.key()) && !(compound && kv.value().is_null())) {
                why = path + "." + std::string(kv.key()) + ": extra";
                return false;
            }
        return true;
    }
    if (a.is_array() && b.is_array()) {
        const auto& xa = a.get_array();
        const auto& xb = b.get_array();
        if (xa.size() != xb.size()) {
            why = path + ": array sizes differ";
            return false;
        }
        for (std::size_t i = 0; i < xa.size(); ++i)
            if (!equivalent(xa[i], xb[i], why, path + "[" + std::to_string(i) + "]")) return false;
        return true;
    }
    if (a == b) return true;
    why = path + ": " + boost::json::serialize(a) + " != " + boost::json::serialize(b);
    return false;
}

inline bool equivalent(std::string_view a, std::string_view b, std::string& why) {
    return equivalent(boost::json::parse(a), boost::json::parse(b), why);
}

}  // namespace test
