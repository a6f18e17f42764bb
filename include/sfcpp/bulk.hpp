// sfcpp/bulk.hpp: Bulk API 2.0 over the REST client: ingest jobs with typed results joined back
// to their inputs, and query jobs as lazy ranges. The CSV layer alone is sfcpp/csv.hpp.
//
//   sfcpp::client sf(session);
//   auto r = sfcpp::bulk::upsert(sf, invoices, Invoice_c_.External_Id_c);   // any contiguous range
//   for (const auto& f : r.failures) std::cerr << f.index << ": " << f.error << "\n";
//   for (const auto& inv : sfcpp::bulk::query<Invoice_c>(sf, "SELECT Id, Name FROM Invoice__c")) ...
#pragma once

#include <sfcpp/bulk/ingest.hpp>
#include <sfcpp/bulk/job.hpp>
#include <sfcpp/bulk/query.hpp>
#include <sfcpp/bulk/stream.hpp>
#include <sfcpp/csv.hpp>
