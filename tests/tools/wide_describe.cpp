// Writes the describe of a custom object with N fields (default 800, the most a custom object
// may have), cycling through every field type, for the generator's size tests.
#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>

#include <fstream>
#include <iostream>
#include <string>

namespace json = boost::json;

int main(int argc, char** argv) {
    if (argc < 2) {
        std::cerr << "usage: wide_describe OUT.json [FIELDS]\n";
        return 1;
    }
    const int n = argc > 2 ? std::stoi(argv[2]) : 800;
    struct kind { const char* type; const char* soap; };
    static const kind kinds[] = {
        {"string", "xsd:string"}, {"double", "xsd:double"}, {"boolean", "xsd:boolean"}, {"date", "xsd:date"},
        {"datetime", "xsd:dateTime"}, {"picklist", "xsd:string"}, {"currency", "xsd:double"},
        {"textarea", "xsd:string"}, {"int", "xsd:int"}, {"email", "xsd:string"}, {"percent", "xsd:double"},
        {"multipicklist", "xsd:string"}, {"time", "xsd:time"}, {"url", "xsd:string"}, {"phone", "xsd:string"},
        {"reference", "tns:ID"}};
    auto field = [](std::string name, const kind& k, bool writable) {
        json::object f;
        f["name"] = name;
        f["label"] = name;
        f["type"] = k.type;
        f["soapType"] = k.soap;
        f["length"] = std::string(k.type) == "string" ? 255 : 0;
        f["precision"] = 0;
        f["scale"] = 0;
        f["nillable"] = writable;
        f["createable"] = writable;
        f["updateable"] = writable;
        f["filterable"] = true;
        f["sortable"] = true;
        f["groupable"] = false;
        f["custom"] = writable;
        f["externalId"] = false;
        f["referenceTo"] = json::array();
        f["relationshipName"] = nullptr;
        f["picklistValues"] = json::array();
        return f;
    };
    json::array fields;
    fields.push_back(field("Id", {"id", "tns:ID"}, false));
    fields.push_back(field("Name", {"string", "xsd:string"}, true));
    for (int i = 2; i < n; ++i) {
        const kind& k = kinds[i % (sizeof kinds / sizeof kinds[0])];
        json::object f = field("Field_" + std::to_string(i) + "__c", k, true);
        const std::string t = k.type;
        if (t == "picklist" || t == "multipicklist")
            f["picklistValues"] = json::array{json::object{{"value", "Alpha"}, {"label", "Alpha"}, {"active", true}},
                                              json::object{{"value", "Beta Two"}, {"label", "Beta"}, {"active", true}}};
        if (t == "reference") {
            f["referenceTo"] = json::array{"Account"};
            f["relationshipName"] = "Field_" + std::to_string(i) + "__r";
        }
        fields.push_back(std::move(f));
    }
    json::object d;
    d["name"] = "Wide__c";
    d["label"] = "Wide";
    d["labelPlural"] = "Wides";
    d["keyPrefix"] = "a0W";
    d["custom"] = true;
    d["createable"] = true;
    d["updateable"] = true;
    d["deletable"] = true;
    d["queryable"] = true;
    d["fields"] = std::move(fields);
    d["childRelationships"] = json::array();
    std::ofstream(argv[1]) << json::serialize(d);
    return 0;
}
