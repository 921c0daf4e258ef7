// Contact-centre KPIs: the counters a run accumulates per interval and the metrics derived from them.
#pragma once

#include <array>
#include <cstddef>
#include <iterator>
#include <limits>
#include <span>
#include <vector>

#include "models/spec.hpp"

namespace cxsim::models {

// Raw sums kept per reporting interval. Call counts are booked in the interval the call
// arrived in (arrival-side counters) or was offered to the queue in (queue-side counters);
// time integrals are booked as time passes.
enum Counter : std::size_t {
  kArrivals,    // attempts entering the system (first calls and redials)
  kRedials,     // attempts that are redials
  kContained,   // ended in IVR self-service
  kZeroOuts,    // left the IVR menu early by asking for an agent
  kInIvrAtEnd,  // still in the IVR at the horizon
  kOffered,     // left the IVR for an agent
  kAnswered,
  kAbandoned,
  kAbandonedShort,       // abandoned within the short-abandon threshold
  kWaited,               // found no free agent
  kAnsweredWithinSl,     // answered within the service-level threshold
  kAbandonedWithinSl,    // abandoned within the service-level threshold
  kWaitAnsweredS,        // total wait of answered calls
  kWaitAllS,             // total wait of answered and abandoned calls
  kTransferred,          // misrouted calls answered and transferred
  kInQueueAtEnd,         // still waiting at the horizon
  kHandled,              // services completed
  kHandleTimeS,          // total handle time (talk + after-call work) of completed services
  kHandledRepeat,        // services of repeat contacts completed
  kHandleTimeRepeatS,    // their total handle time
  kBusyAgentS,           // integral of busy agents (talking or in after-call work)
  kStaffedAgentS,        // integral of agents on the phone
  kOffPhoneAgentS,       // integral of agents on duty and off the phone (breaks, training, coaching)
  kQueueCallS,           // integral of calls waiting
  kQuits,                // employees who quit
  kHires,                // new hires who started (training or work)
  kEmployedAgentS,       // integral of employees (active or in training)
  kTrainingAgentS,       // integral of employees in training
  kVacantSeatS,          // integral of seats without an employee
  kAbsentAgentS,         // integral of active employees absent for the day
  kActiveEmployeeS,      // integral of active (trained) employees, absent or not
  kMultiplierSumS,       // integral of the sum of active employees' talk-time multipliers
  kIssuesOpened,         // customers' new issues that led to a contact
  kIssuesFirstContact,   // issues resolved on the first contact
  kIssuesResolvedLater,  // issues resolved after repeat contacts
  kIssuesUnresolved,     // issues the customer gave up on
  kRepeatContacts,       // contacts about an issue already contacted about
  kChurnedService,       // customers who left after an issue
  kChurnedBaseline,      // customers who left for reasons unrelated to service
  kAcquired,             // new customers
  kMentionsPositive,     // word-of-mouth mentions after resolved issues
  kMentionsNegative,     // word-of-mouth mentions after unresolved issues
  kActiveCustomerS,      // integral of active customers
  kCompressionSum,       // total compression of completed services
  kHostileCalls,         // completed services with a hostile caller
  kExhaustionSumS,       // integral of the sum of active employees' exhaustion
  kEngagementSumS,       // integral of the sum of active employees' engagement
  kCallbacks,            // callers who accepted a callback offer
  kCallbacksAnswered,    // callbacks made (answered calls that waited off the line)
  kCallbackWaitS,        // their total wait
  kFrustrationSum,       // total frustration of answered calls when answered
  kAwards,               // manager and peer recognitions
  kCsatSum,              // total satisfaction score (1–5) of scored calls
  kCsatCount,            // calls scored
  kTopBox,               // calls scored 5
  kPraise,               // praise captured
  kPraiseForwarded,      // praise passed on to the agent
  kComplaints,           // complaints
  kIvrCallS,             // time callers spent in the IVR
  kActiveValueS,         // integral of the active customers' monthly value (money/month × s)
  kValueChurned,         // monthly value of the customers who churned (money/month)
  kRevenueLost,          // money: churned customers' value from churn to the horizon
  kIssuesOpenAtEnd,      // issues still open at the horizon (booked in the last interval)
  kCustomersAtEnd,       // active customers at the horizon (booked in the last interval)
  kPlannedAgentS,        // agents the plan wants on the phone × seconds
  kOvertimeAgentS,       // agent-seconds of overtime (beyond contracted hours or added intraday)
  kToursUnfilled,        // rostered tours nobody could work
  kVtoAgentS,            // agent-seconds of voluntary time off taken
  kAhtTargetS,           // integral of the AHT target agents act on (0: none)
  kCounterCount
};

using Counters = std::array<double, kCounterCount>;

// The counters also kept per call type (a call's own counts and times, booked with its type),
// and the position of each in a type's row (-1: not kept per type).
inline constexpr Counter kTypeCounters[] = {kArrivals,          kContained,        kOffered,        kAnswered,
                                            kAbandoned,         kAnsweredWithinSl, kWaitAnsweredS,  kWaitAllS,
                                            kHandled,           kHandleTimeS,      kHandledRepeat,  kHandleTimeRepeatS,
                                            kCallbacksAnswered, kCallbackWaitS,    kCompressionSum, kTransferred};
inline constexpr std::size_t kTypeCounterCount = std::size(kTypeCounters);
inline constexpr std::array<int, kCounterCount> kTypeSlot = [] {
  std::array<int, kCounterCount> slot{};
  slot.fill(-1);
  for (std::size_t i = 0; i < kTypeCounterCount; ++i) slot[kTypeCounters[i]] = static_cast<int>(i);
  return slot;
}();
// A type's row as a full set of counters (zero where not kept per type).
Counters expand_type_row(const double* row);

struct Metric {
  const char* name;
  const char* units;
  const char* long_name;
  // The metric over a period of `seconds` with summed counters `c`; money is priced from the
  // counters (agent-seconds, minutes, hires, awards, value churned) at the scenario's prices.
  double (*value)(const Counters& c, double seconds, const MoneySpec& money);
  // The values it can take (a count or a time is never negative, a share lies in [0, 1]):
  // confidence intervals are clipped to them.
  double lowest = 0.0, highest = std::numeric_limits<double>::infinity();
  // Money, in the scenario's currency (money.currency): its units are "1" and the results carry
  // the currency code beside them.
  bool money = false;
};

// Every metric reported per interval, per day and per run, in output order.
std::span<const Metric> metrics();
// The metrics that depend only on the counters kept per call type, reported per call type.
const std::vector<Metric>& type_metrics();

// Sums consecutive groups of `group` intervals: [n * kCounterCount] -> [n/group * kCounterCount].
std::vector<double> sum_groups(std::span<const double> intervals, std::size_t group);

// Sums intervals [first, n) into one set of counters.
Counters sum_from(std::span<const double> intervals, std::size_t first);

}  // namespace cxsim::models
