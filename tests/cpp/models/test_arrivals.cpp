// Arrivals: counts per slot match the piecewise-constant rate (Poisson, so mean = variance).
#include "models/arrivals.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <vector>

using cxsim::models::ArrivalProcess;
using cxsim::models::WeeklyRates;

TEST(Arrivals, CountsFollowTheWeeklyProfile) {
  WeeklyRates spec;
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
  WeeklyRates spec;
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
  WeeklyRates spec;
  spec.rate_per_hour = {3600.0};
  ArrivalProcess process(spec, 0);
  auto rng = cxsim::sim::make_stream(3, 0, 1);
  EXPECT_TRUE(std::isinf(process.next(100.0, 100.0, rng)));
}

// ∫ r(s)/r̄ ds from a to b, summed slot by slot from rate_at (independent of the lookup table);
// slots start where week time, simulation time + offset, is a multiple of the slot length.
double operational(const ArrivalProcess& process, double a, double b, double slot, double offset, double mean_rate) {
  double total = 0.0;
  for (double s = a; s < b;) {
    const double end = std::min(b, (std::floor((s + offset) / slot) + 1.0) * slot - offset);
    total += (end - s) * process.rate_at(0.5 * (s + end)) / mean_rate;
    s = end;
  }
  return total;
}

TEST(Arrivals, RepeatDelayElapsesInOperationalTime) {
  WeeklyRates spec;
  spec.rate_per_hour = {0.0, 36.0, 0.0, 0.0, 12.0, 72.0, 0.0};  // closed slots between open ones
  spec.slot_seconds = 1000.0;
  const double mean_rate = 120.0 / 7.0 / 3600.0, period = 7000.0;
  auto rng = cxsim::sim::make_stream(5, 0, 1);
  for (int i = 0; i < 4000; ++i) {
    const std::uint32_t weekday = i % 2 == 0 ? 0 : 2;  // week time 0 at simulation time 0, or not
    const ArrivalProcess process(spec, weekday);
    const double t = cxsim::sim::uniform(rng) * 5 * period;
    // Delays from a fraction of a slot to several weeks, and some that end on a slot boundary.
    double delay = std::exp(std::log(10.0) + cxsim::sim::uniform(rng) * std::log(4000.0));
    if (i % 10 == 0) delay = std::round(delay / 1000.0) * 1000.0 + 1000.0;
    const double at = process.after_in_profile_time(t, delay);
    ASSERT_GE(at, t);
    EXPECT_NEAR(operational(process, t, at, spec.slot_seconds, weekday * 86400.0, mean_rate), delay, 1e-6 * delay)
        << t << " " << delay;
    // It ends in an open slot (or on the edge of one).
    EXPECT_GT(process.rate_at(at) + process.rate_at(std::nextafter(at, 0.0)), 0.0) << "closed at " << at;
  }
}

TEST(Arrivals, RepeatDelayIsPlainTimeForAConstantRate) {
  WeeklyRates spec;
  spec.rate_per_hour = {50.0};
  ArrivalProcess process(spec, 3);
  EXPECT_DOUBLE_EQ(process.after_in_profile_time(123.0, 4567.0), 123.0 + 4567.0);
}

TEST(Arrivals, ProfileScalesToTheDailyVolume) {
  cxsim::models::ScenarioSpec spec;
  spec.arrivals.weekly_profile = std::vector<std::vector<double>>(7, std::vector<double>(24, 0.0));
  (*spec.arrivals.weekly_profile)[0][9] = 3.0;  // Monday 09:00–10:00 and Sunday 23:00–24:00
  (*spec.arrivals.weekly_profile)[6][23] = 1.0;
  spec.arrivals.daily_volume = 100.0;
  const WeeklyRates rates = cxsim::models::weekly_rates(spec);
  ASSERT_EQ(rates.rate_per_hour.size(), 7u * 24u);
  EXPECT_DOUBLE_EQ(rates.slot_seconds, 3600.0);
  // 700 calls a week, three quarters of them in Monday's hour and a quarter in Sunday's last.
  EXPECT_NEAR(rates.rate_per_hour[9], 525.0, 1e-9);
  EXPECT_NEAR(rates.rate_per_hour[6 * 24 + 23], 175.0, 1e-9);
  EXPECT_EQ(rates.rate_per_hour[10], 0.0);
}

TEST(Arrivals, ConstantRateIsOneSlotAroundTheClock) {
  cxsim::models::ScenarioSpec spec;
  spec.arrivals.calls_per_hour = 42.0;
  const WeeklyRates rates = cxsim::models::weekly_rates(spec);
  ASSERT_EQ(rates.rate_per_hour.size(), 1u);
  EXPECT_EQ(rates.rate_per_hour[0], 42.0);
}

TEST(Arrivals, IssueDrivenProfileIsAShapeWithMeanOneCallPerHour) {
  cxsim::models::ScenarioSpec spec;
  spec.arrivals.weekly_profile = std::vector<std::vector<double>>(7, {1.0, 3.0});
  spec.arrivals.daily_volume = 480.0;
  spec.customers.issues_per_month = 0.5;
  spec.customers.enabled = false;  // without customers the volume is the profile's
  EXPECT_NEAR(cxsim::models::weekly_rates(spec).rate_per_hour[1], 30.0, 1e-9);
  spec.customers.enabled = true;  // with them it is a shape: the base's issues set the volume
  const WeeklyRates shape = cxsim::models::weekly_rates(spec);
  EXPECT_NEAR(shape.rate_per_hour[0], 0.5, 1e-12);
  EXPECT_NEAR(shape.rate_per_hour[1], 1.5, 1e-12);
}
