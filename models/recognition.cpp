// Recognition rounds and awards, and the daily engagement update they feed.
#include "models/recognition.hpp"

#include <algorithm>
#include <cmath>
#include <utility>

#include "models/behaviour.hpp"

namespace cxsim::models {

Recognition::Recognition(const ScenarioSpec& spec, std::uint32_t seats, sim::Engine rng)
    : spec_(spec),
      rng_(std::move(rng)),
      manager_cadence_s_(spec.recognition.manager_cadence_days.value_or(0.0) * kSecondsPerDay),
      memory_s_(spec.recognition.memory_days * kSecondsPerDay),
      peer_awards_per_s_(spec.recognition.peer_awards_monthly / kSecondsPerMonth),
      engagement_(Eigen::ArrayXd::Zero(seats)),
      praise_today_(Eigen::ArrayXd::Zero(seats)),
      awards_today_(Eigen::ArrayXd::Zero(seats)),
      award_events_(Eigen::ArrayXd::Zero(seats)),
      recent_awards_(Eigen::ArrayXd::Zero(seats)),
      period_calls_(Eigen::ArrayXd::Zero(seats)),
      period_handle_(Eigen::ArrayXd::Zero(seats)),
      period_csat_(Eigen::ArrayXd::Zero(seats)),
      period_resolved_(Eigen::ArrayXd::Zero(seats)) {}

void Recognition::set_policy(bool on, double t) {
  if (on && !policy_on_) {  // recognition rounds start with the policy
    next_round_s_ = t + manager_cadence_s_;
    period_calls_.setZero();
    period_handle_.setZero();
    period_csat_.setZero();
    period_resolved_.setZero();
  }
  policy_on_ = on;
}

void Recognition::hire(std::uint32_t seat) {
  engagement_[seat] = 0.0;
  recent_awards_[seat] = 0.0;
  period_calls_[seat] = period_handle_[seat] = period_csat_[seat] = period_resolved_[seat] = 0.0;
}

void Recognition::update(const Eigen::ArrayXd& exhaustion, const Eigen::ArrayXd& mean_compression) {
  // Recognition with diminishing returns: the more an employee was recognised lately, the less
  // one more award adds.
  const Eigen::ArrayXd recognised = spec_.recognition.praise_gain_factor * praise_today_ + awards_today_;
  engagement_ = daily::engagement(spec_, engagement_, exhaustion, mean_compression, recognised, recent_awards_);
  recent_awards_ = recent_awards_ * std::exp(-kSecondsPerDay / memory_s_) + praise_today_ + award_events_;
  praise_today_.setZero();
}

void Recognition::recognise(double t, const std::vector<std::uint8_t>& active) {
  const RecognitionSpec& r = spec_.recognition;
  awards_today_.setZero();
  award_events_.setZero();
  if (!policy_on_) return;
  const auto seats = static_cast<std::uint32_t>(active.size());
  if (peer_awards_per_s_ > 0.0) {
    const double p = -std::expm1(-peer_awards_per_s_ * kSecondsPerDay);
    for (std::uint32_t s = 0; s < seats; ++s)
      if (sim::uniform(rng_) < p && active[s]) {
        awards_today_[s] += r.peer_gain_factor;
        award_events_[s] += 1.0;
      }
  }
  if (manager_cadence_s_ <= 0.0 || t < next_round_s_) return;
  next_round_s_ += manager_cadence_s_;
  std::vector<std::pair<double, std::uint32_t>> ranked;  // (score, seat), best first after sort
  for (std::uint32_t s = 0; s < seats; ++s) {
    const double u = sim::uniform(rng_);  // one draw per seat per round, used by "surprise"
    if (!active[s] || period_calls_[s] <= 0.0) continue;
    const double n = period_calls_[s];
    double score = u;
    switch (r.criterion) {
      case Criterion::Csat: score = period_csat_[s] / n; break;
      case Criterion::Fcr: score = period_resolved_[s] / n; break;
      case Criterion::Aht: score = -period_handle_[s] / n; break;
      case Criterion::Surprise: break;
    }
    ranked.emplace_back(score, s);
  }
  std::sort(ranked.begin(), ranked.end(), [](const auto& a, const auto& b) {
    return a.first > b.first || (a.first == b.first && a.second < b.second);
  });
  const std::size_t winners = std::min<std::size_t>(r.manager_awards, ranked.size());
  const double gain = r.announced_tangible ? r.tangible_gain_factor : 1.0;
  for (std::size_t i = 0; i < winners; ++i) {
    awards_today_[ranked[i].second] += gain;
    award_events_[ranked[i].second] += 1.0;
  }
  if (winners > 0 && winners < ranked.size() && !r.announced_tangible) {
    // Exclusive recognition lifts the others a little (Bradler et al. 2016).
    for (std::size_t i = winners; i < ranked.size(); ++i) engagement_[ranked[i].second] += r.spillover;
  }
  period_calls_.setZero();
  period_handle_.setZero();
  period_csat_.setZero();
  period_resolved_.setZero();
}

}  // namespace cxsim::models
