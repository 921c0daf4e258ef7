// Arrivals: counts per slot match the piecewise-constant rate (Poisson, so mean = variance).
#include "models/arrivals.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <vector>

using cxsim::models::ArrivalProcess;
using cxsim::models::ArrivalSpec;

TEST(Arrivals, CountsFollowTheWeeklyProfile) {
  ArrivalSpec spec;
  spec.rate_per_hour = {100.0, 0.0, 400.0};  // three 56-hour slots a week
  spec.slot_seconds = 7 * 86400.0 / 3.0;
  ArrivalProcess process(spec, 0);
  auto rng = cxsim::sim::make_stream(3, 0, 1);
  const double weeks = 50.0, horizon = weeks * 7 * 86400.0;
  std::vector<double> counts(3, 0.0);
  for (double t = process.next(0.0, horizon, rng); std::isfinite(t); t = process.next(t, horizon, rng))
    counts[static_cast<std::size_t>(std::fmod(t, 7 * 86400.0) / spec.slot_seconds)] += 1.0;
  for (std::size_t k = 0; k < 3; ++k) {
    const double expected = spec.rate_per_hour[k] * weeks * spec.slot_seconds / 3600.0;
    EXPECT_NEAR(counts[k], expected, 4.5 * std::sqrt(expected) + 1e-9) << "slot " << k;
  }
  EXPECT_EQ(counts[1], 0.0);
}

TEST(Arrivals, StartWeekdayShiftsTheProfile) {
  ArrivalSpec spec;
  spec.rate_per_hour = {0, 0, 0, 0, 0, 0, 100};  // only on Sundays
  spec.slot_seconds = 86400.0;
  ArrivalProcess from_sunday(spec, 6);
  auto rng = cxsim::sim::make_stream(3, 0, 1);
  const double first = from_sunday.next(0.0, 7 * 86400.0, rng);
  EXPECT_LT(first, 86400.0);  // day 0 is a Sunday
  EXPECT_DOUBLE_EQ(from_sunday.rate_at(86400.0 * 0.5), 100.0 / 3600.0);
  EXPECT_DOUBLE_EQ(from_sunday.rate_at(86400.0 * 1.5), 0.0);
}

TEST(Arrivals, NoneAfterTheHorizon) {
  ArrivalSpec spec;
  spec.rate_per_hour = {3600.0};
  ArrivalProcess process(spec, 0);
  auto rng = cxsim::sim::make_stream(3, 0, 1);
  EXPECT_TRUE(std::isinf(process.next(100.0, 100.0, rng)));
}
