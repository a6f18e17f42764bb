// sfcpp_emulator/errors.hpp: an error the emulator answers with, in Salesforce's REST error shape
// `[{"message": ..., "errorCode": ..., "fields": [...]}]`.
#pragma once

#include <stdexcept>
#include <string>
#include <vector>

namespace sfcpp_emulator {

struct api_error {
    int status = 400;
    std::string error_code;
    std::string message;
    std::vector<std::string> fields;
    bool with_fields = true;  // query errors carry no "fields" key
};

class api_exception : public std::runtime_error {
public:
    explicit api_exception(api_error e) : std::runtime_error(e.message), error_(std::move(e)) {}
    const api_error& error() const noexcept { return error_; }

private:
    api_error error_;
};

[[noreturn]] inline void fail(int status, std::string code, std::string message,
                              std::vector<std::string> fields = {}, bool with_fields = true) {
    throw api_exception(api_error{status, std::move(code), std::move(message), std::move(fields), with_fields});
}

}  // namespace sfcpp_emulator
