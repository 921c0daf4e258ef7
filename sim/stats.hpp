// Statistics accumulators: tallies, time-weighted integrals and replication summaries.
#pragma once

#include <cmath>
#include <cstdint>
#include <limits>
#include <span>

namespace cxsim::sim {

// Count, mean and variance of observations (Welford's update, stable for long runs).
class Tally {
 public:
  void add(double x) {
    ++n_;
    const double delta = x - mean_;
    mean_ += delta / static_cast<double>(n_);
    m2_ += delta * (x - mean_);
  }
  std::uint64_t count() const { return n_; }
  double mean() const { return n_ > 0 ? mean_ : std::numeric_limits<double>::quiet_NaN(); }
  double variance() const {
    return n_ > 1 ? m2_ / static_cast<double>(n_ - 1) : std::numeric_limits<double>::quiet_NaN();
  }

 private:
  std::uint64_t n_ = 0;
  double mean_ = 0.0;
  double m2_ = 0.0;
};

// The integral over time of a piecewise-constant level (busy agents, queue length).
class TimeWeighted {
 public:
  explicit TimeWeighted(double start_time = 0.0) : last_time_(start_time) {}
  // The level changes to `level` at time `t` (t never decreases).
  void set(double t, double level) {
    integral_ += level_ * (t - last_time_);
    last_time_ = t;
    level_ = level;
  }
  void add(double t, double delta) { set(t, level_ + delta); }
  // The integral accumulated up to `t` since the last take; restarts it at zero.
  double take(double t) {
    set(t, level_);
    const double value = integral_;
    integral_ = 0.0;
    return value;
  }
  double level() const { return level_; }

 private:
  double level_ = 0.0;
  double last_time_;
  double integral_ = 0.0;
};

// Mean over replications with a two-sided Student-t confidence interval. NaN observations
// (a ratio with an empty denominator) are left out; `n` counts those kept.
struct ReplicationSummary {
  double mean;
  double std;
  double ci_low;
  double ci_high;
  std::uint64_t n;
};
ReplicationSummary summarize(std::span<const double> values, double level = 0.95);

}  // namespace cxsim::sim
