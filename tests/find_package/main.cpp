#include <my_sobjects/Account.hpp>  // what makes c.Account->Name readable
#include <my_sobjects/Contact.hpp>
#include <sfcpp/sfcpp.hpp>

#include <iostream>

int main() {
    auto c = sfcpp::from_json<my::Contact>(R"({"LastName":"Ng","Account":{"Name":"Acme"}})");
    c.FirstName = "Ada";
    std::cout << c.Account->Name.value() << " " << sfcpp::to_json(c, {sfcpp::write_mode::update}) << "\n";
    return c.LastName.value() == "Ng" ? 0 : 1;
}
