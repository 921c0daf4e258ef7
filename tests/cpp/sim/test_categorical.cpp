// Categorical draws: frequencies match the weights; a single category draws nothing.
#include "sim/categorical.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <vector>

using cxsim::sim::Categorical;

TEST(Categorical, FrequenciesFollowTheWeights) {
  const Categorical c({1.0, 0.0, 3.0, 6.0});
  auto rng = cxsim::sim::make_stream(9, 0, 0);
  const int n = 200000;
  std::vector<double> counts(4, 0.0);
  for (int i = 0; i < n; ++i) counts[c.draw(rng)] += 1.0;
  const double p[] = {0.1, 0.0, 0.3, 0.6};
  for (int k = 0; k < 4; ++k)
    EXPECT_NEAR(counts[k] / n, p[k], 5.0 * std::sqrt(p[k] * (1 - p[k]) / n) + 1e-12) << "category " << k;
}

TEST(Categorical, OneCategoryLeavesTheEngineAlone) {
  const Categorical one({2.5});
  auto a = cxsim::sim::make_stream(9, 0, 0), b = a;
  EXPECT_EQ(one.draw(a), 0u);
  EXPECT_EQ(a(), b());
}
