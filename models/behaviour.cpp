// The behavioural equations; docs/model.md states each one and where its defaults come from.
#include "models/behaviour.hpp"

#include <algorithm>
#include <cmath>

namespace cxsim::models {

double logistic(double x) { return 1.0 / (1.0 + std::exp(-x)); }
double logit(double p) { return std::log(p / (1.0 - p)); }

Behaviour::Behaviour(const ScenarioSpec& spec) : spec_(spec) {
  const double p = spec.callers.hostile_probability;
  if (p > 0.0 && p < 1.0) hostile_logit_ = logit(p);
}

double Behaviour::frustration_on_offer(int ivr_levels, bool misrouted, bool self_service_failed, int attempt,
                                       int contact) const {
  const FrustrationSpec& f = spec_.frustration;
  if (!spec_.customers.enabled) return 0.0;
  return f.per_ivr_level * ivr_levels + f.misroute * misrouted + f.failed_self_service * self_service_failed +
         f.per_abandon * (attempt - 1) + f.per_repeat * (contact - 1);
}

double Behaviour::frustration_answered(double on_offer, double felt_wait_s) const {
  if (!spec_.customers.enabled) return 0.0;
  return on_offer + spec_.frustration.per_wait_unit * felt_wait_s / spec_.customers.effort_wait_unit_s;
}

double Behaviour::patience(double patience_s, double frustration) const {
  if (frustration == 0.0) return patience_s;  // e^0 is exactly 1: no need to ask libm
  return patience_s * std::exp(-spec_.frustration.patience_effect * frustration);
}

double Behaviour::hostility(double frustration) const {
  const double p = spec_.callers.hostile_probability;
  if (!(frustration > 0.0 && p > 0.0 && p < 1.0)) return p;
  return logistic(hostile_logit_ + spec_.frustration.hostile_effect * frustration);
}

double Behaviour::containment(double containment, double slot_factor, double talk_s, double median_s) const {
  const double s = spec_.ivr.containment_selectivity;
  const double weight = talk_s < median_s ? 1.0 + s : talk_s > median_s ? 1.0 - s : 1.0;
  return std::min(1.0, std::min(1.0, containment * slot_factor) * weight);
}

double Behaviour::talk(double needed_s, double target_s, double compression) const {
  if (!(target_s > 0.0 && needed_s > target_s)) return needed_s;
  return needed_s - compression * (needed_s - target_s);
}

double Behaviour::load_compression(double waiting, double agents) const {
  const double most = spec_.service.load_compression;
  if (most == 0.0 || waiting <= 0.0) return 0.0;
  return most * waiting / (waiting + std::max(agents, 1.0));
}

double Behaviour::resolution(const Contact& c) const {
  const CustomersSpec& cs = spec_.customers;
  double p = cs.fcr - cs.new_hire_fcr_penalty * c.newness - (c.misrouted ? cs.transfer_fcr_penalty : 0.0);
  // Pressure and the people involved act on the logit scale, so p stays a probability.
  const double shift = -spec_.policy.compression_resolution_effect * c.compression -
                       cs.resolution_exhaustion_effect * (c.exhaustion - 1.0) +
                       cs.resolution_engagement_effect * c.engagement -
                       (c.hostile ? cs.resolution_hostile_effect : 0.0);
  if (shift == 0.0) return p;
  return logistic(logit(std::clamp(p, 1e-9, 1.0 - 1e-9)) + shift);
}

double Behaviour::satisfaction(const Contact& c, bool resolved) const {
  const SatisfactionSpec& s = spec_.satisfaction;
  return s.resolution_effect * (resolved ? 1.0 : 0.0) - s.repeat_effect * (c.contact - 1) -
         s.wait_effect * c.wait_units - s.transfer_effect * (c.misrouted ? 1.0 : 0.0) +
         s.engagement_effect * c.engagement - s.exhaustion_effect * (c.exhaustion - 1.0) -
         s.hostile_effect * (c.hostile ? 1.0 : 0.0) - spec_.frustration.satisfaction_effect * c.ivr_frustration;
}

std::uint8_t Behaviour::score(double latent, double u) const {
  const double noisy = latent + std::log(u / (1.0 - u));  // standard logistic noise
  std::uint8_t csat = 1;
  for (double cut : spec_.satisfaction.cutpoints) csat += noisy > cut ? 1 : 0;
  return csat;
}

double Behaviour::churn(IssueEnd end, double churn_multiplier, double effort) const {
  const CustomersSpec& cs = spec_.customers;
  const double base = end == IssueEnd::FirstContact    ? cs.churn_first_contact
                      : end == IssueEnd::ResolvedLater ? cs.churn_resolved_later
                                                       : cs.churn_unresolved;
  return cs.intent_conversion * base * churn_multiplier *
         std::exp(cs.churn_effort_coefficient * (effort - cs.effort_reference));
}

AhtPressure aht_pressure(const ScenarioSpec& spec, double target_s, double usual_s) {
  AhtPressure out{target_s, target_s > 0.0 ? spec.policy.aht_compression : 0.0};
  const RecognitionSpec& r = spec.recognition;
  if (r.manager_cadence_days && r.criterion == Criterion::Aht) {
    out.target_s = target_s > 0.0 ? std::min(target_s, usual_s) : usual_s;
    out.compression = std::max(out.compression, r.aht_chasing);
  }
  return out;
}

double usual_talk(const std::vector<CallType>& types) {
  double weighted = 0.0, shares = 0.0;
  for (const CallType& t : types) weighted += t.share * t.handle_time.mean();
  for (const CallType& t : types) shares += t.share;
  return weighted / shares;
}

double eroded_target(double target_s, double observed_s, double erosion_days) {
  return target_s + (observed_s - target_s) * -std::expm1(-1.0 / erosion_days);
}

namespace daily {

Eigen::ArrayXd exhaustion(const Eigen::ArrayXd& x, const Eigen::ArrayXd& load, double recovery_days) {
  return x * std::exp(-kSecondsPerDay / (recovery_days * kSecondsPerDay)) + load;
}

Eigen::ArrayXd load(const WorkforceSpec& w, const Eigen::ArrayXd& calls, const Eigen::ArrayXd& hostile,
                    const Eigen::ArrayXd& busy_s, const Eigen::ArrayXd& floor_s, const Eigen::ArrayXd& compression,
                    const Eigen::ArrayXd& contagion, const Eigen::ArrayXd& overtime_h) {
  const Eigen::ArrayXd occupancy = busy_s / floor_s.max(1.0);
  const Eigen::ArrayXd excess = (occupancy - w.occupancy_threshold).max(0.0) * (floor_s > 0.0).cast<double>();
  return w.exhaustion_per_call * calls + w.exhaustion_per_hostile_call * hostile +
         w.exhaustion_per_excess_occupancy * excess + w.exhaustion_per_compression * compression + contagion +
         w.exhaustion_per_overtime_hour * overtime_h;
}

Eigen::ArrayXd engagement(const ScenarioSpec& s, const Eigen::ArrayXd& g, const Eigen::ArrayXd& x,
                          const Eigen::ArrayXd& mean_compression, const Eigen::ArrayXd& recognised,
                          const Eigen::ArrayXd& recent) {
  const WorkforceSpec& w = s.workforce;
  const RecognitionSpec& r = s.recognition;
  const double baseline = r.announced_tangible ? -r.crowding_out : 0.0;
  return baseline + (g - baseline) * std::exp(-kSecondsPerDay / (w.engagement_decay_days * kSecondsPerDay)) -
         w.engagement_exhaustion_loss * (x - 1.0).max(0.0) - w.engagement_pressure_loss * mean_compression +
         r.award_gain * recognised / (1.0 + recent / r.saturation);
}

double quit(double daily_hazard, double early, double quit_exhaustion_effect, double quit_engagement_effect, double x,
            double g) {
  const double state = std::exp(quit_exhaustion_effect * (x - 1.0) - quit_engagement_effect * g);
  return -std::expm1(-daily_hazard * early * state);
}

double absence(double p, double effect, double x) { return std::min(0.95, p * std::exp(effect * (x - 1.0))); }

}  // namespace daily

}  // namespace cxsim::models
