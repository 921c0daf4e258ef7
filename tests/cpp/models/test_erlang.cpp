// The queueing core against exact steady-state values of M/M/n and M/M/n+M, computed from the
// birth-death chain (arrivals λ; departures min(k,n)μ + max(k-n,0)θ). The simulated value must
// lie within the run's 99.9% Student-t interval over replications.
#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <vector>

#include "models/kpi.hpp"
#include "models/run.hpp"
#include "scenarios.hpp"
#include "sim/stats.hpp"

using namespace cxsim::models;

namespace {

struct Exact {
  double p_wait, abandon_rate, mean_wait_s, occupancy;
};

Exact birth_death(double lambda_per_h, int n, double aht_s, double patience_s) {
  const double lambda = lambda_per_h / 3600.0, mu = 1.0 / aht_s;
  const double theta = std::isinf(patience_s) ? 0.0 : 1.0 / patience_s;
  const int states = n + 20000;
  std::vector<double> pi(states, 0.0);
  pi[0] = 1.0;
  double total = 1.0;
  for (int k = 1; k < states; ++k) {
    const double death = std::min(k, n) * mu + std::max(k - n, 0) * theta;
    pi[k] = pi[k - 1] * lambda / death;
    total += pi[k];
  }
  double p_wait = 0.0, queue = 0.0, busy = 0.0;
  for (int k = 0; k < states; ++k) {
    pi[k] /= total;
    if (k >= n) p_wait += pi[k];
    queue += std::max(k - n, 0) * pi[k];
    busy += std::min(k, n) * pi[k];
  }
  // PASTA for P(wait); Little's law for the mean wait; abandonment flow θ·E[Q] over λ.
  return Exact{p_wait, theta * queue / lambda, queue / lambda, busy / n};
}

double metric(const RunResult& r, const char* name, double level_check, double exact) {
  const auto s = cxsim::sim::summarize(r.group("replications").variable(name).data, level_check);
  EXPECT_LE(s.ci_low, exact) << name << " mean " << s.mean;
  EXPECT_GE(s.ci_high, exact) << name << " mean " << s.mean;
  return s.mean;
}

void check(double lambda_per_h, int n, double aht_s, double patience_s) {
  const Exact e = birth_death(lambda_per_h, n, aht_s, patience_s);
  const ScenarioSpec spec =
      cxsim::test::erlang(lambda_per_h, static_cast<std::uint32_t>(n), aht_s, patience_s, 12.0, 1.0);
  RunOptions options;
  options.replications = 10;
  options.seed = 2024;
  options.threads = 2;
  const RunResult r = run(spec, options, nullptr);
  metric(r, "p_wait", 0.999, e.p_wait);
  metric(r, "mean_wait_s", 0.999, e.mean_wait_s);
  metric(r, "occupancy", 0.999, e.occupancy);
  if (!std::isinf(patience_s)) metric(r, "abandon_rate", 0.999, e.abandon_rate);
}

}  // namespace

// Table 1 of the validation notes: λ = 200/h, AHT 180 s (a = 10).
TEST(Erlang, CWith12Agents) { check(200.0, 12, 180.0, std::numeric_limits<double>::infinity()); }
TEST(Erlang, CWith14Agents) { check(200.0, 14, 180.0, std::numeric_limits<double>::infinity()); }
// Table 2: the same load, mean patience 5 min.
TEST(Erlang, AWith10Agents) { check(200.0, 10, 180.0, 300.0); }
TEST(Erlang, AWith14Agents) { check(200.0, 14, 180.0, 300.0); }
// Overloaded: arrivals above capacity (λ = 1.1 nμ); abandonment keeps it stable.
TEST(Erlang, AOverloaded) { check(1320.0, 100, 300.0, 300.0); }

TEST(Erlang, ChainReproducesThePublishedTables) {
  // Guards the reference itself: Table 1 (n = 14) and Table 2 (n = 14) of the notes.
  const Exact c = birth_death(200.0, 14, 180.0, std::numeric_limits<double>::infinity());
  EXPECT_NEAR(c.p_wait, 0.174132, 1e-6);
  EXPECT_NEAR(c.mean_wait_s, 7.8359, 1e-4);
  const Exact a = birth_death(200.0, 14, 180.0, 300.0);
  EXPECT_NEAR(a.p_wait, 0.145260, 1e-6);
  EXPECT_NEAR(a.abandon_rate, 0.013984, 1e-6);
  EXPECT_NEAR(a.mean_wait_s, 4.1951, 1e-4);
  EXPECT_NEAR(a.occupancy, 0.704297, 1e-6);
}
