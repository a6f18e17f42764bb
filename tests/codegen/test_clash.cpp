// API names equal to what the generated code itself declares: the members of every tag
// (`struct type { ... type ...; }` does not compile), the headers' `flag` alias, query rows' members,
// and the object's own type names. Each gets a safe C++ name; JSON and SOQL keep the API name.
#include <clash_sobjects/sobjects.hpp>
#include <sfcpp/json.hpp>
#include <sfcpp/soql.hpp>

#include <doctest/doctest.h>

#include <boost/json.hpp>

#include <set>
#include <string>
#include <type_traits>

using namespace clash;
using sfcpp::soql::select, sfcpp::soql::to_soql;

namespace {

const sfcpp::id some_id{"a0C000000000001"};

// Every field set, each member spelled as the README's rule says.
Clash_c full() {
    Clash_c c;
    c.type_ = "t";
    c.name_ = "n";
    c.flags_ = 7;
    c.index_ = 2.5;
    c.record_ = true;
    c.value_type_ = "vt";
    c.member_ptr_ = sfcpp::date(2024, 2, 29);
    c.member_ = "m";
    c.ref_ = "r";
    c.V_ = "v";
    c.flag_ = "f";
    c.id_field_ = "idf";
    c.field_ = "fld";
    c.record_type_ = "rt";
    c.to_record_ = "tr";
    c.Clash_c_fields = "like the tags' namespace";  // a member may share it
    c.Clash_c_columns_2 = "own columns";  // the record says `using columns = Clash_c_columns;`
    c.fields = Clash_c_fields_2::two;  // picklist type: Clash_c_fields is the tags' namespace
    c.target_ = some_id;
    return c;
}

std::set<std::string> keys_of(const std::string& json) {
    const boost::json::value v = boost::json::parse(json);
    std::set<std::string> keys;
    for (const auto& kv : v.as_object()) keys.insert(std::string(kv.key()));
    return keys;
}

}  // namespace

TEST_CASE("codegen: members named like the tags' own members get a trailing underscore") {
    const Clash_c c = full();
    CHECK(c.type_.value() == "t");
    CHECK(c.name_.value() == "n");
    CHECK(c.flags_.value() == 7);
    CHECK(c.index_.value() == 2.5);
    CHECK(c.record_.value());
    CHECK(c.value_type_.value() == "vt");
    CHECK(c.member_ptr_.value() == sfcpp::date(2024, 2, 29));
    CHECK(c.member_.value() == "m");
    CHECK(c.ref_.value() == "r");
    CHECK(c.V_.value() == "v");
    CHECK(c.flag_.value() == "f");
    CHECK(c.id_field_.value() == "idf");
    CHECK(c.field_.value() == "fld");
    CHECK(c.record_type_.value() == "rt");
    CHECK(c.to_record_.value() == "tr");
    CHECK(c.Clash_c_fields.value() == "like the tags' namespace");
    CHECK(c.Clash_c_columns_2.value() == "own columns");
    CHECK(c.fields.value() == Clash_c_fields_2::two);
    CHECK(c.target_.value() == some_id);

    // The tags keep the API name and their own members.
    static_assert(Clash_c_fields::type_::name == "type");
    static_assert(Clash_c_fields::type_::type == sfcpp::field_type::string);
    static_assert((Clash_c_fields::flags_::flags & sfcpp::flag::sortable) != 0);
    static_assert(Clash_c_fields::record_::index == 5);
    static_assert(std::is_same_v<Clash_c_fields::value_type_::value_type, std::string>);
    static_assert(Clash_c_fields::member_ptr_::member_ptr == &Clash_c::member_ptr_);
    static_assert(std::is_same_v<Clash_c_fields::fields::value_type, Clash_c_fields_2>);
    // Relationships: the parent's id field is the tag of `target`, not the parent's target type.
    static_assert(Clash_c_fields::polymorphic_::name == "polymorphic");
    static_assert(!Clash_c_fields::polymorphic_::polymorphic);
    static_assert(std::is_same_v<Clash_c_fields::polymorphic_::id_field, Clash_c_fields::target_>);
    static_assert(std::is_same_v<Clash_c_fields::polymorphic_::target, Clash_c>);
    static_assert(std::is_same_v<decltype(Clash_c::polymorphic_), sfcpp::parent<Clash_c>>);
    static_assert(Clash_c_fields::child_::name == "child");
    static_assert(std::is_same_v<Clash_c_fields::child_::child, Clash_Item_c>);
    static_assert(std::is_same_v<decltype(Clash_c::child_), sfcpp::children<Clash_Item_c>>);
    // The child relationship `_type` is `type` once made an identifier, `type_` as a reserved
    // name, and that is the field's: so `type_2`.
    static_assert(Clash_c_fields::type_2::name == "_type");
    static_assert(std::is_same_v<decltype(Clash_c::type_2), sfcpp::children<Clash_c>>);
    static_assert(Clash_Item_c_fields::record_::name == "record");
    static_assert(std::is_same_v<decltype(Clash_Item_c::record_), sfcpp::parent<Clash_c>>);

    const auto& info = Clash_c::sfcpp_info();
    CHECK(info.fields[Clash_c_fields::V_::index].name == "V");
    CHECK(info.fields[Clash_c_fields::V_::index].member_name() == "V_");
}

