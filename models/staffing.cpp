// Erlang A from validation.md §5, the staffing search, and the greedy tour cover.
#include "models/staffing.hpp"

#include <algorithm>
#include <boost/math/special_functions/gamma.hpp>
#include <cmath>

namespace cxsim::models {

namespace {
double erlang_b(std::uint32_t n, double a) {
  double b = 1.0;
  for (std::uint32_t k = 1; k <= n; ++k) b = a * b / (k + a * b);
  return b;
}

// log A(x, y), A = x·e^y·y^−x·γ(x, y) with γ the lower incomplete gamma function. Below y = x
// P(x, y) underflows for large x (patient callers, a quiet interval), so A is summed from its
// series A = Σ_k Π_{j=1..k} y/(x + j), whose terms fall at least as fast as Π x/(x + j).
double log_big_a(double x, double y) {
  if (y <= x) {
    double rest = 0.0, term = 1.0;  // A − 1, summed apart so that log A keeps its digits when A ≈ 1
    for (double j = 1.0; term > 1e-17 * (1.0 + rest); j += 1.0) {
      term *= y / (x + j);
      rest += term;
    }
    return std::log1p(rest);
  }
  return std::log(x) + y - x * std::log(y) + std::lgamma(x) + std::log(boost::math::gamma_p(x, y));
}
}  // namespace

ErlangA erlang_a(double lambda, double mu, double theta, std::uint32_t n, double t) {
  if (n == 0) return {1.0, 1.0, 0.0, 0.0, 1.0 / theta};
  const double a = lambda / mu, rho = a / n;
  const double x = n * mu / theta, y = lambda / theta, z = y * std::exp(-theta * t);
  const double log_a_y = log_big_a(x, y), inv_a = std::exp(-log_a_y), one_less = -std::expm1(-log_a_y);
  const double b = erlang_b(n, a);
  const double p_wait = b / (b + (1.0 - b) * inv_a);         // A·B/(1 + (A − 1)·B)
  const double p_abandon = (1.0 - one_less / rho) * p_wait;  // (1/(ρA) + 1 − 1/ρ)·P(W > 0)
  // [P(x+1, y) − P(x+1, z)]/P(x, y) with P(x+1, y)/P(x, y) = 1 − 1/A(x, y) and
  // P(x, z)/P(x, y) = A(x, z)/A(x, y)·(z/y)^x·e^(y−z), (z/y)^x = e^(−nμt): no P that underflows.
  const double log_a_z = log_big_a(x, z);  // log(A(x, z) − 1) = log A(x, z) + log(1 − 1/A(x, z))
  const double below_t = std::exp(log_a_z + std::log(-std::expm1(-log_a_z)) - log_a_y - n * mu * t + (y - z));
  const double service_level = 1.0 - p_wait + p_wait / rho * (one_less - below_t);
  // Waiting callers abandon at rate θ each, so λ·P(Ab) = θ·E[Q] = θ·λ·E[W].
  return {p_wait, p_abandon, service_level, rho * (1.0 - p_abandon), p_abandon / theta};
}

std::uint32_t agents_needed(double lambda, double mu, double theta, double t, double target, double max_occupancy) {
  if (!(lambda > 0.0)) return 0;
  const double a = lambda / mu;
  const auto enough = [&](std::uint32_t n) {
    const ErlangA e = erlang_a(lambda, mu, theta, n, t);
    return e.service_level >= target && e.occupancy <= max_occupancy;
  };
  // At most target·a agents answer too few calls. At a/max_occupancy agents occupancy is under the
  // cap, and at a + 10√a + 10 (square-root staffing, β = 10) the chance to wait is below 1e−20,
  // past any target the schema allows: the answer lies in between, and enough() rises with n.
  auto lo = static_cast<std::uint32_t>(std::max(1.0, std::floor(target * a)));
  auto hi = static_cast<std::uint32_t>(std::ceil(std::max(a / max_occupancy, a + 10.0 * std::sqrt(a) + 10.0)));
  while (lo < hi) {
    const std::uint32_t mid = lo + (hi - lo) / 2;
    if (enough(mid))
      hi = mid;
    else
      lo = mid + 1;
  }
  return lo;
}

std::vector<Tour> cover(const std::vector<std::uint32_t>& need, std::uint32_t min_slots, std::uint32_t max_slots) {
  std::vector<Tour> done;
  std::vector<std::uint32_t> running;  // start slots, oldest first
  const auto slots = static_cast<std::uint32_t>(need.size());
  for (std::uint32_t k = 0; k < slots; ++k) {
    const auto end_oldest = [&] {
      done.push_back({running.front(), k});
      running.erase(running.begin());
    };
    while (!running.empty() && k - running.front() >= max_slots) end_oldest();
    while (running.size() > need[k] && k - running.front() >= min_slots) end_oldest();
    while (running.size() < need[k]) running.push_back(k);
  }
  for (std::uint32_t s : running) done.push_back({s, slots});
  return done;
}

}  // namespace cxsim::models
