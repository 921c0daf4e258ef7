// Positive random durations: exponential, lognormal, gamma, deterministic, empirical, a survival
// curve, or none.
#pragma once

#include <string>
#include <vector>

#include "sim/rng.hpp"

namespace cxsim::sim {

// A duration distribution described by its mean and coefficient of variation, as a user
// states it. `None` is an infinite duration (for example, callers who never abandon).
class Distribution {
 public:
  enum class Kind { None, Deterministic, Exponential, Lognormal, Gamma, Empirical, Survival };

  Distribution() = default;
  static Distribution none();
  static Distribution deterministic(double value);
  static Distribution exponential(double mean);
  static Distribution lognormal(double mean, double cv);
  static Distribution gamma(double mean, double cv);
  // Continuous: linear interpolation of the empirical quantile function of `samples`.
  static Distribution empirical(std::vector<double> samples);
  // A censored empirical survival curve S(t_i) = survival[i] at strictly increasing times > 0,
  // S non-increasing in [0, 1]: S is linear between (0, 1) and the points; past the last, if
  // S_n > 0, it falls exponentially at the curve's average hazard h = −ln(S_n)/t_n (S_n = 1:
  // h = 0, the rest never end). Sampled by inverting S.
  static Distribution survival(std::vector<double> times_s, std::vector<double> survival);

  double sample(Engine& engine) const;
  double mean() const;
  double median() const;
  Kind kind() const { return kind_; }
  bool is_none() const { return kind_ == Kind::None; }

 private:
  Kind kind_ = Kind::None;
  // The survival curve's inverse S⁻¹(u) = inf{t : S(t) ≤ u}, for u in [0, 1).
  double survival_quantile(double u) const;

  double a_ = 0.0;                // mean, rate, mu, shape or the survival tail's hazard, by kind
  double b_ = 0.0;                // sigma or scale, by kind
  std::vector<double> sorted_;    // empirical: the samples, sorted; survival: the times, from 0
  std::vector<double> survival_;  // survival: S at those times, from S(0) = 1
};

}  // namespace cxsim::sim
