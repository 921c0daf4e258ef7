// Tallies, time-weighted integrals and Student-t replication summaries.
#include "sim/stats.hpp"

#include <gtest/gtest.h>

#include <vector>

using namespace cxsim::sim;

TEST(Tally, MeanAndVarianceMatchTheDefinitions) {
  Tally t;
  const std::vector<double> xs{2, 4, 4, 4, 5, 5, 7, 9};
  for (double x : xs) t.add(x);
  EXPECT_DOUBLE_EQ(t.mean(), 5.0);
  EXPECT_DOUBLE_EQ(t.variance(), 32.0 / 7.0);
}

TEST(TimeWeighted, IntegratesAPiecewiseConstantLevel) {
  TimeWeighted w(0.0);
  w.set(1.0, 2.0);  // level 0 on [0,1)
  w.add(3.0, 1.0);  // level 2 on [1,3), then 3
  EXPECT_DOUBLE_EQ(w.take(5.0), 4.0 + 6.0);
  EXPECT_DOUBLE_EQ(w.take(6.0), 3.0);  // restarts at each take
}

TEST(Summarize, StudentIntervalWithKnownQuantile) {
  const std::vector<double> xs{1, 2, 3, 4, 5};  // mean 3, sd sqrt(2.5), t(0.975, 4) = 2.776445
  const auto s = summarize(xs);
  EXPECT_DOUBLE_EQ(s.mean, 3.0);
  EXPECT_NEAR(s.ci_high - s.mean, 2.776445 * std::sqrt(2.5) / std::sqrt(5.0), 1e-6);
  EXPECT_EQ(s.n, 5u);
}

TEST(Summarize, SkipsNaNAndNeedsTwoValuesForAnInterval) {
  const std::vector<double> xs{std::nan(""), 4.0};
  const auto s = summarize(xs);
  EXPECT_EQ(s.n, 1u);
  EXPECT_DOUBLE_EQ(s.mean, 4.0);
  EXPECT_TRUE(std::isnan(s.ci_low));
}
