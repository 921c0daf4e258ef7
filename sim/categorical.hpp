// A draw among categories in proportion to their weights: one uniform against a cumulative table.
#pragma once

#include <algorithm>
#include <cstddef>
#include <vector>

#include "sim/rng.hpp"

namespace cxsim::sim {

class Categorical {
 public:
  Categorical() = default;
  // Weights must be non-negative with a positive sum.
  explicit Categorical(const std::vector<double>& weights) {
    double total = 0.0;
    for (double w : weights) total += w;
    double cumulative = 0.0;
    for (double w : weights) cumulative_.push_back(cumulative += w / total);
    if (!cumulative_.empty()) cumulative_.back() = 1.0;  // rounding never leaves a gap at the top
  }

  std::size_t size() const { return cumulative_.size(); }

  // A category: with one category there is nothing to draw and the engine is not advanced.
  std::size_t draw(Engine& engine) const {
    if (cumulative_.size() <= 1) return 0;
    const double u = uniform(engine);
    return static_cast<std::size_t>(std::upper_bound(cumulative_.begin(), cumulative_.end() - 1, u) -
                                    cumulative_.begin());
  }

 private:
  std::vector<double> cumulative_;
};

}  // namespace cxsim::sim
