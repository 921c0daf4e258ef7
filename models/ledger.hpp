// The run's books: the counters of each reporting interval and the time integrals that close
// into them at the end of each interval.
#pragma once

#include <cstdint>
#include <vector>

#include "models/kpi.hpp"
#include "sim/stats.hpp"

namespace cxsim::models {

class Ledger {
 public:
  Ledger(std::uint32_t intervals, std::uint32_t types)
      : types_(types),
        counters_(static_cast<std::size_t>(intervals) * kCounterCount, 0.0),
        type_counters_(static_cast<std::size_t>(intervals) * types * kTypeCounterCount, 0.0) {}

  // Adds `v` to counter K of an interval, overall and for the call's type.
  template <Counter K>
  void add(std::uint32_t interval, std::uint8_t type, double v) {
    static_assert(kTypeSlot[K] >= 0, "a counter kept per call type (kTypeCounters)");
    at(interval)[K] += v;
    type_counters_[(static_cast<std::size_t>(interval) * types_ + type) * kTypeCounterCount + kTypeSlot[K]] += v;
  }

  // The counters of an interval, and of the current one.
  double* at(std::uint32_t interval) { return &counters_[static_cast<std::size_t>(interval) * kCounterCount]; }
  double* now() { return at(interval_); }
  std::uint32_t interval() const { return interval_; }

  // Closes the current interval at time t: the levels' integrals go into its counters, and the
  // next interval begins. (Money is priced from the counters, in kpi.cpp.)
  void close_interval(double t) {
    double* c = now();
    c[kBusyAgentS] += busy.take(t);
    c[kStaffedAgentS] += staffed.take(t);
    c[kOffPhoneAgentS] += off_phone.take(t);
    c[kQueueCallS] += queued.take(t);
    c[kActiveValueS] += active_value.take(t);
    c[kEmployedAgentS] += employed.take(t);
    c[kTrainingAgentS] += training.take(t);
    c[kVacantSeatS] += vacant.take(t);
    c[kAbsentAgentS] += absent.take(t);
    c[kActiveEmployeeS] += active.take(t);
    c[kMultiplierSumS] += multiplier_sum.take(t);
    c[kActiveCustomerS] += active_customers.take(t);
    c[kExhaustionSumS] += exhaustion_sum.take(t);
    c[kEngagementSumS] += engagement_sum.take(t);
    c[kAhtTargetS] += aht_target.take(t);
    ++interval_;
  }

  std::vector<double> take() && { return std::move(counters_); }
  // The per-type counters, [interval][type][kTypeCounters].
  std::vector<double> take_types() { return std::move(type_counters_); }

  // Levels integrated over time: agents busy, on the phone and on duty off the phone, calls waiting; employees by
  // status and their states; active customers and their monthly value.
  sim::TimeWeighted busy, staffed, off_phone, queued;
  sim::TimeWeighted employed, training, vacant, absent, active, multiplier_sum, exhaustion_sum, engagement_sum;
  sim::TimeWeighted active_customers, active_value;
  sim::TimeWeighted aht_target;  // the AHT target agents act on (0: none)

 private:
  std::uint32_t types_;
  std::vector<double> counters_, type_counters_;
  std::uint32_t interval_ = 0;
};

}  // namespace cxsim::models
