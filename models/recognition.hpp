// Recognition programmes (manager rounds, peer awards, forwarded praise) and the engagement they
// move, over the seats. A workforce holds one for its scenario and, when a policy's effect is
// explained, one for the reference scenario: its engagement is what the held channels see.
#pragma once

#include <Eigen/Core>
#include <cstdint>
#include <vector>

#include "models/spec.hpp"
#include "sim/rng.hpp"

namespace cxsim::models {

class Recognition {
 public:
  // `rng`: the stream of its random awards (peer awards, a surprise round's draw).
  Recognition(const ScenarioSpec& spec, std::uint32_t seats, sim::Engine rng);
  Recognition(ScenarioSpec&&, std::uint32_t, sim::Engine) = delete;  // holds the spec by reference

  // The programmes act only while the policy is in force; rounds start with it.
  void set_policy(bool on, double t);
  // A new hire starts neutral, with nothing recent and a fresh period.
  void hire(std::uint32_t seat);
  void record_call(std::uint32_t seat, double busy_s) {
    period_calls_[seat] += 1.0;
    period_handle_[seat] += busy_s;
  }
  void record_outcome(std::uint32_t seat, double csat, bool resolved) {
    period_csat_[seat] += csat;
    period_resolved_[seat] += resolved ? 1.0 : 0.0;
  }
  // Praise passed on to the employee today (acts on engagement at the next day start).
  void record_praise(std::uint32_t seat) { praise_today_[seat] += 1.0; }
  // Today's awards among the `active` seats: peer awards at random, and on a round's day the
  // top agents by the criterion over the period since the last round (or a surprise draw), the
  // others gaining the spillover of an exclusive round.
  void recognise(double t, const std::vector<std::uint8_t>& active);
  // Yesterday into engagement: back toward its baseline, less exhaustion above 1 and pressure,
  // plus the day's recognition with diminishing returns.
  void update(const Eigen::ArrayXd& exhaustion, const Eigen::ArrayXd& mean_compression);

  const Eigen::ArrayXd& engagement() const { return engagement_; }
  double praise_today(std::uint32_t seat) const { return praise_today_[seat]; }
  double award_events(std::uint32_t seat) const { return award_events_[seat]; }

 private:
  const ScenarioSpec& spec_;
  sim::Engine rng_;
  bool policy_on_ = false;
  double manager_cadence_s_;  // 0: no manager recognition
  double memory_s_, peer_awards_per_s_;
  double next_round_s_ = 0.0;
  Eigen::ArrayXd engagement_;
  Eigen::ArrayXd praise_today_;
  Eigen::ArrayXd awards_today_, award_events_, recent_awards_;  // gain units, counts, memory
  Eigen::ArrayXd period_calls_, period_handle_, period_csat_, period_resolved_;
};

}  // namespace cxsim::models
