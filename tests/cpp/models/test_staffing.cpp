// Erlang A against the published table (shared/research/validation.md §5, Table 2), the
// staffing search against the table's rows, and the tour cover's invariants.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <utility>

#include "models/staffing.hpp"

namespace cxsim::models {
namespace {

// Table 2: λ = 100 calls per 30 min, AHT 3 min, mean patience 5 min, t = 20 s.
constexpr double kLambda = 100.0 / 1800.0, kMu = 1.0 / 180.0, kTheta = 1.0 / 300.0, kT = 20.0;

TEST(ErlangA, ReproducesThePublishedTable) {
  struct Row {
    std::uint32_t n;
    double p_wait, p_abandon, served_within, occupancy;
  };
  for (const Row& r :
       {Row{10, 0.599433, 0.109438, 0.516810, 0.890562}, Row{12, 0.331802, 0.042711, 0.772279, 0.797741},
        Row{14, 0.145260, 0.013984, 0.916792, 0.704297}, Row{16, 0.051251, 0.003876, 0.975745, 0.622577}}) {
    const ErlangA e = erlang_a(kLambda, kMu, kTheta, r.n, kT);
    EXPECT_NEAR(e.p_wait, r.p_wait, 1e-6) << r.n;
    EXPECT_NEAR(e.p_abandon, r.p_abandon, 1e-6) << r.n;
    EXPECT_NEAR(e.service_level, r.served_within, 1e-6) << r.n;
    EXPECT_NEAR(e.occupancy, r.occupancy, 1e-6) << r.n;
  }
}

TEST(ErlangA, OverloadedCase) {  // validation.md: n = 100, λ = 110, μ = θ = 1
  const ErlangA e = erlang_a(110.0, 1.0, 1.0, 100, 0.0);
  EXPECT_NEAR(e.p_wait, 0.84172, 1e-5);
  EXPECT_NEAR(e.p_abandon, 0.09919, 1e-5);
}

// Erlang C (validation.md §5): the limit of Erlang A as patience grows without bound.
double erlang_c(std::uint32_t n, double a) {
  double b = 1.0;
  for (std::uint32_t k = 1; k <= n; ++k) b = a * b / (k + a * b);
  return b / (1.0 - a / n * (1.0 - b));
}

TEST(ErlangA, TendsToErlangCWithPatientCallers) {
  // Mean patience of 10^7 s: x = nμ/θ is about 10^6 and P(x, y) underflows; A comes from its series.
  const double theta = 1e-7, a = kLambda / kMu;
  for (std::uint32_t n : {11u, 12u, 14u, 16u, 30u}) {
    const ErlangA e = erlang_a(kLambda, kMu, theta, n, kT);
    const double c = erlang_c(n, a);
    EXPECT_NEAR(e.p_wait, c, 1e-4) << n;
    EXPECT_NEAR(e.service_level, 1.0 - c * std::exp(-(n * kMu - kLambda) * kT), 1e-4) << n;
    EXPECT_NEAR(e.p_abandon, 0.0, 1e-4) << n;
  }
}

TEST(ErlangA, AQuietIntervalIsFinite) {
  // A call in 10^40 s with patient callers: hardly anyone waits, so P(W > 0) ≈ Erlang B ≈ a and
  // P(Ab | W > 0) = θ/(nμ + θ), the chance to give up before the busy agent is free.
  const double lambda = 1e-40, theta = 1.0 / 86400.0, a = lambda / kMu;
  const ErlangA e = erlang_a(lambda, kMu, theta, 1, kT);
  EXPECT_NEAR(e.p_wait / a, 1.0, 1e-9);
  EXPECT_NEAR(e.p_abandon / e.p_wait, theta / (kMu + theta), 1e-9);
  EXPECT_NEAR(e.service_level, 1.0, 1e-12);
  EXPECT_EQ(agents_needed(lambda, kMu, theta, kT, 0.8, 0.85), 1u);
}

TEST(ErlangA, SeriesAndClosedFormAgreeWhereTheyMeet) {
  // A(x, y) is summed below y = x and taken from P(x, y) above: the two sides must join.
  const std::uint32_t n = 40;
  const double theta = 1.0 / 600.0, at_x = n * kMu;  // y = x where λ = nμ
  const ErlangA below = erlang_a(at_x * (1 - 1e-9), kMu, theta, n, kT);
  const ErlangA above = erlang_a(at_x * (1 + 1e-9), kMu, theta, n, kT);
  EXPECT_NEAR(below.p_wait, above.p_wait, 1e-7);
  EXPECT_NEAR(below.p_abandon, above.p_abandon, 1e-7);
  EXPECT_NEAR(below.service_level, above.service_level, 1e-7);
}

// E[Q] of M/M/n+M from its birth–death chain (truncated where the terms vanish): π_k ∝ a^k/k!
// up to n, then × λ/(nμ + (k − n)θ) per step.
double mean_queue(double lambda, double mu, double theta, std::uint32_t n) {
  double p = 1.0, total = 1.0, queue = 0.0;  // p: π_k/π_0
  for (std::uint32_t k = 1; k <= n; ++k) total += p *= lambda / (k * mu);
  for (std::uint32_t j = 1; p > 1e-300 && j < 1000000; ++j) {
    p *= lambda / (n * mu + j * theta);
    total += p;
    queue += j * p;
  }
  return queue / total;
}

TEST(ErlangA, MeanWaitIsLittlesLawOnTheAbandons) {
  // Each waiting caller abandons at rate θ, so λ·P(Ab) = θ·E[Q], and Little's law E[Q] = λ·E[W]
  // gives E[W] = P(Ab)/θ; checked against E[Q]/λ from the chain itself, and the table's 4.1951 s.
  EXPECT_NEAR(erlang_a(kLambda, kMu, kTheta, 14, kT).mean_wait, 4.1951, 1e-3);
  for (std::uint32_t n : {1u, 8u, 10u, 14u, 20u}) {
    for (double theta : {kTheta, 1.0 / 60.0, 1.0 / 3600.0}) {
      const ErlangA e = erlang_a(kLambda, kMu, theta, n, kT);
      EXPECT_DOUBLE_EQ(e.mean_wait, e.p_abandon / theta) << n;
      EXPECT_NEAR(e.mean_wait, mean_queue(kLambda, kMu, theta, n) / kLambda, 1e-9 * (1.0 + e.mean_wait)) << n;
    }
  }
  EXPECT_DOUBLE_EQ(erlang_a(kLambda, kMu, kTheta, 0, kT).mean_wait, 300.0);  // no agents: everyone waits out τ
}

TEST(AgentsNeeded, IsTheFewestAgentsMeetingTheTarget) {
  // The least n whose service level reaches the target, for targets around the table's rows.
  for (double target : {0.5, 0.77, 0.8, 0.9, 0.95}) {
    const std::uint32_t n = agents_needed(kLambda, kMu, kTheta, kT, target, 1.0);
    EXPECT_GE(erlang_a(kLambda, kMu, kTheta, n, kT).service_level, target);
    EXPECT_LT(erlang_a(kLambda, kMu, kTheta, n - 1, kT).service_level, target);
  }
  EXPECT_EQ(agents_needed(kLambda, kMu, kTheta, kT, 0.9, 1.0), 14u);   // SL(14) = 0.9168 >= 0.9 > SL(13)
  EXPECT_EQ(agents_needed(kLambda, kMu, kTheta, kT, 0.77, 1.0), 12u);  // SL(12) = 0.7723
}

TEST(AgentsNeeded, OccupancyCapBinds) {
  // Occupancy at 14 agents is 0.7043 (table), above a 0.70 cap; at 15 it is at most a/15 = 0.667.
  EXPECT_EQ(agents_needed(kLambda, kMu, kTheta, kT, 0.5, 0.70), 15u);
  EXPECT_EQ(agents_needed(0.0, kMu, kTheta, kT, 0.8, 0.85), 0u);
}

TEST(AgentsNeeded, IsTheFewestAlsoAtTheSchemaExtremes) {
  // 10^5 calls an hour of an hour each (a = 10^5), the strictest target and the lowest cap the
  // schema allows: the search ends, on the fewest agents meeting both.
  const double lambda = 1e5 / 3600.0, mu = 1.0 / 3600.0;
  for (auto [target, cap] : {std::pair{0.999, 1.0}, std::pair{0.5, 0.2}}) {
    const std::uint32_t n = agents_needed(lambda, mu, kTheta, kT, target, cap);
    const auto meets = [&](std::uint32_t m) {
      const ErlangA e = erlang_a(lambda, mu, kTheta, m, kT);
      return e.service_level >= target && e.occupancy <= cap;
    };
    EXPECT_TRUE(meets(n)) << target;
    EXPECT_FALSE(meets(n - 1)) << target;
  }
}

std::vector<std::uint32_t> coverage(const std::vector<Tour>& tours, std::size_t slots) {
  std::vector<std::uint32_t> on(slots, 0);
  for (const Tour& t : tours)
    for (std::uint32_t k = t.start; k < t.end; ++k) ++on[k];
  return on;
}

TEST(Cover, MeetsEveryNeedWithToursWithinTheirLengths) {
  // A day of half hours shaped like the baseline's weekday: closed at night, a morning peak.
  std::vector<std::uint32_t> need(48, 0);
  const std::uint32_t shape[] = {6,  12, 18, 20, 20, 19, 18, 17, 16, 18, 18, 18, 17, 16, 15, 14,
                                 12, 9,  9,  8,  8,  7,  6,  6,  5,  4,  4,  3,  3,  2,  1,  1};
  std::copy(std::begin(shape), std::end(shape), need.begin() + 14);
  const std::vector<Tour> tours = cover(need, 8, 18);
  const std::vector<std::uint32_t> on = coverage(tours, need.size());
  for (std::size_t k = 0; k < need.size(); ++k) EXPECT_GE(on[k], need[k]) << k;
  for (const Tour& t : tours) {
    EXPECT_LE(t.end - t.start, 18u);
    if (t.end < need.size()) EXPECT_GE(t.end - t.start, 8u);
  }
}

TEST(Cover, IsExactWhenTheNeedFallsNoFasterThanToursMayEnd) {
  // Rises, holds for longer than the minimum, falls one agent per slot: covered exactly.
  std::vector<std::uint32_t> need = {0, 3, 3, 5, 5, 5, 5, 5, 5, 5, 5, 4, 3, 2, 1, 0, 0};
  const std::vector<std::uint32_t> on = coverage(cover(need, 4, 12), need.size());
  EXPECT_EQ(on, need);
}

TEST(Cover, SplitsAroundTheClockNeedIntoMaximalTours) {
  const std::vector<std::uint32_t> need(48, 2);
  const std::vector<Tour> tours = cover(need, 8, 16);
  EXPECT_EQ(coverage(tours, 48), need);
  EXPECT_EQ(tours.size(), 6u);  // 2 agents × 48 slots / 16-slot tours
}

}  // namespace
}  // namespace cxsim::models
