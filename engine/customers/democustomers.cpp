#include "customers/democustomers.h"

#include <stdexcept>

#include "loadgen/generator.h"

namespace umg {

namespace {

/// The demo record of one pilot customer; dates are days before today.
struct DemoProfile {
    std::string_view customerId;
    std::string_view plan;
    double monthlyRecurringRevenue;
    double baselineCost;
    double currentCost;
    std::vector<std::pair<int, double>> surveys;  // days ago, score
    std::vector<int> stageDaysAgo;                // Discovery, Setup, ... as far as reached
    struct Ticket {
        std::string_view id;
        TicketSeverity severity;
        int openedDaysAgo;
        int closedDaysAgo; // -1 while open
    };
    std::vector<Ticket> tickets;
    bool technicalSuccess;
    bool businessSuccess;
};

// Launched customers on and off the 14-day target, one still integrating
// and one in setup; satisfaction and savings on both sides of their targets.
const std::vector<DemoProfile>& demoProfiles()
{
    static const std::vector<DemoProfile> profiles = {
        {"acme-games", "Growth", 12'500, 21'000, 12'600,
         {{40, 88}, {26, 93}, {12, 95}},
         {45, 43, 38, 34},
         {{"ACME-101", TicketSeverity::Medium, 40, 38}, {"ACME-114", TicketSeverity::Low, 5, -1}},
         true, true},
        {"northwind-retail", "Enterprise", 18'000, 32'000, 20'500,
         {{30, 86}, {16, 90}, {3, 92}},
         {38, 35, 29, 20},
         {{"NW-207", TicketSeverity::High, 25, 22}},
         true, true},
        {"globex-fintech", "Growth", 9'800, 15'500, 10'400,
         {{14, 89}, {4, 91}},
         {16, 13, 8},
         {{"GLX-029", TicketSeverity::Medium, 10, 9}, {"GLX-033", TicketSeverity::High, 6, -1}},
         true, false},
        {"initech-health", "Starter", 6'200, 9'000, 4'900,
         {{35, 94}, {20, 96}, {6, 97}},
         {42, 40, 36, 31},
         {},
         true, true},
        {"umbrella-travel", "Starter", 4'500, 8'000, 6'400,
         {{8, 74}, {1, 79}},
         {9, 5},
         {{"UMB-010", TicketSeverity::Low, 7, 6}, {"UMB-012", TicketSeverity::Critical, 3, -1}},
         false, false},
    };
    return profiles;
}

} // namespace

std::vector<CustomerRecord> demoCustomerRecords(Date today)
{
    auto daysAgo = [today](int days) { return today - std::chrono::days(days); };

    std::vector<CustomerRecord> records;
    for (const PilotCustomer& customer : demoCustomers()) {
        const DemoProfile* profile = nullptr;
        for (const DemoProfile& candidate : demoProfiles()) {
            if (candidate.customerId == customer.customerId)
                profile = &candidate;
        }
        if (!profile)
            throw std::logic_error("no demo record for pilot customer " + customer.customerId);

        CustomerRecord record;
        record.customerId = customer.customerId;
        record.companyName = customer.companyName;
        record.plan = std::string(profile->plan);
        record.monthlyRecurringRevenue = profile->monthlyRecurringRevenue;
        record.appIds = customer.appIds;
        record.baselineCost = profile->baselineCost;
        record.currentCost = profile->currentCost;
        for (const auto& [days, score] : profile->surveys)
            record.surveys.push_back({daysAgo(days), score});
        for (std::size_t stage = 0; stage < profile->stageDaysAgo.size(); ++stage)
            record.stages.push_back({static_cast<OnboardingStage>(stage), daysAgo(profile->stageDaysAgo[stage])});
        for (const DemoProfile::Ticket& ticket : profile->tickets) {
            SupportTicket entry{std::string(ticket.id), ticket.severity, daysAgo(ticket.openedDaysAgo), std::nullopt};
            if (ticket.closedDaysAgo >= 0)
                entry.closed = daysAgo(ticket.closedDaysAgo);
            record.tickets.push_back(std::move(entry));
        }
        record.technicalSuccess = profile->technicalSuccess;
        record.businessSuccess = profile->businessSuccess;
        records.push_back(std::move(record));
    }
    return records;
}

} // namespace umg
