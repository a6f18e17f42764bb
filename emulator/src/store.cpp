#include <sfcpp_emulator/ids.hpp>
#include <sfcpp_emulator/store.hpp>

#include <boost/json/serialize.hpp>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <set>
#include <variant>

namespace sfcpp_emulator {

namespace {

using sfcpp::field_describe;
using sfcpp::field_type;

std::size_t utf8_length(std::string_view s) {
    std::size_t n = 0;
    for (unsigned char c : s) if ((c & 0xC0) != 0x80) ++n;
    return n;
}

std::string json_text(const boost::json::value& v) {
    if (v.is_string()) return std::string(v.get_string());
    return boost::json::serialize(v);
}

[[noreturn]] void parser_error(std::string_view type, const boost::json::value& v) {
    std::string kind = v.is_string() ? "VALUE_STRING" : v.is_bool() ? (v.get_bool() ? "VALUE_TRUE" : "VALUE_FALSE")
                       : v.is_number() ? "VALUE_NUMBER_INT" : v.is_object() ? "START_OBJECT" : "START_ARRAY";
    fail(400, "JSON_PARSER_ERROR",
         "Cannot deserialize instance of " + std::string(type) + " from " + kind + " value " + json_text(v) +
             " or request may be missing a required field",
         {}, false);
}

std::string now_text() { return format_datetime(std::chrono::system_clock::now()); }

const char* const integration_username = "integration@emulator.local";

}  // namespace

struct store::prepared {
    std::vector<std::pair<const field_describe*, sql_value>> cols;
    const sql_value* find(std::string_view name) const {
        for (const auto& c : cols) if (c.first->name == name) return &c.second;
        return nullptr;
    }
};

bool store::is_compound(const field_describe& f) { return sfcpp_emulator::is_compound(type_of(f)); }

store::store(const schema& s, const std::string& db_path) : schema_(s), db_(db_path.empty() ? ":memory:" : db_path) {
    db_.exec("PRAGMA synchronous=NORMAL");
    db_.exec("CREATE TABLE IF NOT EXISTS _sfcpp_meta (key TEXT PRIMARY KEY, value TEXT)");
    for (const auto& o : schema_.objects()) {
        std::set<std::string> existing;
        {
            statement info(db_.get(), "PRAGMA table_info(" + quote_ident(o->name()) + ")");
            while (info.step()) existing.insert(lower(info.as_text(1)));
        }
        if (existing.empty()) {
            std::string sql = "CREATE TABLE " + quote_ident(o->name()) + " (\"Id\" TEXT PRIMARY KEY";
            for (const auto* f : o->columns) if (f->name != "Id" && f->name != "IsDeleted") sql += ", " + quote_ident(f->name);
            sql += ", \"IsDeleted\" INTEGER NOT NULL DEFAULT 0)";
            db_.exec(sql);
        } else {
            // A describe file gained fields since the database was written.
            for (const auto* f : o->columns)
                if (!existing.count(lower(f->name)))
                    db_.exec("ALTER TABLE " + quote_ident(o->name()) + " ADD COLUMN " + quote_ident(f->name));
        }
        // Upsert keys, unique checks, parent lookups and child joins search these columns once
        // per row; unindexed, a 100,000-row load is quadratic. Indexes change no result.
        for (const auto* f : o->columns) {
            const bool key = f->unique || f->external_id || f->id_lookup;
            const bool reference = type_of(*f) == field_type::reference;
            if (f->name == "Id" || !(key || reference)) continue;
            const bool nocase = key && !f->case_sensitive && !reference;
            db_.exec("CREATE INDEX IF NOT EXISTS " + quote_ident("sfcpp_" + o->name() + "_" + f->name) + " ON " +
                     quote_ident(o->name()) + " (" + quote_ident(f->name) + (nocase ? " COLLATE NOCASE" : "") + ")");
        }
    }
    {
        statement st(db_.get(), "SELECT value FROM _sfcpp_meta WHERE key='serial'");
        if (st.step()) serial_ = static_cast<std::uint64_t>(std::stoull(st.as_text(0)));
    }
    user_id_ = make_id("005", 1);
    if (serial_ == 0) {
        serial_ = 1;  // serial 1 is the integration user
        db_.exec("INSERT OR REPLACE INTO _sfcpp_meta VALUES ('serial', '1')");
        if (const auto* user = schema_.find("User")) {
            boost::json::object u{{"Username", integration_username},
                                  {"LastName", "Integration"},
                                  {"FirstName", "Emulator"},
                                  {"Email", integration_username},
                                  {"Alias", "integ"},
                                  {"CommunityNickname", "integration"},
                                  {"IsActive", true},
                                  {"TimeZoneSidKey", "GMT"},
                                  {"LocaleSidKey", "en_US"},
                                  {"EmailEncodingKey", "UTF-8"},
                                  {"LanguageLocaleKey", "en_US"},
                                  {"ProfileId", make_id("00e", 1)}};
            std::string sql = "INSERT INTO \"User\" (\"Id\"";
            std::string vals = "?";
            std::vector<std::pair<std::string, sql_value>> cols;
            for (const auto& kv : u) {
                const auto* f = user->field(kv.key());
                if (!f) continue;
                sql_value b = kv.value().is_bool() ? sql_value(std::int64_t(kv.value().get_bool() ? 1 : 0))
                                                   : sql_value(std::string(kv.value().get_string()));
                cols.emplace_back(f->name, b);
            }
            std::string now = now_text();
            for (const char* sys : {"Name", "CreatedDate", "LastModifiedDate", "SystemModstamp", "CreatedById",
                                    "LastModifiedById"}) {
                if (!user->field(sys)) continue;
                std::string v = std::string(sys) == "Name" ? "Emulator Integration"
                                : std::string_view(sys).ends_with("ById") ? user_id_ : now;
                cols.emplace_back(sys, v);
            }
            for (const auto& c : cols) { sql += ", " + quote_ident(c.first); vals += ", ?"; }
            statement ins(db_.get(), sql + ") VALUES (" + vals + ")");
            ins.bind(1, user_id_);
            int i = 2;
            for (const auto& c : cols) ins.bind_value(i++, c.second);
            ins.step();
        }
    }
}

std::string store::next_id(const object_schema& o) {
    ++serial_;
    statement st(db_.get(), "UPDATE _sfcpp_meta SET value=? WHERE key='serial'");
    st.bind(1, std::to_string(serial_));
    st.step();
    return make_id(o.describe.key_prefix.empty() ? "000" : o.describe.key_prefix, serial_);
}

store::prepared store::validate(const object_schema& o, const boost::json::object& values, bool for_create) {
    prepared p;
    std::vector<std::string> not_writable;
    for (const auto& kv : values) {
        std::string_view key = kv.key();
        if (key == "attributes") continue;
        const field_describe* f = o.field(key);
        const boost::json::value& v = kv.value();
        if (!f) {
            // A parent referenced by one of its external ids: {"Account__r": {"External_Id__c": "X"}}.
            if (const auto* ref = o.relationship(key); ref && v.is_object() && v.get_object().size() >= 1) {
                const object_schema* parent = nullptr;
                for (const auto& t : ref->reference_to) if ((parent = schema_.find(t))) break;
                const auto& inner = v.get_object();
                const boost::json::key_value_pair* ext = nullptr;
                for (const auto& ikv : inner) if (ikv.key() != "attributes") ext = &ikv;
                const field_describe* ef = parent && ext ? parent->field(ext->key()) : nullptr;
                if (!ef || !(ef->external_id || ef->id_lookup))
                    fail(400, "INVALID_FIELD", "Foreign key external ID: " + (ext ? std::string(ext->key()) : "") +
                                                   " not found for field " + ref->name + " in entity " + o.name());
                auto ids = find_by_locked(*parent, *ef, json_text(ext->value()));
                if (ids.empty())
                    fail(400, "INVALID_FIELD", "Foreign key external ID: " + json_text(ext->value()) +
                                                   " not found for field " + ef->name + " in entity " + parent->name());
                if (ids.size() > 1)
                    fail(300, "MULTIPLE_CHOICES", "Foreign key external ID: " + json_text(ext->value()) +
                                                      " matches multiple records for field " + ef->name);
                p.cols.emplace_back(ref, ids.front());
                continue;
            }
            fail(400, "INVALID_FIELD", "No such column '" + std::string(key) + "' on sobject of type " + o.name(), {},
                 false);
        }
        if (for_create ? !f->createable : !f->updateable) {
            // An update that repeats the record's Id in its body is accepted.
            if (!(f->name == "Id" && !for_create)) not_writable.push_back(f->name);
            continue;
        }
        if (v.is_null()) {
            if (!f->nillable && type_of(*f) != field_type::boolean)
                fail(400, "REQUIRED_FIELD_MISSING", "Required fields are missing: [" + f->name + "]", {f->name});
            p.cols.emplace_back(f, std::monostate{});
            continue;
        }
        const field_type t = type_of(*f);
        if (held_as_text(t)) {
            if (!v.is_string() && !v.is_number() && !v.is_bool()) parser_error("String", v);
            std::string s = json_text(v);
            if (f->length > 0 && utf8_length(s) > static_cast<std::size_t>(f->length))
                fail(400, "STRING_TOO_LONG",
                     f->label + ": data value too large: " + s + " (max length=" + std::to_string(f->length) + ")",
                     {f->name});
            if (f->restricted_picklist && (t == field_type::picklist || t == field_type::multipicklist)) {
                std::vector<std::string> parts;
                if (t == field_type::multipicklist) {
                    std::size_t start = 0;
                    while (start <= s.size()) {
                        auto semi = s.find(';', start);
                        if (semi == std::string::npos) semi = s.size();
                        parts.push_back(s.substr(start, semi - start));
                        start = semi + 1;
                    }
                } else {
                    parts.push_back(s);
                }
                for (const auto& part : parts) {
                    bool ok = std::any_of(f->picklist_values.begin(), f->picklist_values.end(),
                                          [&](const auto& pv) { return pv.active && pv.value == part; });
                    if (!ok)
                        fail(400, "INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST",
                             f->label + ": bad value for restricted picklist field: " + part, {f->name});
                }
            }
            p.cols.emplace_back(f, s);
        } else if (t == field_type::boolean) {
            if (v.is_bool()) p.cols.emplace_back(f, std::int64_t(v.get_bool() ? 1 : 0));
            else if (v.is_string() && (v.get_string() == "true" || v.get_string() == "false"))
                p.cols.emplace_back(f, std::int64_t(v.get_string() == "true" ? 1 : 0));
            else parser_error("boolean", v);
        } else if (t == field_type::int_) {
            if (v.is_int64()) p.cols.emplace_back(f, v.get_int64());
            else if (v.is_uint64()) p.cols.emplace_back(f, static_cast<std::int64_t>(v.get_uint64()));
            else if (v.is_double() && std::trunc(v.get_double()) == v.get_double())
                p.cols.emplace_back(f, static_cast<std::int64_t>(v.get_double()));
            else parser_error("int", v);
        } else if (sfcpp::is_real(t)) {
            if (v.is_number()) p.cols.emplace_back(f, v.to_number<double>());
            else if (v.is_string()) {
                try {
                    std::size_t used = 0;
                    std::string s(v.get_string());
                    double d = std::stod(s, &used);
                    if (used != s.size()) parser_error("double", v);
                    p.cols.emplace_back(f, d);
                } catch (const std::logic_error&) { parser_error("double", v); }
            } else parser_error("double", v);
        } else if (t == field_type::date) {
            if (!v.is_string()) parser_error("date", v);
            std::string s(v.get_string());
            if (s.size() > 10 && normalize_datetime(s)) s = s.substr(0, 10);
            if (!is_valid_date(s)) parser_error("date", v);
            p.cols.emplace_back(f, s);
        } else if (t == field_type::datetime) {
            auto dt = v.is_string() ? normalize_datetime(v.get_string()) : std::nullopt;
            if (!dt) parser_error("datetime", v);
            p.cols.emplace_back(f, *dt);
        } else if (t == field_type::time) {
            if (!v.is_string()) parser_error("time", v);
            p.cols.emplace_back(f, std::string(v.get_string()));
        } else if (sfcpp::is_id(t)) {
            if (!v.is_string()) parser_error("String", v);
            auto id = normalize_id(v.get_string());
            if (!id)
                fail(400, "MALFORMED_ID", f->label + ": id value of incorrect type: " + std::string(v.get_string()),
                     {f->name});
            bool known_target = false, matches = false;
            for (const auto& target : f->reference_to) {
                if (const auto* tobj = schema_.find(target)) {
                    known_target = true;
                    if (tobj->describe.key_prefix == id->substr(0, 3)) matches = true;
                }
            }
            if (known_target && !matches)
                fail(400, "FIELD_INTEGRITY_EXCEPTION",
                     f->label + ": id value of incorrect type: " + std::string(v.get_string()), {f->name});
            p.cols.emplace_back(f, *id);
        } else {
            p.cols.emplace_back(f, json_text(v));
        }
    }
    if (!not_writable.empty()) {
        std::string list;
        for (const auto& n : not_writable) list += (list.empty() ? "" : ", ") + n;
        fail(400, "INVALID_FIELD_FOR_INSERT_UPDATE",
             "Unable to create/update fields: " + list +
                 ". Please check the security settings of this field and verify that it is read/write for your "
                 "profile or permission set.",
             not_writable);
    }
    if (for_create) {
        std::vector<std::string> missing;
        for (const auto& f : o.describe.fields) {
            if (!f.createable || f.nillable || f.defaulted_on_create || type_of(f) == field_type::boolean) continue;
            const sql_value* b = p.find(f.name);
            if (!b || std::holds_alternative<std::monostate>(*b)) missing.push_back(f.name);
        }
        if (!missing.empty()) {
            std::string list;
            for (const auto& n : missing) list += (list.empty() ? "" : ", ") + n;
            fail(400, "REQUIRED_FIELD_MISSING", "Required fields are missing: [" + list + "]", missing);
        }
        for (const auto& f : o.describe.fields) {
            if (!f.createable || p.find(f.name)) continue;
            if (type_of(f) == field_type::boolean) {
                p.cols.emplace_back(&f, std::int64_t(f.default_value.is_bool() && f.default_value.get_bool() ? 1 : 0));
            } else if (type_of(f) == field_type::picklist && f.defaulted_on_create) {
                for (const auto& pv : f.picklist_values)
                    if (pv.default_value) { p.cols.emplace_back(&f, pv.value); break; }
            } else if (f.name == "OwnerId") {
                p.cols.emplace_back(&f, user_id_);
            }
        }
    }
    return p;
}

void store::check_unique(const object_schema& o, const prepared& p, std::string_view self_id) {
    for (const auto& [f, b] : p.cols) {
        if (!f->unique || !std::holds_alternative<std::string>(b)) continue;
        std::string sql = "SELECT \"Id\" FROM " + quote_ident(o.name()) + " WHERE " + quote_ident(f->name) +
                          (f->case_sensitive ? " = ?" : " = ? COLLATE NOCASE") + " AND \"IsDeleted\"=0 AND \"Id\" != ?";
        statement st(db_.get(), sql);
        st.bind(1, std::get<std::string>(b));
        st.bind(2, self_id);
        if (st.step())
            fail(400, "DUPLICATE_VALUE",
                 "duplicate value found: " + f->name + " duplicates value on record with id: " + st.as_text(0), {});
    }
}

std::string store::insert_locked(const object_schema& o, const boost::json::object& values) {
    if (!o.describe.createable)
        fail(400, "INVALID_TYPE_FOR_OPERATION", "entity type " + o.name() + " does not support insert", {});
    prepared p = validate(o, values, true);
    check_unique(o, p, "");
    std::string id = next_id(o);
    std::string now = now_text();
    for (const char* sys : {"CreatedDate", "LastModifiedDate", "SystemModstamp"})
        if (const auto* f = o.field(sys)) p.cols.emplace_back(f, now);
    for (const char* sys : {"CreatedById", "LastModifiedById"})
        if (const auto* f = o.field(sys)) p.cols.emplace_back(f, user_id_);
    std::string sql = "INSERT INTO " + quote_ident(o.name()) + " (\"Id\"";
    std::string vals = "?";
    for (const auto& c : p.cols) { sql += ", " + quote_ident(c.first->name); vals += ", ?"; }
    statement st(db_.get(), sql + ") VALUES (" + vals + ")");
    st.bind(1, id);
    int i = 2;
    for (const auto& c : p.cols) st.bind_value(i++, c.second);
    st.step();
    derive_name(o, id);
    return id;
}

void store::derive_name(const object_schema& o, const std::string& id) {
    // Person names (Contact, Lead, User) are computed from their parts.
    const auto* name = o.field("Name");
    if (!name || name->createable || !o.field("FirstName") || !o.field("LastName")) return;
    statement st(db_.get(), "UPDATE " + quote_ident(o.name()) +
                                " SET \"Name\" = TRIM(COALESCE(\"FirstName\", '') || ' ' || COALESCE(\"LastName\", ''))"
                                " WHERE \"Id\" = ?");
    st.bind(1, id);
    st.step();
}

std::string store::create(const object_schema& o, const boost::json::object& values) {
    auto guard = lock();
    return insert_locked(o, values);
}

int store::state_locked(const object_schema& o, const std::string& id) {
    statement st(db_.get(), "SELECT \"IsDeleted\" FROM " + quote_ident(o.name()) + " WHERE \"Id\"=?");
    st.bind(1, id);
    if (!st.step()) return -1;
    return st.as_int(0) ? 0 : 1;
}

void store::update_locked(const object_schema& o, const std::string& id, const boost::json::object& values) {
    prepared p = validate(o, values, false);
    check_unique(o, p, id);
    std::string now = now_text();
    for (const char* sys : {"LastModifiedDate", "SystemModstamp"})
        if (const auto* f = o.field(sys)) p.cols.emplace_back(f, now);
    if (const auto* f = o.field("LastModifiedById")) p.cols.emplace_back(f, user_id_);
    std::string sql = "UPDATE " + quote_ident(o.name()) + " SET ";
    bool first = true;
    for (const auto& c : p.cols) {
        sql += (first ? "" : ", ") + quote_ident(c.first->name) + "=?";
        first = false;
    }
    if (first) return;
    statement st(db_.get(), sql + " WHERE \"Id\"=?");
    int i = 1;
    for (const auto& c : p.cols) st.bind_value(i++, c.second);
    st.bind(i, id);
    st.step();
    derive_name(o, id);
}

namespace {
std::string checked_id(const object_schema& o, std::string_view raw) {
    auto id = normalize_id(raw);
    if (!id) fail(400, "MALFORMED_ID", o.describe.label + " ID: id value of incorrect type: " + std::string(raw), {"Id"});
    return *id;
}
}  // namespace

void store::update(const object_schema& o, std::string_view raw_id, const boost::json::object& values) {
    std::string id = checked_id(o, raw_id);
    auto guard = lock();
    int state = state_locked(o, id);
    if (state < 0) fail(404, "NOT_FOUND", "The requested resource does not exist", {}, false);
    if (state == 0) fail(404, "ENTITY_IS_DELETED", "entity is deleted", {});
    update_locked(o, id, values);
}

void store::remove(const object_schema& o, std::string_view raw_id) {
    std::string id = checked_id(o, raw_id);
    auto guard = lock();
    int state = state_locked(o, id);
    if (state < 0) fail(404, "NOT_FOUND", "The requested resource does not exist", {}, false);
    if (state == 0) fail(404, "ENTITY_IS_DELETED", "entity is deleted", {});
    atomically([&] { remove_locked(o, id); });
}

void store::remove_locked(const object_schema& o, const std::string& id) {
    std::string now = now_text();
    std::string sql = "UPDATE " + quote_ident(o.name()) + " SET \"IsDeleted\"=1";
    if (o.field("LastModifiedDate")) sql += ", \"LastModifiedDate\"=?1";
    if (o.field("SystemModstamp")) sql += ", \"SystemModstamp\"=?1";
    statement st(db_.get(), sql + " WHERE \"Id\"=?2");
    st.bind(1, now);
    st.bind(2, id);
    st.step();
    // Children in a cascade-delete relationship go with their parent (Contacts of an Account, ...).
    for (const auto& rel : o.describe.child_relationships) {
        if (!rel.cascade_delete) continue;
        const object_schema* child = schema_.find(rel.child_sobject);
        const sfcpp::field_describe* link = child ? child->field(rel.field) : nullptr;
        if (!link || !child->stored(*link)) continue;
        std::vector<std::string> ids;
        {
            statement q(db_.get(), "SELECT \"Id\" FROM " + quote_ident(child->name()) + " WHERE " +
                                       quote_ident(link->name) + " = ? AND \"IsDeleted\" = 0");
            q.bind(1, id);
            while (q.step()) ids.push_back(q.as_text(0));
        }
        for (const auto& cid : ids) remove_locked(*child, cid);
    }
}

boost::json::value store::column_json(const field_describe& f, const statement& st, int col) {
    if (st.is_null(col)) return nullptr;
    const field_type t = type_of(f);
    if (t == field_type::boolean) return st.as_int(col) != 0;
    if (t == field_type::int_) return st.as_int(col);
    if (sfcpp::is_real(t)) return st.as_double(col);
    return boost::json::string(st.as_text(col));
}

boost::json::object store::retrieve(const object_schema& o, std::string_view raw_id,
                                    const std::vector<std::string>& fields, std::string_view version) {
    auto id = normalize_id(raw_id);
    if (!id || id->substr(0, 3) != o.describe.key_prefix)
        fail(404, "NOT_FOUND", "Provided external ID field does not exist or is not accessible: " + std::string(raw_id),
             {}, false);
    std::vector<const field_describe*> wanted;
    if (fields.empty()) {
        for (const auto& f : o.describe.fields) wanted.push_back(&f);
    } else {
        for (const auto& n : fields) {
            const auto* f = o.field(n);
            if (!f)
                fail(400, "INVALID_FIELD",
                     "No such column '" + n + "' on entity '" + o.name() +
                         "'. If you are attempting to use a custom field, be sure to append the '__c' after the custom "
                         "field name. Please reference your WSDL or the describe call for the appropriate names.",
                     {}, false);
            wanted.push_back(f);
        }
    }
    auto guard = lock();
    std::string sql = "SELECT \"IsDeleted\"";
    for (const auto* f : o.columns) sql += ", " + quote_ident(f->name);
    statement st(db_.get(), sql + " FROM " + quote_ident(o.name()) + " WHERE \"Id\"=?");
    st.bind(1, *id);
    if (!st.step() || st.as_int(0) != 0) fail(404, "NOT_FOUND", "The requested resource does not exist", {}, false);
    std::map<std::string, boost::json::value> row;
    for (std::size_t i = 0; i < o.columns.size(); ++i)
        row[o.columns[i]->name] = column_json(*o.columns[i], st, static_cast<int>(i + 1));
    boost::json::object out;
    out["attributes"] = boost::json::object{
        {"type", o.name()}, {"url", "/services/data/" + std::string(version) + "/sobjects/" + o.name() + "/" + *id}};
    for (const auto* f : wanted) out[f->name] = is_compound(*f) ? compound_value(o, *f, row) : row[f->name];
    return out;
}

boost::json::value store::compound_value(const object_schema& o, const field_describe& f,
                                         const std::map<std::string, boost::json::value>& row) {
    boost::json::object out;
    bool any = false;
    std::string prefix = f.name;
    if (type_of(f) == field_type::address && prefix.ends_with("Address")) prefix.resize(prefix.size() - 7);
    for (const auto& c : o.describe.fields) {
        if (c.compound_field_name != f.name) continue;
        std::string key;
        if (type_of(f) == field_type::location) {
            key = c.name.find("Latitude") != std::string::npos ? "latitude" : "longitude";
        } else {
            key = c.name.substr(std::min(prefix.size(), c.name.size()));
            if (!key.empty()) key[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(key[0])));
        }
        auto it = row.find(c.name);
        boost::json::value v = it == row.end() ? boost::json::value() : it->second;
        if (!v.is_null()) any = true;
        out[key] = v;
    }
    if (!any) return nullptr;
    return out;
}

