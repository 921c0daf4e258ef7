// The customer base: segments from the spec, issues and churn after them, and a caller drawn
// uniformly among the active customers in constant time however many have churned.
#include "models/customers.hpp"

#include <gtest/gtest.h>

#include <map>

using namespace cxsim::models;

namespace {
ScenarioSpec base(std::int64_t count) {
  ScenarioSpec s;
  s.customers.enabled = true;
  s.customers.count = count;
  s.customers.acquisition_monthly = 0.0;
  s.customers.baseline_churn_monthly = 0.0;
  return s;
}
}  // namespace

TEST(Customers, WithoutSegmentsOneSegmentHoldsEveryone) {
  CustomersSpec spec;
  spec.value_monthly = 42.0;
  const auto all = segments(spec);
  ASSERT_EQ(all.size(), 1u);
  EXPECT_EQ(all[0].name, "all");
  EXPECT_EQ(all[0].value_monthly, 42.0);
  SegmentSpec premium;
  premium.name = "premium";
  SegmentSpec mass;
  mass.name = "mass";
  mass.value_monthly = 20.0;
  spec.segments = {premium, mass};
  const auto two = segments(spec);
  EXPECT_EQ(two[0].value_monthly, 42.0);  // unset: customers.value_monthly
  EXPECT_EQ(two[1].value_monthly, 20.0);
}

TEST(Customers, AnIssueClosesWithTheChurnChanceOfHowItEnded) {
  ScenarioSpec s = base(100);
  s.customers.churn_unresolved = 1.0;
  s.customers.churn_first_contact = 0.0;
  s.customers.churn_effort_coefficient = 0.0;
  const Behaviour behaviour(s);
  CustomerBase customers(s, behaviour, cxsim::sim::make_stream(1, 0, 7));
  customers.open_issue(3);
  EXPECT_TRUE(customers.has_open_issue(3));
  EXPECT_FALSE(customers.close_issue(3, IssueEnd::FirstContact, 10.0));
  customers.open_issue(4);
  EXPECT_TRUE(customers.close_issue(4, IssueEnd::Unresolved, 20.0));
  EXPECT_TRUE(customers.churned(4));
  EXPECT_EQ(customers.churn_time_s(4), 20.0f);
  EXPECT_EQ(customers.active(), 99u);
  EXPECT_EQ(customers.open_issues(), 0u);
  const auto totals = customers.segment_totals();
  EXPECT_EQ(totals[kSegCustomers], 100.0);
  EXPECT_EQ(totals[kSegChurned], 1.0);
  EXPECT_EQ(totals[kSegIssues], 2.0);
  EXPECT_EQ(totals[kSegUnresolved], 1.0);
  EXPECT_DOUBLE_EQ(totals[kSegChurnRate], 0.01);
}

TEST(Customers, DrawIsUniformOverTheActiveInFewTriesAfterMostHaveChurned) {
  ScenarioSpec s = base(20000);
  s.customers.baseline_churn_monthly = 1.0;  // about 3.2% a day
  const Behaviour behaviour(s);
  CustomerBase customers(s, behaviour, cxsim::sim::make_stream(2, 0, 7));
  for (int day = 0; day < 120; ++day) customers.start_day(day * kSecondsPerDay);
  const std::uint32_t active = customers.active();
  ASSERT_LT(active, 20000u / 40u);  // fewer than 2.5% still active
  ASSERT_GT(active, 50u);
  std::map<std::uint32_t, int> seen;
  const int accepted = 200 * static_cast<int>(active);
  int tries = 0;
  for (int i = 0; i < accepted; ++i) {
    std::uint32_t c = customers.draw();
    ++tries;
    while (customers.churned(c)) {
      c = customers.draw();
      ++tries;
    }
    ++seen[c];
  }
  // Without compaction a draw would take 1/share ≥ 40 tries; compacted, at most 2 on average.
  EXPECT_LT(static_cast<double>(tries) / accepted, 2.0);
  EXPECT_EQ(seen.size(), active);  // every active customer drawn, none churned
  for (const auto& [c, n] : seen) EXPECT_NEAR(n, 200, 5 * std::sqrt(200.0)) << c;
}

TEST(Customers, InitialTenuresAreExponentialWithTheirMean) {
  ScenarioSpec s = base(20000);
  s.customers.initial_mean_tenure_days = 500.0;
  const Behaviour behaviour(s);
  const CustomerBase customers(s, behaviour, cxsim::sim::make_stream(3, 0, 7));
  double sum = 0.0;
  for (std::uint32_t c = 0; c < customers.size(); ++c) {
    ASSERT_LE(customers.joined_s(c), 0.0f);  // joined before the start
    sum -= customers.joined_s(c) / kSecondsPerDay;
  }
  // Exponential: the SD is the mean, so the sample mean is within 4 SD / √n of 500 days.
  EXPECT_NEAR(sum / customers.size(), 500.0, 4 * 500.0 / std::sqrt(20000.0));
}

TEST(Customers, AcquisitionIsTheMonthlyShareOfTheInitialBasePerDay) {
  // New customers per day: Poisson with mean acquisition_monthly × count / 30.44 (no word of mouth).
  ScenarioSpec s = base(100000);
  s.customers.acquisition_monthly = 0.3;
  const Behaviour behaviour(s);
  CustomerBase customers(s, behaviour, cxsim::sim::make_stream(5, 0, 7));
  double acquired = 0.0;
  for (int day = 0; day < 10; ++day) acquired += customers.start_day(day * kSecondsPerDay).second;
  const double mean = 10 * 0.3 * 100000 / 30.44;
  EXPECT_NEAR(acquired, mean, 4 * std::sqrt(mean));
  EXPECT_EQ(customers.active(), 100000 + acquired);
}
