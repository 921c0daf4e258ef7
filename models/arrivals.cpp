// Arrival-time generation for ArrivalProcess.
#include "models/arrivals.hpp"

#include <boost/random/exponential_distribution.hpp>
#include <cmath>
#include <limits>

namespace cxsim::models {

ArrivalProcess::ArrivalProcess(const ArrivalSpec& spec, std::uint32_t start_weekday)
    : spec_(spec),
      offset_s_(start_weekday * kSecondsPerDay) {
  for (double r : spec.rate_per_hour) mean_rate_ += r / static_cast<double>(spec.rate_per_hour.size());
}

double ArrivalProcess::rate_at(double t) const {
  const auto slot = static_cast<std::size_t>(std::floor((t + offset_s_) / spec_.slot_seconds)) %
                    spec_.rate_per_hour.size();
  return scale_ * spec_.rate_per_hour[slot] / 3600.0;
}

double ArrivalProcess::after_in_profile_time(double t, double delay) const {
  const std::size_t n = spec_.rate_per_hour.size();
  if (n == 1 || mean_rate_ <= 0.0) return t + delay;  // a constant rate: operational time is time
  auto k = static_cast<std::uint64_t>(std::floor((t + offset_s_) / spec_.slot_seconds));
  double remaining = delay;
  for (std::size_t steps = 0; steps < 1000 * n; ++k, ++steps) {
    const double slot_end = static_cast<double>(k + 1) * spec_.slot_seconds - offset_s_;
    if (slot_end <= t) continue;
    const double ratio = spec_.rate_per_hour[k % n] / mean_rate_;
    const double available = (slot_end - t) * ratio;
    if (ratio > 0.0 && available >= remaining) return t + remaining / ratio;
    remaining -= available;
    t = slot_end;
  }
  return std::numeric_limits<double>::infinity();
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
    const double rate = scale_ * spec_.rate_per_hour[k % n] / 3600.0;
    if (rate > 0.0) {
      const double candidate = t + unit(engine) / rate;
      if (candidate < slot_end) return candidate < horizon ? candidate
                                                           : std::numeric_limits<double>::infinity();
    }
    t = slot_end;
    ++k;
  }
  return std::numeric_limits<double>::infinity();
}

}  // namespace cxsim::models
