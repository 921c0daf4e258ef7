// Sampling for Distribution, with Boost.Random's distributions only.
#include "sim/distribution.hpp"

#include <algorithm>
#include <boost/math/distributions/gamma.hpp>
#include <boost/random/exponential_distribution.hpp>
#include <boost/random/gamma_distribution.hpp>
#include <boost/random/normal_distribution.hpp>
#include <cmath>
#include <functional>
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

Distribution Distribution::survival(std::vector<double> times_s, std::vector<double> survival) {
  require(!times_s.empty() && times_s.size() == survival.size(), "survival curve: as many times as values");
  double t = 0.0, s = 1.0;
  for (std::size_t i = 0; i < times_s.size(); ++i) {
    require(times_s[i] > t && std::isfinite(times_s[i]), "survival curve: times must be > 0 and increasing");
    require(survival[i] >= 0.0 && survival[i] <= s, "survival curve: values must be in [0, 1] and non-increasing");
    t = times_s[i];
    s = survival[i];
  }
  Distribution d;
  d.kind_ = Kind::Survival;
  d.a_ = s < 1.0 ? -std::log(s) / t : 0.0;  // the tail's hazard: +inf when S_n = 0 (no tail)
  d.sorted_ = std::move(times_s);
  d.sorted_.insert(d.sorted_.begin(), 0.0);
  d.survival_ = std::move(survival);
  d.survival_.insert(d.survival_.begin(), 1.0);
  return d;
}

double Distribution::survival_quantile(double u) const {
  const double last = survival_.back();
  if (u < last) return a_ > 0.0 ? sorted_.back() + std::log(last / u) / a_ : std::numeric_limits<double>::infinity();
  // The first point at or below u: S falls through u on the piece ending there (S(0) = 1 > u),
  // so a flat piece at u is never entered: S⁻¹(u) is where it starts.
  const auto i = static_cast<std::size_t>(std::lower_bound(survival_.begin(), survival_.end(), u, std::greater<>()) -
                                          survival_.begin());
  const double s0 = survival_[i - 1], s1 = survival_[i];
  return sorted_[i - 1] + (s0 - u) / (s0 - s1) * (sorted_[i] - sorted_[i - 1]);
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
    case Kind::Survival: return survival_quantile(uniform(engine));
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
    case Kind::Survival: {
      double total = 0.0;  // ∫S: trapezoids, then the tail's S_n/h
      for (std::size_t i = 1; i < sorted_.size(); ++i)
        total += 0.5 * (survival_[i - 1] + survival_[i]) * (sorted_[i] - sorted_[i - 1]);
      const double last = survival_.back();
      return last > 0.0 ? total + last / a_ : total;
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
    case Kind::Survival: return survival_quantile(0.5);
  }
  return 0.0;
}

}  // namespace cxsim::sim
