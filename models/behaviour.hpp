// The behavioural equations of docs/model.md as pure functions: what a caller feels and does,
// whether a contact resolves the issue, how satisfied the caller is, who churns, and how
// agents' exhaustion, engagement, absence and quits move from day to day. The event loop
// calls them; tests check them against the documented formulas.
#pragma once

#include <Eigen/Core>
#include <cstdint>

#include "models/spec.hpp"

namespace cxsim::models {

// How an issue ended.
enum class IssueEnd : std::uint8_t { FirstContact, ResolvedLater, Unresolved };

double logistic(double x);
double logit(double p);

// What the model knows about an answered contact when it ends.
struct Contact {
  double compression = 0.0;  // share of the needed talk cut to meet an AHT target
  double newness = 0.0;      // the agent's e^(−experience/κ)
  double exhaustion = 1.0;   // the agent's X
  double engagement = 0.0;   // the agent's G
  double wait_units = 0.0;   // the felt wait in customers.effort_wait_unit_s
  // The caller's frustration from what the satisfaction score does not count on its own: the
  // menu, a failed self-service attempt and earlier abandons (waits, repeats and a misroute
  // have their own terms).
  double ivr_frustration = 0.0;
  int contact = 1;  // 1 for the issue's first contact
  bool misrouted = false;
  bool hostile = false;
};

// The per-call equations, with the scenario's constants worked out once.
class Behaviour {
 public:
  explicit Behaviour(const ScenarioSpec& spec);
  explicit Behaviour(ScenarioSpec&&) = delete;  // holds the spec by reference

  // Frustration on reaching the queue: menu levels, a misroute, a failed self-service
  // attempt, earlier abandons (attempt − 1) and earlier contacts (contact − 1).
  double frustration_on_offer(int ivr_levels, bool misrouted, bool self_service_failed, int attempt, int contact) const;
  // ... and when answered: waiting adds per_wait_unit per customers.effort_wait_unit_s of felt wait.
  double frustration_answered(double on_offer, double felt_wait_s) const;
  // Patience shrinks with frustration: the patience time × e^(−effect·F) (for exponential
  // patience, the hazard × e^(effect·F)).
  double patience(double patience_s, double frustration) const;
  // Chance the caller is hostile: logit(p0) + effect·F.
  double hostility(double frustration) const;
  // Self-service takes the simpler issues: the chance a call of needed talk `talk_s` is
  // contained, c × (1 ± ivr.containment_selectivity) below/above the median `median_s` (capped at
  // 1), with c = min(1, containment × slot_factor) (ivr.containment_profile).
  double containment(double containment, double slot_factor, double talk_s, double median_s) const;
  // Talk after compressing toward an AHT target: the agent cuts `compression` of the excess.
  double talk(double needed_s, double target_s, double compression) const;
  // Work pressure: the share of talk agents cut when `waiting` callers queue for `agents`
  // agents on the phone, c = service.load_compression · W / (W + n).
  double load_compression(double waiting, double agents) const;
  // Resolution: FCR less the new-hire and transfer penalties, then moved on the logit scale by
  // compression, exhaustion, engagement and hostility.
  double resolution(const Contact& c) const;
  // The latent satisfaction of the ordered logit (before noise).
  double satisfaction(const Contact& c, bool resolved) const;
  // The 1–5 score: latent + logistic noise (from the uniform u) against the four cutpoints.
  std::uint8_t score(double latent, double u) const;
  // Churn chance after an issue: the share of stated intent acted on × the end's stated intent
  // × the segment's multiplier × e^(coefficient·(effort − reference)).
  double churn(IssueEnd end, double churn_multiplier, double effort) const;

 private:
  const ScenarioSpec& spec_;
  double hostile_logit_ = 0.0;
};

// The AHT target agents act on, and the share of the excess they cut: the target in force
// (`target_s`, 0: none) with policy.aht_compression, and with recognition by AHT agents also
// chase the award by cutting recognition.aht_chasing of their calls' excess over `usual_s`,
// the usual talk time (their peers' recent mean).
struct AhtPressure {
  double target_s = 0.0;  // 0: none
  double compression = 0.0;
};
AhtPressure aht_pressure(const ScenarioSpec& spec, double target_s, double usual_s);
// The usual talk time before any call is observed (the first day): the share-weighted mean
// over call types; from then on it is the previous day's observed mean talk time.
double usual_talk(const std::vector<CallType>& types);
// Goal erosion: the target in force moves toward the observed mean talk time by the share
// 1 − e^(−1 day/τ) each day (τ = policy.aht_target_erosion_days).
double eroded_target(double target_s, double observed_s, double erosion_days);

// The agents' day, on arrays over seats (docs/model.md, "Agents as employees").
namespace daily {
// Exhaustion: X·e^(−1 day/τ) + the day's load.
Eigen::ArrayXd exhaustion(const Eigen::ArrayXd& x, const Eigen::ArrayXd& load, double recovery_days);
// The day's load: calls, hostile calls, occupancy above the threshold, compression, contagion,
// hours of overtime.
Eigen::ArrayXd load(const WorkforceSpec& w, const Eigen::ArrayXd& calls, const Eigen::ArrayXd& hostile,
                    const Eigen::ArrayXd& busy_s, const Eigen::ArrayXd& floor_s, const Eigen::ArrayXd& compression,
                    const Eigen::ArrayXd& contagion, const Eigen::ArrayXd& overtime_h);
// Engagement: back toward its baseline, lowered by exhaustion above 1 and by pressure, raised
// by recognition with diminishing returns (recognised / (1 + recent/saturation)).
Eigen::ArrayXd engagement(const ScenarioSpec& s, const Eigen::ArrayXd& g, const Eigen::ArrayXd& x,
                          const Eigen::ArrayXd& mean_compression, const Eigen::ArrayXd& recognised,
                          const Eigen::ArrayXd& recent);
// The chance of quitting today: 1 − e^(−h·early·e^(q·(X−1) − g·G)), h the daily hazard.
double quit(double daily_hazard, double early, double quit_exhaustion_effect, double quit_engagement_effect, double x,
            double g);
// The chance of an absence today: min(0.95, p·e^(a·(X−1))).
double absence(double p, double effect, double x);
}  // namespace daily

}  // namespace cxsim::models
