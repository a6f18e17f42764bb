// sfcpp/generated_support.hpp: everything a header written by sfcpp-codegen relies on.
#pragma once

#include <sfcpp/address.hpp>
#include <sfcpp/datetime.hpp>
#include <sfcpp/record/field.hpp>
#include <sfcpp/id.hpp>
#include <sfcpp/record/metadata.hpp>
#include <sfcpp/picklist.hpp>
#include <sfcpp/record.hpp>
#include <sfcpp/soql/column_tag.hpp>  // lets ADL find the SOQL operators on the tags

#include <boost/describe/class.hpp>
#include <boost/json/value.hpp>

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
