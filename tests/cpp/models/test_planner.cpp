// The staffing plan: a table read per interval, the steady-state forecast's arithmetic, the
// headcount a plan needs, and re-planning by exponential smoothing after the lag.
#include "models/planner.hpp"

#include <gtest/gtest.h>

#include "models/contact_centre.hpp"
#include "models/kpi.hpp"

namespace cxsim::models {
namespace {

ScenarioSpec constant(double calls_per_hour) {
  ScenarioSpec s;
  s.arrivals.calls_per_hour = calls_per_hour;
  s.service.handle_time_dist = DistKind::Exponential;
  s.service.mean_handle_time_s = 200.0;
  s.service.after_call_work_s = 10.0;
  s.callers.patience_dist = DistKind::Exponential;
  s.callers.mean_patience_s = 300.0;
  return s;
}

// 100 calls/h through a one-level IVR (10 s) whose self-service contains a share of the one type.
ScenarioSpec self_service(double containment) {
  ScenarioSpec s = constant(100.0);
  s.ivr.levels = 1;
  s.ivr.seconds_per_level = 10.0;
  CallTypeSpec t;
  t.name = "only";
  t.containment = containment;
  s.call_types = {t};
  return s;
}

TEST(Planner, StaffingTableIsReadPerInterval) {
  ScenarioSpec s = constant(60.0);
  s.agents.staffing = std::vector<std::vector<double>>(7, std::vector<double>(24, 0.0));
  (*s.agents.staffing)[2][9] = 7.0;  // Wednesday 09:00-10:00
  const Planner p(s, Forecast{});
  ASSERT_TRUE(p.active());
  EXPECT_EQ(p.intervals_per_day(), 48u);
  EXPECT_EQ(p.need(2 * 48 + 18), 7u);  // both half hours of the slot
  EXPECT_EQ(p.need(2 * 48 + 19), 7u);
  EXPECT_EQ(p.need(2 * 48 + 20), 0u);
  EXPECT_EQ(p.need(1 * 48 + 18), 0u);
}

TEST(Planner, SteadyForecastOfAPlainQueue) {
  // No IVR, no customers, no workforce: offered = arrivals, AHT = talk + after-call work,
  // patience rate = 1 / mean patience.
  const ScenarioSpec s = constant(90.0);
  const Forecast f = steady_forecast(s, call_types(s), weekly_rates(s), 1.0);
  ASSERT_EQ(f.offered_per_s.size(), 7u * 48u);
  for (double x : f.offered_per_s) EXPECT_DOUBLE_EQ(x, 90.0 / 3600.0);
  EXPECT_DOUBLE_EQ(f.handle_s, 210.0);
  EXPECT_DOUBLE_EQ(f.patience_rate, 1.0 / 300.0);
}

TEST(Planner, SteadyForecastAddsRepeatsAndTakesOffSelfService) {
  ScenarioSpec s = self_service(0.2);
  s.customers.enabled = true;
  s.customers.fcr = 0.7;
  s.customers.recontact_probability = 0.5;
  s.customers.repeat_handle_factor = 1.5;
  const Forecast f = steady_forecast(s, call_types(s), weekly_rates(s), 1.0);
  // Reach 0.8 per arrival; repeats q/(1 − q) per first contact, q = 0.3 × 0.5; the misroute and
  // transfer penalty are 0 by default.
  const double q = 0.3 * 0.5, repeats = q / (1 - q);
  EXPECT_NEAR(f.offered_per_s[0], 100.0 / 3600.0 * 0.8 * (1 + repeats), 1e-12);
  EXPECT_NEAR(f.handle_s, 200.0 * (1 + repeats * 1.5) / (1 + repeats) + 10.0, 1e-9);
}

TEST(Planner, HeadcountCoversTheHoursOrTheTours) {
  // 10 agents around the clock every day in 8-hour tours: 30 tours a day, 1,680 hours a week,
  // each contract of 40 h leaving half a tour (4 h) unused.
  ScenarioSpec s = constant(60.0);
  s.agents.staffing = std::vector<std::vector<double>>(7, std::vector<double>(24, 10.0));
  s.agents.tour_min_hours = 8.0;
  s.agents.tour_max_hours = 8.0;
  s.workforce.contract_hours_week = 40.0;
  s.workforce.contract_days_week = 5;
  const Planner p(s, Forecast{});
  EXPECT_DOUBLE_EQ(p.headcount(p.latest()), 1680.0 / 36.0);  // more than 210 tours / 5 days = 42
  s.workforce.contract_days_week = 4;                        // 210 tours / 4 days = 52.5 > 46.7
  EXPECT_DOUBLE_EQ(p.headcount(p.latest()), 52.5);
  s.workforce.enabled = true;  // absence grosses it up
  s.workforce.absence_probability = 0.25;
  EXPECT_DOUBLE_EQ(p.headcount(p.latest()), 52.5 / 0.75);
}

TEST(Planner, ReplansByExponentialSmoothingAfterTheLag) {
  ScenarioSpec s = constant(60.0);
  s.planning.enabled = true;
  s.planning.period_days = 7.0;
  s.planning.lag_days = 7.0;
  s.planning.forecast_weight = 0.5;
  Planner p(s, steady_forecast(s, call_types(s), weekly_rates(s), 1.0));
  const std::uint32_t before = p.need(0);
  // A week observed at twice the volume: 60 offered calls per half hour, handle time 210 s.
  Counters c{};
  c[kOffered] = 60.0;
  c[kHandled] = 60.0;
  c[kHandleTimeS] = 60.0 * 210.0;
  c[kAbandoned] = 1.0;
  c[kWaitAllS] = 300.0;
  for (std::uint32_t k = 0; k < 7 * 48; ++k) p.observe(k, c.data());
  EXPECT_FALSE(p.start_day(6 * kSecondsPerDay));  // not yet a review
  EXPECT_TRUE(p.start_day(7 * kSecondsPerDay));
  // Forecast halfway from 60/h to 120/h: 90 calls an hour, in force a week later.
  EXPECT_DOUBLE_EQ(p.forecast().offered_per_s[5], 90.0 / 3600.0);
  EXPECT_EQ(p.need(0), before);
  p.start_day(14 * kSecondsPerDay);
  Forecast expected = p.forecast();
  EXPECT_EQ(p.need(0), Planner::plan(s, expected)[0]);
  EXPECT_GT(p.need(0), before);
}

}  // namespace
}  // namespace cxsim::models

