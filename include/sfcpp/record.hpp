// sfcpp/record.hpp: the record layer, below both codecs. A generated record is a plain struct of
// sfcpp::field<T, Flags> members (record/field.hpp), parent and child relationships
// (record/relationship.hpp), and a constexpr table describing it (record/metadata.hpp); the
// codecs reach its members through the table (record/access.hpp).
#pragma once

#include <sfcpp/record/access.hpp>
#include <sfcpp/record/field.hpp>
#include <sfcpp/record/metadata.hpp>
#include <sfcpp/record/relationship.hpp>
