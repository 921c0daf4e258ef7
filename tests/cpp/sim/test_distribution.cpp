// Distributions: sample moments against the stated mean and CV; deterministic streams.
#include "sim/distribution.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <vector>

#include "sim/stats.hpp"

using cxsim::sim::Distribution;

namespace {
cxsim::sim::Tally draw(const Distribution& d, int n, std::uint32_t purpose) {
  auto rng = cxsim::sim::make_stream(11, 0, purpose);
  cxsim::sim::Tally t;
  for (int i = 0; i < n; ++i) t.add(d.sample(rng));
  return t;
}

// The sample mean lies within 4.5 standard errors of the true mean.
void expect_mean(const Distribution& d, double mean, double cv) {
  const int n = 400000;
  const auto t = draw(d, n, 1);
  EXPECT_NEAR(t.mean(), mean, 4.5 * mean * cv / std::sqrt(n));
  EXPECT_NEAR(d.mean(), mean, 1e-9 * mean);
}
}  // namespace

TEST(Distribution, ExponentialMean) { expect_mean(Distribution::exponential(180.0), 180.0, 1.0); }
TEST(Distribution, LognormalMeanAndCv) {
  const auto d = Distribution::lognormal(180.0, 1.2);
  expect_mean(d, 180.0, 1.2);
  const auto t = draw(d, 400000, 2);
  EXPECT_NEAR(std::sqrt(t.variance()) / t.mean(), 1.2, 0.06);
}
TEST(Distribution, GammaMeanAndCv) {
  const auto d = Distribution::gamma(60.0, 0.5);
  expect_mean(d, 60.0, 0.5);
  EXPECT_NEAR(std::sqrt(draw(d, 400000, 3).variance()), 30.0, 0.5);
}
TEST(Distribution, DeterministicAndNone) {
  auto rng = cxsim::sim::make_stream(1, 0, 0);
  EXPECT_EQ(Distribution::deterministic(7.5).sample(rng), 7.5);
  EXPECT_TRUE(std::isinf(Distribution::none().sample(rng)));
}
TEST(Distribution, EmpiricalInterpolatesQuantiles) {
  // Two samples 10 and 30: uniform on [10, 30], mean 20, sd 20/sqrt(12).
  const auto d = Distribution::empirical({30.0, 10.0});
  expect_mean(d, 20.0, (20.0 / std::sqrt(12.0)) / 20.0);
  auto rng = cxsim::sim::make_stream(1, 0, 0);
  for (int i = 0; i < 1000; ++i) {
    const double x = d.sample(rng);
    EXPECT_GE(x, 10.0);
    EXPECT_LE(x, 30.0);
  }
}
TEST(Distribution, RefusesBadParameters) {
  EXPECT_THROW(Distribution::exponential(0.0), std::invalid_argument);
  EXPECT_THROW(Distribution::lognormal(10.0, -1.0), std::invalid_argument);
  EXPECT_THROW(Distribution::empirical({}), std::invalid_argument);
}
TEST(Streams, SameKeySameNumbersDifferentKeyDifferentNumbers) {
  auto a = cxsim::sim::make_stream(5, 3, 2), b = cxsim::sim::make_stream(5, 3, 2);
  auto c = cxsim::sim::make_stream(5, 3, 1), d = cxsim::sim::make_stream(5, 4, 2);
  for (int i = 0; i < 100; ++i) {
    const auto x = a();
    EXPECT_EQ(x, b());
    EXPECT_NE(x, c());
    EXPECT_NE(x, d());
  }
}

TEST(Distribution, MedianSplitsTheDrawsInHalf) {
  // The median's closed form for each kind (ln 2 / rate, e^mu, the table's middle), and half of
  // 200,000 draws below it (within 4 binomial standard errors), the gamma's included.
  using cxsim::sim::Distribution;
  EXPECT_DOUBLE_EQ(Distribution::exponential(100.0).median(), 100.0 * std::log(2.0));
  EXPECT_NEAR(Distribution::lognormal(180.0, 1.2).median(), 180.0 / std::sqrt(1.0 + 1.44), 1e-9);
  EXPECT_DOUBLE_EQ(Distribution::empirical({1.0, 2.0, 10.0}).median(), 2.0);
  EXPECT_DOUBLE_EQ(Distribution::empirical({1.0, 2.0, 10.0, 20.0}).median(), 6.0);
  EXPECT_DOUBLE_EQ(Distribution::deterministic(7.0).median(), 7.0);
  for (const Distribution& d : {Distribution::gamma(50.0, 0.7), Distribution::lognormal(180.0, 1.2)}) {
    cxsim::sim::Engine rng = cxsim::sim::make_stream(3, 0, 1);
    const int n = 200000;
    int below = 0;
    for (int i = 0; i < n; ++i) below += d.sample(rng) < d.median() ? 1 : 0;
    EXPECT_NEAR(below / static_cast<double>(n), 0.5, 4.0 * std::sqrt(0.25 / n));
  }
}