namespace cxsim::models {
namespace {

TEST(Planner, SteadyForecastKnowsSelfServiceTakesTheSimplerIssues) {
  // Exponential talk of mean μ = 200 s, containment 0.3, full selectivity: calls below the
  // median m = μ ln 2 are contained with chance 0.6, those above never. What reaches an agent:
  // 0.5·0.4 + 0.5 = 0.7 of the callers, with mean talk (0.4·E[T; T<m] + E[T; T>m]) / 0.7,
  // E[T; T>m] = (m + μ)e^(−m/μ) = μ(1 + ln 2)/2 and E[T; T<m] = μ − that.
  ScenarioSpec s = self_service(0.3);
  s.ivr.containment_selectivity = 1.0;
  s.service.after_call_work_s = 0.0;
  const Forecast f = steady_forecast(s, call_types(s), weekly_rates(s), 1.0);
  const double mu = 200.0, above = mu * (1 + std::log(2.0)) / 2, below = mu - above;
  EXPECT_NEAR(f.offered_per_s[0], 100.0 / 3600.0 * 0.7, 0.01 * 100.0 / 3600.0 * 0.7);
  EXPECT_NEAR(f.handle_s, (0.4 * below + above) / 0.7, 0.02 * (0.4 * below + above) / 0.7);
}

TEST(Planner, SeatsHoldEveryPositionFilledAtTheStart) {
  // Heavy attrition over a long lead time fills more positions than max_headcount_factor
  // leaves room for (issue 9: the workforce then wrote past its seats).
  ScenarioSpec s = constant(60.0);
  s.planning.enabled = true;
  s.planning.max_headcount_factor = 1.0;
  s.workforce.enabled = true;
  s.workforce.quit_rate_monthly = 5.0;
  s.workforce.hiring_delay_days = 730.0;
  Planner p(s, steady_forecast(s, call_types(s), weekly_rates(s), 1.0));
  const Seats seats_now = seats(s, p);
  EXPECT_GT(seats_now.filled, p.headcount(p.latest()));
  EXPECT_GE(seats_now.seats, seats_now.filled);
}

}  // namespace
}  // namespace cxsim::models
