// Non-homogeneous Poisson arrivals with a piecewise-constant rate over a repeating week.
#pragma once

#include <vector>

#include "models/spec.hpp"
#include "sim/rng.hpp"

namespace cxsim::models {

// Calls per hour in each profile slot of the week, slot after slot from the week's first day at
// 00:00; a single slot is a constant rate around the clock.
struct WeeklyRates {
  std::vector<double> rate_per_hour{0.0};
  double slot_seconds = 7 * kSecondsPerDay;
};

// The scenario's arrival rates: arrivals.calls_per_hour around the clock, or
// arrivals.weekly_profile's weights scaled to arrivals.daily_volume calls a day over the week.
// When customers raise the calls (customers.issues_per_month), the profile is only a shape:
// the rates are scaled to a mean of 1 call/h, and the contact centre scales them each day by
// the active base's issue rate (ArrivalProcess::set_scale).
WeeklyRates weekly_rates(const ScenarioSpec& spec);

class ArrivalProcess {
 public:
  ArrivalProcess(WeeklyRates rates, std::uint32_t start_weekday);

  // The first arrival after time `t`, or +inf if none comes before `horizon`. Exact for a
  // piecewise-constant rate: an exponential step is drawn at the current slot's rate and,
  // if it crosses the slot's end, a fresh one is drawn from there (memorylessness).
  double next(double t, double horizon, sim::Engine& engine) const;

  // The rate in calls per second at time t.
  double rate_at(double t) const;

  // When a customer who decides at `t` to call back after `delay` does so: the delay elapses
  // in the profile's operational time Λ(t) = ∫ r(s)/r̄ ds, so returning customers call when
  // people call (density ∝ the arrival rate), never in closed hours, with no pile-up at opening.
  // Λ is read from a table of its values at the slots' starts, so this costs two lookups.
  double after_in_profile_time(double t, double delay) const;

  // Multiplies every rate from now on (customers' issue rate × active customers).
  void set_scale(double scale) { scale_ = scale; }

 private:
  WeeklyRates spec_;
  double offset_s_;  // week time of simulation time 0
  double scale_ = 1.0;
  double mean_rate_ = 0.0;
  std::vector<double> ratio_;        // r_k / r̄ per slot of the week
  std::vector<double> operational_;  // Λ at the start of each slot of the week, and at its end
};

}  // namespace cxsim::models
