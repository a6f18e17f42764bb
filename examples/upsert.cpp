// Upsert by external id: the first call creates the record, the second updates it.
#include "example_org.hpp"

#include <sobjects/Invoice_c.hpp>

int main() try {
    using namespace sobjects;
    example::target org;
    auto session = std::make_shared<sfcpp::auth::session>(std::make_shared<sfcpp::http::transport>(), org.app);
    sfcpp::client sf(session);

    Invoice_c inv;
    inv.External_Id_c = "ERP-2024-0001";
    inv.Name = "Invoice 0001";
    inv.Amount_c = 1200.0;

    auto first = sf.upsert(inv, Invoice_c_.External_Id_c);  // the key: an external id field, checked at compile time
    std::cout << first.id << (first.created ? " created\n" : " updated\n");

    inv.Amount_c = 1350.0;
    auto second = sf.upsert(inv, Invoice_c_.External_Id_c);
    std::cout << second.id << (second.created ? " created\n" : " updated\n");

    auto stored = sf.retrieve(Invoice_c_.External_Id_c, "ERP-2024-0001");
    std::cout << "amount now " << stored.Amount_c.value() << "\n";
    return 0;
} catch (const std::exception& e) {
    std::cerr << e.what() << "\n";
    return 1;
}
