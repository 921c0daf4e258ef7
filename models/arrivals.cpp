// Arrival-time generation for ArrivalProcess.
#include "models/arrivals.hpp"

#include <algorithm>
#include <boost/random/exponential_distribution.hpp>
#include <cmath>
#include <limits>

namespace cxsim::models {

WeeklyRates weekly_rates(const ScenarioSpec& spec) {
  const ArrivalsSpec& a = spec.arrivals;
  WeeklyRates out;
  if (a.calls_per_hour) {
    out.rate_per_hour = {*a.calls_per_hour};
  } else {
    const auto& profile = a.weekly_profile.value();
    const std::size_t slots = profile.front().size();
    double total = 0.0;
    for (const auto& row : profile) {
      double day = 0.0;
      for (double w : row) day += w;
      total += day;
    }
    const double weekly_calls = 7.0 * a.daily_volume.value(), hours_per_slot = 24.0 / static_cast<double>(slots);
    out.rate_per_hour.clear();
    for (const auto& row : profile)
      for (double w : row) out.rate_per_hour.push_back(weekly_calls * w / total / hours_per_slot);
    out.slot_seconds = kSecondsPerDay / static_cast<double>(slots);
  }
  if (spec.customers.enabled && spec.customers.issues_per_month) {
    double sum = 0.0;
    for (double r : out.rate_per_hour) sum += r;
    const double mean = sum / static_cast<double>(out.rate_per_hour.size());
    for (double& r : out.rate_per_hour) r /= mean;  // a shape with mean 1 call/h
  }
  return out;
}

ArrivalProcess::ArrivalProcess(WeeklyRates rates, std::uint32_t start_weekday)
    : spec_(std::move(rates)), offset_s_(start_weekday * kSecondsPerDay) {
  for (double r : spec_.rate_per_hour) mean_rate_ += r / static_cast<double>(spec_.rate_per_hour.size());
  operational_.push_back(0.0);
  for (double r : spec_.rate_per_hour) {
    ratio_.push_back(mean_rate_ > 0.0 ? r / mean_rate_ : 0.0);
    operational_.push_back(operational_.back() + ratio_.back() * spec_.slot_seconds);
  }
}

double ArrivalProcess::rate_at(double t) const {
  const auto slot =
      static_cast<std::size_t>(std::floor((t + offset_s_) / spec_.slot_seconds)) % spec_.rate_per_hour.size();
  return scale_ * spec_.rate_per_hour[slot] / 3600.0;
}

double ArrivalProcess::after_in_profile_time(double t, double delay) const {
  const std::size_t n = spec_.rate_per_hour.size();
  if (n == 1 || mean_rate_ <= 0.0) return t + delay;  // a constant rate: operational time is time
  const double period = static_cast<double>(n) * spec_.slot_seconds, week_load = operational_[n];
  // Λ(t): whole weeks, then the slots of this week before t's, then the part of t's slot.
  const double x = t + offset_s_;
  const double weeks = std::floor(x / period);
  const auto k = std::min(static_cast<std::size_t>((x - weeks * period) / spec_.slot_seconds), n - 1);
  const double target = weeks * week_load + operational_[k] +
                        (x - weeks * period - static_cast<double>(k) * spec_.slot_seconds) * ratio_[k] + delay;
  // Λ⁻¹(target): the slot j with Λ_j ≤ r < Λ_{j+1} has a positive rate, so it is never a closed hour.
  double to_weeks = std::floor(target / week_load), r = target - to_weeks * week_load;
  if (r < 0.0) {  // the division rounded up to a whole number of weeks
    to_weeks -= 1.0;
    r += week_load;
  }
  if (r >= week_load) {  // r rounded up to a whole week
    to_weeks += 1.0;
    r = 0.0;
  }
  const auto j = static_cast<std::size_t>(std::upper_bound(operational_.begin() + 1, operational_.end(), r) -
                                          (operational_.begin() + 1));
  const double at =
      to_weeks * period + static_cast<double>(j) * spec_.slot_seconds + (r - operational_[j]) / ratio_[j] - offset_s_;
  return std::max(at, t);
}

double ArrivalProcess::next(double t, double horizon, sim::Engine& engine) const {
  const std::size_t n = spec_.rate_per_hour.size();
  boost::random::exponential_distribution<double> unit(1.0);
  // Absolute slot index since week time 0; its end is computed from the index so that
  // rounding can never leave t stuck at a slot boundary.
  auto k = static_cast<std::uint64_t>(std::floor((t + offset_s_) / spec_.slot_seconds));
  while (t < horizon) {
    double slot_end = static_cast<double>(k + 1) * spec_.slot_seconds - offset_s_;
    if (slot_end <= t) {
      ++k;
      continue;
    }
    if (n == 1) slot_end = std::numeric_limits<double>::infinity();
    const double rate = scale_ * spec_.rate_per_hour[n == 1 ? 0 : k % n] / 3600.0;
    if (rate > 0.0) {
      const double candidate = t + unit(engine) / rate;
      if (candidate < slot_end) return candidate < horizon ? candidate : std::numeric_limits<double>::infinity();
    }
    t = slot_end;
    ++k;
  }
  return std::numeric_limits<double>::infinity();
}

}  // namespace cxsim::models
