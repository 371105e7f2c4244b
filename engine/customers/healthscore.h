#pragma once

#include <string>
#include <utility>
#include <vector>

#include "customers/customerrecord.h"

namespace umg {

/// A customer's health score with the points of each component, so that
/// the UI can show why a score is low.
struct HealthScore {
    /// Sum of the components, 0 to 100, rounded to one decimal.
    double score = 0;
    double satisfactionPoints = 0; ///< 0 to 30
    double onboardingPoints = 0;   ///< 0 to 25
    double costSavingsPoints = 0;  ///< 0 to 20
    double supportPoints = 0;      ///< 0 to 15
    double successPoints = 0;      ///< 0 to 10
    /// The formula in plain text, for a tooltip.
    std::string formula;
};

/// Computes the health score of `record` as it stood at the end of `asOf`.
/// Surveys, stages and tickets dated later are ignored, so that evaluating
/// past days draws the score over time. Costs and success flags are not
/// dated and count as they are now. The formula (also returned in
/// HealthScore::formula):
///
///     30 x min(1, latest satisfaction / 90)
///   + 25 x (stages reached / 4) x min(1, 14 / days since Discovery)
///   + 20 x min(1, max(0, cost savings %) / 30)
///   + 15 x max(0, 1 - open-ticket penalty)
///   +  5 x technical success + 5 x business success
///
/// Days since Discovery count to the Launch date once launched, otherwise
/// to `asOf`, and at least 1. The open-ticket penalty adds 0.5 per critical,
/// 0.25 per high, 0.1 per medium and 0.05 per low ticket. A customer without
/// a survey or without a baseline cost gets half the points of that part,
/// one without a Discovery date none of the onboarding points. The targets
/// are 90 % satisfaction, launch within 14 days and 30 % cost savings.
/// Thread-safe.
HealthScore computeHealthScore(const CustomerRecord& record, Date asOf);

/// Returns the score at the end of each day from `first` to `last`, for a
/// health-over-time chart. Thread-safe.
std::vector<std::pair<Date, double>> healthScoreHistory(const CustomerRecord& record, Date first, Date last);

} // namespace umg