TEST_CASE("codegen: clashing names round-trip through JSON under their API names") {
    const Clash_c c = full();
    const std::string json = sfcpp::to_json(c);
    CHECK(keys_of(json) == std::set<std::string>{"type", "name", "flags", "index", "record", "value_type",
                                                 "member_ptr", "member", "ref", "V", "flag", "id_field", "field",
                                                 "record_type", "to_record", "Clash_c_fields",
                                                 "Clash_c_columns", "fields", "target"});
    const auto back = sfcpp::from_json<Clash_c>(json);
    CHECK(back.type_ == c.type_);
    CHECK(back.name_ == c.name_);
    CHECK(back.flags_ == c.flags_);
    CHECK(back.index_ == c.index_);
    CHECK(back.record_ == c.record_);
    CHECK(back.value_type_ == c.value_type_);
    CHECK(back.member_ptr_ == c.member_ptr_);
    CHECK(back.member_ == c.member_);
    CHECK(back.ref_ == c.ref_);
    CHECK(back.V_ == c.V_);
    CHECK(back.flag_ == c.flag_);
    CHECK(back.id_field_ == c.id_field_);
    CHECK(back.field_ == c.field_);
    CHECK(back.record_type_ == c.record_type_);
    CHECK(back.to_record_ == c.to_record_);
    CHECK(back.Clash_c_fields == c.Clash_c_fields);
    CHECK(back.Clash_c_columns_2 == c.Clash_c_columns_2);
    CHECK(back.fields == c.fields);
    CHECK(back.target_ == c.target_);
    CHECK(sfcpp::to_json(back) == json);

    // Relationships are read under their API names too.
    const auto rel = sfcpp::from_json<Clash_c>(
        R"({"polymorphic":{"attributes":{"type":"Clash__c"},"name":"up"},)"
        R"("child":{"totalSize":1,"done":true,"records":[{"name":"item"}]},)"
        R"("_type":{"totalSize":1,"done":true,"records":[{"type":"down"}]}})");
    CHECK(rel.polymorphic_->name_.value() == "up");
    CHECK(rel.child_.records().at(0).name_.value() == "item");
    CHECK(rel.type_2.records().at(0).type_.value() == "down");
    const auto item = sfcpp::from_json<Clash_Item_c>(R"({"record":{"attributes":{"type":"Clash__c"},"flags":3}})");
    CHECK(item.record_->flags_.value() == 3);
}

TEST_CASE("codegen: clashing names in SOQL and in query rows") {
    const auto q = select(Clash_c_.type_, Clash_c_.name_, Clash_c_.flags_, Clash_c_.index_, Clash_c_.record_,
                          Clash_c_.value_type_, Clash_c_.member_ptr_, Clash_c_.member_, Clash_c_.ref_, Clash_c_.V_,
                          Clash_c_.flag_, Clash_c_.id_field_, Clash_c_.field_, Clash_c_.record_type_,
                          Clash_c_.to_record_, Clash_c_.Clash_c_fields, Clash_c_.Clash_c_columns_2,
                          Clash_c_.fields, Clash_c_.target_, Clash_c_.polymorphic_ / Clash_c_.name_,
                          select(Clash_Item_c_.name_).from(Clash_c_.child_),
                          select(Clash_c_.type_).from(Clash_c_.type_2))
                       .from(Clash_c_)
                       .where(Clash_c_.type_ == "t" && Clash_c_.flags_ > 1 && Clash_c_.fields == Clash_c_fields_2::one)
                       .order_by(Clash_c_.name_);
    CHECK(to_soql(q) ==
          "SELECT type, name, flags, index, record, value_type, member_ptr, member, ref, V, flag, id_field, field, "
          "record_type, to_record, Clash_c_fields, Clash_c_columns, fields, target, polymorphic.name, "
          "(SELECT name FROM child), (SELECT type FROM _type) FROM Clash__c "
          "WHERE type = 't' AND flags > 1 AND fields = 'one' ORDER BY name");
    CHECK(to_soql(select(Clash_Item_c_.name_, Clash_Item_c_.record_ / Clash_c_.record_type_).from(Clash_Item_c_)) ==
          "SELECT name, record.record_type FROM Clash_Item__c");

    // Rows carry the same member names; `to_record` and `record_type` stay the row's own.
    using row = decltype(q)::row_type;
    const auto page = sfcpp::from_json<sfcpp::query_result<row>>(
        R"({"totalSize":1,"done":true,"records":[{"attributes":{"type":"Clash__c"},"type":"t","name":"n",)"
        R"("record":false,"to_record":"tr","record_type":"rt","V":"v","polymorphic":{"attributes":)"
        R"({"type":"Clash__c"},"name":"up"},"child":null,"_type":{"totalSize":1,"done":true,"records":[{"type":"x"}]}}]})");
    const auto& r = page.records.at(0);
    static_assert(std::is_same_v<row::record_type, Clash_c>);
    CHECK(r.type_.value() == "t");
    CHECK(r.to_record_.value() == "tr");
    CHECK(r.record_type_.value() == "rt");
    CHECK(r.V_.value() == "v");
    CHECK(r.polymorphic_->name_.value() == "up");
    CHECK(r.child_.is_null());
    CHECK(r.type_2.records().at(0).type_.value() == "x");
    const Clash_c c = r.to_record();
    CHECK(c.name_.value() == "n");
    CHECK_FALSE(c.record_.value());
    CHECK(c.to_record_.value() == "tr");
    CHECK(c.polymorphic_->name_.value() == "up");
    CHECK_FALSE(c.flags_.is_set());
}
