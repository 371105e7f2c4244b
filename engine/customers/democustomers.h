#pragma once

#include <vector>

#include "customers/customerrecord.h"

namespace umg {

/// Returns records for the five pilot customers of demoCustomers()
/// (loadgen/generator.h) with the same ids, names and app ids. Surveys,
/// stages and tickets are dated relative to `today`, so the demo always
/// shows launched and onboarding customers, open and closed tickets, and
/// targets both met and missed. Thread-safe.
std::vector<CustomerRecord> demoCustomerRecords(Date today);

} // namespace umg
