// sfcpp/sfcpp.hpp: the whole core of sfcpp: value types, records, JSON, describe and the SOQL builder.
// The HTTP client and OAuth live behind their own headers (sfcpp/client.hpp, sfcpp/auth.hpp)
// so that code which only builds records and queries never compiles Beast, Asio or OpenSSL.
#pragma once

#include <sfcpp/address.hpp>
#include <sfcpp/datetime.hpp>
#include <sfcpp/describe.hpp>
#include <sfcpp/errc.hpp>
#include <sfcpp/error.hpp>
#include <sfcpp/record/field.hpp>
#include <sfcpp/id.hpp>
#include <sfcpp/json.hpp>
#include <sfcpp/record/metadata.hpp>
#include <sfcpp/picklist.hpp>
#include <sfcpp/record.hpp>
#include <sfcpp/soql.hpp>
