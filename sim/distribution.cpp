// Sampling for Distribution, with Boost.Random's distributions only.
#include "sim/distribution.hpp"

#include <algorithm>
#include <boost/math/distributions/gamma.hpp>
#include <boost/random/exponential_distribution.hpp>
#include <boost/random/gamma_distribution.hpp>
#include <boost/random/normal_distribution.hpp>
#include <cmath>
#include <limits>
#include <stdexcept>

namespace cxsim::sim {

namespace {
void require(bool ok, const char* what) {
  if (!ok) throw std::invalid_argument(what);
}
}  // namespace

Distribution Distribution::none() { return Distribution{}; }

Distribution Distribution::deterministic(double value) {
  require(value >= 0.0 && std::isfinite(value), "deterministic value must be >= 0");
  Distribution d;
  d.kind_ = Kind::Deterministic;
  d.a_ = value;
  return d;
}

Distribution Distribution::exponential(double mean) {
  require(mean > 0.0 && std::isfinite(mean), "exponential mean must be > 0");
  Distribution d;
  d.kind_ = Kind::Exponential;
  d.a_ = 1.0 / mean;
  return d;
}

Distribution Distribution::lognormal(double mean, double cv) {
  require(mean > 0.0 && cv > 0.0, "lognormal mean and cv must be > 0");
  Distribution d;
  d.kind_ = Kind::Lognormal;
  const double sigma2 = std::log1p(cv * cv);
  d.a_ = std::log(mean) - 0.5 * sigma2;
  d.b_ = std::sqrt(sigma2);
  return d;
}

Distribution Distribution::gamma(double mean, double cv) {
  require(mean > 0.0 && cv > 0.0, "gamma mean and cv must be > 0");
  Distribution d;
  d.kind_ = Kind::Gamma;
  d.a_ = 1.0 / (cv * cv);  // shape
  d.b_ = mean * cv * cv;   // scale
  return d;
}

Distribution Distribution::empirical(std::vector<double> samples) {
  require(!samples.empty(), "empirical table must not be empty");
  for (double v : samples) require(v >= 0.0 && std::isfinite(v), "empirical values must be >= 0");
  std::sort(samples.begin(), samples.end());
  Distribution d;
  d.kind_ = Kind::Empirical;
  d.sorted_ = std::move(samples);
  return d;
}

double Distribution::sample(Engine& engine) const {
  switch (kind_) {
    case Kind::None: return std::numeric_limits<double>::infinity();
    case Kind::Deterministic: return a_;
    case Kind::Exponential: return boost::random::exponential_distribution<double>(a_)(engine);
    case Kind::Lognormal: return std::exp(a_ + b_ * boost::random::normal_distribution<double>()(engine));
    case Kind::Gamma: return boost::random::gamma_distribution<double>(a_, b_)(engine);
    case Kind::Empirical: {
      const std::size_t n = sorted_.size();
      if (n == 1) return sorted_[0];
      const double x = uniform(engine) * static_cast<double>(n - 1);
      const auto i = static_cast<std::size_t>(x);
      const double frac = x - static_cast<double>(i);
      return sorted_[i] + frac * (sorted_[i + 1] - sorted_[i]);
    }
  }
  return 0.0;
}

double Distribution::mean() const {
  switch (kind_) {
    case Kind::None: return std::numeric_limits<double>::infinity();
    case Kind::Deterministic: return a_;
    case Kind::Exponential: return 1.0 / a_;
    case Kind::Lognormal: return std::exp(a_ + 0.5 * b_ * b_);
    case Kind::Gamma: return a_ * b_;
    case Kind::Empirical: {
      const std::size_t n = sorted_.size();
      if (n == 1) return sorted_[0];
      double total = 0.0;  // mean of the piecewise-linear quantile function
      for (std::size_t i = 0; i + 1 < n; ++i) total += 0.5 * (sorted_[i] + sorted_[i + 1]);
      return total / static_cast<double>(n - 1);
    }
  }
  return 0.0;
}

double Distribution::median() const {
  switch (kind_) {
    case Kind::None: return std::numeric_limits<double>::infinity();
    case Kind::Deterministic: return a_;
    case Kind::Exponential: return std::log(2.0) / a_;
    case Kind::Lognormal: return std::exp(a_);
    case Kind::Gamma: return boost::math::quantile(boost::math::gamma_distribution<double>(a_, b_), 0.5);
    case Kind::Empirical: {
      const double x = 0.5 * static_cast<double>(sorted_.size() - 1);
      const auto i = static_cast<std::size_t>(x);
      return i + 1 < sorted_.size() ? sorted_[i] + (x - i) * (sorted_[i + 1] - sorted_[i]) : sorted_[i];
    }
  }
  return 0.0;
}

}  // namespace cxsim::sim