namespace {
// The share of n draws above each t_j lies within 4.5 binomial standard errors of S(t_j); the
// sample mean within 4.5 standard errors of the closed-form mean.
void expect_survival(const Distribution& d, const std::vector<double>& t, const std::vector<double>& s) {
  const int n = 400000;
  auto rng = cxsim::sim::make_stream(11, 0, 4);
  cxsim::sim::Tally draws;
  std::vector<int> above(t.size(), 0);
  for (int i = 0; i < n; ++i) {
    const double x = d.sample(rng);
    draws.add(x);
    for (std::size_t j = 0; j < t.size(); ++j) above[j] += x > t[j] ? 1 : 0;
  }
  for (std::size_t j = 0; j < t.size(); ++j)
    EXPECT_NEAR(above[j] / static_cast<double>(n), s[j], 4.5 * std::sqrt(s[j] * (1.0 - s[j]) / n) + 1e-12) << t[j];
  EXPECT_NEAR(draws.mean(), d.mean(), 4.5 * std::sqrt(draws.variance() / n));
}
}  // namespace

TEST(Distribution, SurvivalCurveWithAFlatPieceAndATail) {
  // S: 1 at 0, 0.8 at 60 s, flat to 120 s, 0.2 at 300 s; beyond, 0.2·e^(−h(t − 300)) with
  // h = −ln(0.2)/300. Mean ∫S = 60·0.9 + 60·0.8 + 180·0.5 + 0.2/h; median on the third piece,
  // where S = 0.5: 120 + (0.8 − 0.5)/(0.8 − 0.2)·180 = 210.
  const auto d = Distribution::survival({60.0, 120.0, 300.0}, {0.8, 0.8, 0.2});
  const double h = -std::log(0.2) / 300.0;
  EXPECT_EQ(d.kind(), Distribution::Kind::Survival);
  EXPECT_NEAR(d.mean(), 54.0 + 48.0 + 90.0 + 0.2 / h, 1e-9);
  EXPECT_NEAR(d.median(), 210.0, 1e-9);
  // Nobody leaves inside the flat piece: as many above 61 s as above 119 s (S = 0.8 on both).
  expect_survival(d, {30.0, 61.0, 119.0, 210.0, 300.0, 500.0, 1200.0},
                  {0.9, 0.8, 0.8, 0.5, 0.2, 0.2 * std::exp(-h * 200.0), 0.2 * std::exp(-h * 900.0)});
}

TEST(Distribution, SurvivalCurveEndingAtZeroHasNoTail) {
  // S: 1 at 0, 0.5 at 100 s, 0 at 200 s: mean 100·0.75 + 100·0.25 = 100, median 100, nobody past 200 s.
  const auto d = Distribution::survival({100.0, 200.0}, {0.5, 0.0});
  EXPECT_DOUBLE_EQ(d.mean(), 100.0);
  EXPECT_DOUBLE_EQ(d.median(), 100.0);
  expect_survival(d, {50.0, 100.0, 150.0, 199.0, 200.0}, {0.75, 0.5, 0.25, 0.005, 0.0});
}

TEST(Distribution, SurvivalCurveThatStaysAtOneNeverEnds) {
  // S = 1 throughout: h = 0, so every caller waits for ever (as `none`).
  const auto d = Distribution::survival({60.0}, {1.0});
  auto rng = cxsim::sim::make_stream(1, 0, 0);
  EXPECT_TRUE(std::isinf(d.sample(rng)));
  EXPECT_TRUE(std::isinf(d.mean()));
  EXPECT_TRUE(std::isinf(d.median()));
}

TEST(Distribution, SurvivalCurveRefusesBadCurves) {
  EXPECT_THROW(Distribution::survival({}, {}), std::invalid_argument);
  EXPECT_THROW(Distribution::survival({10.0, 20.0}, {0.5}), std::invalid_argument);
  EXPECT_THROW(Distribution::survival({20.0, 10.0}, {0.5, 0.4}), std::invalid_argument);
  EXPECT_THROW(Distribution::survival({0.0, 10.0}, {0.5, 0.4}), std::invalid_argument);
  EXPECT_THROW(Distribution::survival({10.0, 20.0}, {0.4, 0.5}), std::invalid_argument);
  EXPECT_THROW(Distribution::survival({10.0}, {1.5}), std::invalid_argument);
  EXPECT_THROW(Distribution::survival({10.0}, {-0.1}), std::invalid_argument);
}
