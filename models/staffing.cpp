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
}  // namespace

ErlangA erlang_a(double lambda, double mu, double theta, std::uint32_t n, double t) {
  using boost::math::gamma_p;
  if (n == 0) return {1.0, 1.0, 0.0, 0.0};
  const double a = lambda / mu, rho = a / n;
  const double x = n * mu / theta, y = lambda / theta;
  const double p_xy = gamma_p(x, y);
  const double big_a = std::exp(std::log(x) + y - x * std::log(y) + std::lgamma(x) + std::log(p_xy));
  const double b = erlang_b(n, a);
  const double p_wait = big_a * b / (1.0 + (big_a - 1.0) * b);
  const double p_abandon = (1.0 / (rho * big_a) + 1.0 - 1.0 / rho) * p_wait;
  const double tail = gamma_p(x + 1.0, y) - gamma_p(x + 1.0, y * std::exp(-theta * t));
  const double service_level = 1.0 - p_wait + p_wait / rho * tail / p_xy;
  return {p_wait, p_abandon, service_level, rho * (1.0 - p_abandon)};
}

std::uint32_t agents_needed(double lambda, double mu, double theta, double t, double target, double max_occupancy) {
  if (!(lambda > 0.0)) return 0;
  const double a = lambda / mu;
  // Occupancy is at most a/n, so the cap alone needs n >= a/max; start below it and walk up.
  auto n = static_cast<std::uint32_t>(std::max(1.0, std::floor(a * 0.5)));
  while (true) {
    const ErlangA e = erlang_a(lambda, mu, theta, n, t);
    if (e.service_level >= target && e.occupancy <= max_occupancy) return n;
    ++n;
  }
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