std::vector<const field_describe*> store::compound_components(const object_schema& o, const field_describe& f) {
    std::vector<const field_describe*> out;
    for (const auto& c : o.describe.fields) if (c.compound_field_name == f.name) out.push_back(&c);
    return out;
}

std::vector<std::string> store::find_by(const object_schema& o, const field_describe& f, std::string_view value) {
    auto guard = lock();
    return find_by_locked(o, f, value);
}

std::vector<std::string> store::find_by_locked(const object_schema& o, const field_describe& f,
                                               std::string_view value) {
    std::string sql = "SELECT \"Id\" FROM " + quote_ident(o.name()) + " WHERE " + quote_ident(f.name) +
                      (f.case_sensitive ? " = ?" : " = ? COLLATE NOCASE") + " AND \"IsDeleted\"=0 ORDER BY \"Id\"";
    statement st(db_.get(), sql);
    if (sfcpp::is_id(type_of(f))) {
        auto id = normalize_id(value);
        st.bind(1, id ? std::string_view(*id) : value);
    } else {
        st.bind(1, value);
    }
    std::vector<std::string> ids;
    while (st.step()) ids.push_back(st.as_text(0));
    return ids;
}

upsert_result store::upsert(const object_schema& o, const field_describe& f, std::string_view value,
                            const boost::json::object& values) {
    auto guard = lock();
    auto ids = find_by_locked(o, f, value);
    if (ids.size() > 1) {
        throw multiple_matches(std::move(ids));
    }
    if (ids.empty()) {
        boost::json::object with_key = values;
        if (f.name != "Id") with_key[f.name] = value;
        return {insert_locked(o, with_key), true};
    }
    update_locked(o, ids.front(), values);
    return {ids.front(), false};
}

std::vector<std::pair<std::string, std::string>> store::changed(const object_schema& o, const std::string& start,
                                                                const std::string& end, bool deleted) {
    auto guard = lock();
    const char* stamp = o.field("SystemModstamp") ? "\"SystemModstamp\"" : "\"LastModifiedDate\"";
    statement st(db_.get(), "SELECT \"Id\", " + std::string(stamp) + " FROM " + quote_ident(o.name()) +
                                " WHERE \"IsDeleted\" = ? AND " + stamp + " >= ? AND " + stamp + " < ? ORDER BY " + stamp);
    st.bind(1, std::int64_t(deleted ? 1 : 0));
    st.bind(2, start);
    st.bind(3, end);
    std::vector<std::pair<std::string, std::string>> out;
    while (st.step()) out.emplace_back(st.as_text(0), st.as_text(1));
    return out;
}

std::int64_t store::count(const object_schema& o) {
    auto guard = lock();
    statement st(db_.get(), "SELECT COUNT(*) FROM " + quote_ident(o.name()) + " WHERE \"IsDeleted\"=0");
    st.step();
    return st.as_int(0);
}

}  // namespace sfcpp_emulator
