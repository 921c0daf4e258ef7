// Positive random durations: exponential, lognormal, gamma, deterministic, empirical, or none.
#pragma once

#include <string>
#include <vector>

#include "sim/rng.hpp"

namespace cxsim::sim {

// A duration distribution described by its mean and coefficient of variation, as a user
// states it. `None` is an infinite duration (for example, callers who never abandon).
class Distribution {
 public:
  enum class Kind { None, Deterministic, Exponential, Lognormal, Gamma, Empirical };

  Distribution() = default;
  static Distribution none();
  static Distribution deterministic(double value);
  static Distribution exponential(double mean);
  static Distribution lognormal(double mean, double cv);
  static Distribution gamma(double mean, double cv);
  // Continuous: linear interpolation of the empirical quantile function of `samples`.
  static Distribution empirical(std::vector<double> samples);

  double sample(Engine& engine) const;
  double mean() const;
  double median() const;
  Kind kind() const { return kind_; }
  bool is_none() const { return kind_ == Kind::None; }

 private:
  Kind kind_ = Kind::None;
  double a_ = 0.0;  // mean, rate, mu or shape, by kind
  double b_ = 0.0;  // sigma or scale, by kind
  std::vector<double> sorted_;
};

}  // namespace cxsim::sim
