// KPIs from counters: each metric is its definition in docs/results.md, money at the
// scenario's prices, and an empty denominator gives NaN.
#include "models/kpi.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <string>

using namespace cxsim::models;

namespace {
double value(const char* name, const Counters& c, double seconds, const MoneySpec& money = MoneySpec{}) {
  for (const Metric& m : metrics())
    if (std::string(m.name) == name) return m.value(c, seconds, money);
  ADD_FAILURE() << "no metric " << name;
  return 0.0;
}
}  // namespace

TEST(Kpi, QueueRatiosFollowTheirDefinitions) {
  Counters c{};
  c[kOffered] = 200;
  c[kAnswered] = 180;
  c[kAbandoned] = 20;
  c[kWaited] = 50;
  c[kAnsweredWithinSl] = 150;
  c[kAbandonedWithinSl] = 10;
  c[kWaitAnsweredS] = 1800;
  c[kWaitAllS] = 2400;
  c[kBusyAgentS] = 3000;
  c[kStaffedAgentS] = 4000;
  EXPECT_DOUBLE_EQ(value("abandon_rate", c, 3600), 0.1);
  EXPECT_DOUBLE_EQ(value("p_wait", c, 3600), 0.25);
  EXPECT_DOUBLE_EQ(value("asa_s", c, 3600), 10.0);
  EXPECT_DOUBLE_EQ(value("mean_wait_s", c, 3600), 12.0);
  EXPECT_DOUBLE_EQ(value("service_level", c, 3600), 0.75);
  EXPECT_DOUBLE_EQ(value("service_level_g1", c, 3600), 150.0 / 190.0);
  EXPECT_DOUBLE_EQ(value("service_level_g2", c, 3600), 0.8);
  EXPECT_DOUBLE_EQ(value("occupancy", c, 3600), 0.75);
  EXPECT_DOUBLE_EQ(value("agents_staffed", c, 3600), 4000.0 / 3600.0);
}

TEST(Kpi, EmptyDenominatorsAreNaN) {
  const Counters none{};
  for (const char* name : {"abandon_rate", "asa_s", "occupancy", "aht_s", "fcr", "csat_mean", "exhaustion_mean"})
    EXPECT_TRUE(std::isnan(value(name, none, 3600))) << name;
  EXPECT_EQ(value("arrivals", none, 3600), 0.0);
}

TEST(Kpi, AnnualRatesScaleTheirPeriodToAYear) {
  Counters c{};
  const double week = 7 * 86400.0;
  c[kQuits] = 2;
  c[kEmployedAgentS] = 100 * week;  // 100 employees all week
  c[kChurnedService] = 30;
  c[kChurnedBaseline] = 10;
  c[kActiveCustomerS] = 10000 * week;
  EXPECT_DOUBLE_EQ(value("agent_attrition_rate", c, week), 0.02);
  EXPECT_NEAR(value("agent_attrition_rate_annual", c, week), 0.02 * 365 / 7, 1e-12);
  EXPECT_NEAR(value("customer_churn_rate_annual", c, week), 0.004 * 365 / 7, 1e-12);
}

TEST(Kpi, MoneyIsPricedFromTheCounters) {
  MoneySpec money;
  money.wage_per_hour = 20;
  money.cost_per_hire = 5000;
  money.cost_per_queue_minute = 0.5;
  money.cost_per_ivr_minute = 0.1;
  money.cost_per_award = 40;
  money.customer_lifetime_months = 24;
  Counters c{};
  c[kStaffedAgentS] = 36000;  // 10 agent-hours
  c[kHires] = 2;
  c[kQueueCallS] = 600;  // 10 minutes waiting
  c[kIvrCallS] = 1200;   // 20 minutes in the IVR
  c[kAwards] = 3;
  c[kActiveValueS] = 30 * kSecondsPerMonth;  // 30 a month, for a month
  c[kValueChurned] = 5;
  const double day = 86400;
  EXPECT_DOUBLE_EQ(value("cost_labour", c, day, money), 200.0);
  EXPECT_DOUBLE_EQ(value("cost_hiring", c, day, money), 10000.0);
  EXPECT_DOUBLE_EQ(value("cost_telephony", c, day, money), 5.0 + 2.0);
  EXPECT_DOUBLE_EQ(value("cost_recognition", c, day, money), 120.0);
  EXPECT_DOUBLE_EQ(value("cost_total", c, day, money), 200.0 + 10000.0 + 7.0 + 120.0);
  EXPECT_DOUBLE_EQ(value("revenue", c, day, money), 30.0);
  EXPECT_DOUBLE_EQ(value("lifetime_value_lost", c, day, money), 120.0);
  EXPECT_DOUBLE_EQ(value("net_value", c, day, money), 30.0 - (200.0 + 10000.0 + 7.0 + 120.0));
}

TEST(Kpi, GroupsAndTailsSumTheIntervals) {
  std::vector<double> intervals(5 * kCounterCount, 0.0);
  for (std::size_t i = 0; i < 5; ++i) intervals[i * kCounterCount + kArrivals] = static_cast<double>(i + 1);
  const auto pairs = sum_groups(intervals, 2);  // (1+2), (3+4), 5
  ASSERT_EQ(pairs.size(), 3 * kCounterCount);
  EXPECT_EQ(pairs[0 * kCounterCount + kArrivals], 3.0);
  EXPECT_EQ(pairs[1 * kCounterCount + kArrivals], 7.0);
  EXPECT_EQ(pairs[2 * kCounterCount + kArrivals], 5.0);
  EXPECT_EQ(sum_from(intervals, 3)[kArrivals], 9.0);
}
