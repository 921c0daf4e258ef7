// The validated scenario the contact-centre model runs: plain data, filled in by the Python layer.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "sim/distribution.hpp"

namespace cxsim::models {

inline constexpr double kSecondsPerDay = 86400.0;

struct CallTypeSpec {
  std::string name;
  double share = 1.0;                  // of arrivals
  std::uint8_t priority = 0;           // 0 is served first
  double containment = 0.0;            // probability of self-service in the IVR
  sim::Distribution handle_time;       // talk time, seconds
  sim::Distribution patience;          // seconds; none = never abandons
};

struct ArrivalSpec {
  // Calls per hour in each profile slot of the week, slot after slot from the week's first
  // day at 00:00; a single slot is a constant rate around the clock.
  std::vector<double> rate_per_hour{0.0};
  double slot_seconds = 7 * kSecondsPerDay;
};

struct IvrSpec {
  std::uint32_t levels = 0;
  double seconds_per_level = 0.0;
  double misroute_probability = 0.0;   // a misrouted call needs a transfer at the agent
  double transfer_time_s = 0.0;        // extra handle time of a misrouted call
  double zero_out_probability = 0.0;   // per level: the caller presses 0 for an agent
};

struct RedialSpec {
  double probability = 0.0;            // an abandoning caller calls again
  sim::Distribution delay;             // seconds until the redial
};

struct ShiftSpec {
  double start_s = 0.0;                // seconds after midnight
  double length_s = kSecondsPerDay;
  std::uint8_t weekdays = 0x7f;        // bit d set: works on weekday d (0 = Monday)
  std::uint32_t count = 0;             // agents on this shift
};

// Recognition raises engagement: G += gain·awards / (1 + recent/saturation), `recent` counting
// the employee's recognitions with a 30-day memory (diminishing returns when awards are frequent).
struct RecognitionSpec {
  enum class Criterion : std::uint8_t { Csat, Fcr, Aht, Surprise };
  double award_gain = 0.0;            // engagement per manager award, in SD
  double praise_gain_factor = 0.75;   // forwarded praise counts this much of an award
  double peer_gain_factor = 0.5;      // a peer award counts this much of an award
  double saturation = 3.0;
  double memory_s = 30 * kSecondsPerDay;
  double manager_cadence_s = 0.0;     // 0: no manager recognition
  std::uint32_t manager_awards = 0;   // awards per round
  Criterion criterion = Criterion::Csat;
  double spillover = 0.0;             // engagement of the non-recipients per exclusive round
  bool announced_tangible = false;    // announced, tangible rewards: crowding out
  double tangible_gain_factor = 0.0;  // what is left of the gain when announced and tangible
  double crowding_out = 0.0;          // engagement baseline lost when announced and tangible
  double peer_awards_per_s = 0.0;     // per employee
};

// Agents as employees: who holds each seat, how fast they are, whether they come in or quit.
// Off (enabled = false), seats are always filled by identical, fully trained agents.
struct WorkforceSpec {
  bool enabled = false;
  double handle_time_spread_cv = 0.0;     // CV of each agent's lognormal talk-time multiplier
  double new_hire_handle_time_factor = 1.0;  // talk-time multiplier at zero experience
  double learning_time_s = 1.0;           // e-folding time of the learning curve
  double quit_rate_per_s = 0.0;           // quit hazard of a tenured agent
  double early_quit_multiplier = 1.0;     // hazard multiplier in the first months
  double early_tenure_s = 0.0;            // how long "the first months" last
  double absence_probability = 0.0;       // per agent per day
  double hiring_delay_s = 0.0;            // a vacancy to a new hire starting training
  double training_s = 0.0;                // training, during which the hire takes no calls
  double initial_mean_tenure_s = 1.0;     // initial staff's tenure, exponentially distributed
  double pressure_quit_multiplier = 1.0;  // quit hazard multiplier under performance pressure
  // Exhaustion X: decays with time constant exhaustion_recovery_s and is loaded daily by calls,
  // hostile calls, occupancy above a threshold and compressed (rushed) talk. 1 is typical.
  double exhaustion_recovery_s = 3 * kSecondsPerDay;
  double exhaustion_per_call = 0.0;
  double exhaustion_per_hostile_call = 0.0;
  double exhaustion_per_excess_occupancy = 0.0;  // per day at occupancy 1 above the threshold
  double occupancy_threshold = 0.85;
  double exhaustion_per_compression = 0.0;       // per call fully compressed
  // Engagement G (standard deviations around the baseline 0): decays toward 0, lowered by
  // exhaustion above typical and by pressure.
  double engagement_decay_s = 30 * kSecondsPerDay;
  double engagement_exhaustion_loss = 0.0;       // per day per unit of exhaustion above 1
  double engagement_pressure_loss = 0.0;         // per day per unit of mean compression
  // Effects: absence × e^(a·(X−1)); quit hazard × e^(q·(X−1) − g·G).
  double absence_exhaustion_effect = 0.0;
  double quit_exhaustion_effect = 0.0;
  double quit_engagement_effect = 0.0;
  RecognitionSpec recognition;
};

// A group of customers with its own value, issue rate and churn propensity.
struct SegmentSpec {
  std::string name;
  double share = 1.0;             // relative share of customers, initially and among new ones
  double value_mean = 0.0;        // mean monthly revenue (lognormal with CustomerSpec::value_cv)
  double issue_multiplier = 1.0;  // issue rate relative to the other segments
  double churn_multiplier = 1.0;  // on churn after an issue and on the baseline hazard
};

// Customers who have issues, call about them, are resolved or not, and churn.
// Off (enabled = false), calls come from nowhere and nobody churns.
struct CustomerSpec {
  bool enabled = false;
  std::uint32_t count = 0;                 // initial customer base
  double issues_per_customer_per_s = 0.0;  // 0: call volume from the arrival profile instead
  std::vector<SegmentSpec> segments;       // at least one when enabled
  double value_cv = 0.0;
  double fcr = 0.72;                       // resolution chance of an answered contact
  double new_hire_fcr_penalty = 0.0;       // lower resolution of a new agent, decaying with experience
  double transfer_fcr_penalty = 0.0;       // lower resolution of a misrouted (transferred) call
  double recontact_probability = 0.0;      // an unresolved issue comes back
  sim::Distribution recontact_delay;       // seconds until it does
  double repeat_handle_factor = 1.0;       // a repeat contact's talk time multiplier
  double churn_first_contact = 0.0;        // churn chance after an issue resolved on contact 1
  double churn_resolved_later = 0.0;       // ... resolved after several contacts
  double churn_unresolved = 0.0;           // ... given up unresolved
  double churn_effort_coefficient = 0.0;   // churn × e^(coefficient × (effort − reference))
  double resolution_exhaustion_effect = 0.0;  // logit resolution − effect × (X − 1) of the agent
  double resolution_engagement_effect = 0.0;  // logit resolution + effect × G of the agent
  double resolution_hostile_effect = 0.0;     // logit resolution − effect for a hostile caller
  double effort_reference = 0.0;
  double effort_wait_unit_s = 300.0;       // a wait of this long adds one unit of effort
  double effort_per_ivr_level = 0.0;       // effort of each menu level passed
  double effort_failed_self_service = 0.0; // effort of a self-service attempt that failed
  double baseline_churn_per_s = 0.0;       // churn unrelated to service
  double acquisitions_per_s = 0.0;         // new customers, before word of mouth
  // Word of mouth after an issue: tell with a probability, an audience of Poisson(mean) people;
  // each positive mention brings a new customer with `wom_conversion`, each negative one keeps
  // one away with `wom_deterrence` (next day's acquisitions; never below zero).
  double wom_tell_resolved = 0.0, wom_audience_resolved = 0.0;
  double wom_tell_unresolved = 0.0, wom_audience_unresolved = 0.0;
  double wom_conversion = 0.0, wom_deterrence = 0.0;
};

// A caller's frustration F on reaching the queue: menu levels passed, a misroute, earlier
// abandons and contacts about the issue; waiting adds to it until answered. Acts with customers on.
struct FrustrationSpec {
  bool enabled = false;
  double per_ivr_level = 0.0;
  double failed_self_service = 0.0;  // tried the IVR's self-service and still needs an agent
  double misroute = 0.0;
  double per_abandon = 0.0;        // per earlier abandoned attempt (redial)
  double per_repeat = 0.0;         // per earlier contact about the issue
  double per_wait_unit = 0.0;      // per customers.effort_wait_unit_s of waiting
  double patience_effect = 0.0;    // patience × e^(−effect·F)
  double hostile_effect = 0.0;     // logit hostility + effect·F
  double satisfaction_effect = 0.0;  // latent satisfaction − effect·F
  double exhaustion_per_unit = 0.0;  // the agent's exhaustion + this·F (contagion)
};

// A callback (virtual hold) is offered when the expected wait exceeds a threshold: a caller who
// accepts keeps their place without waiting on the line (no abandonment, waiting counts less).
struct CallbackSpec {
  bool enabled = false;
  double threshold_s = 0.0;
  double acceptance = 0.0;
  double wait_weight = 1.0;        // share of the wait that frustrates and counts as effort
};

// Satisfaction of an answered call: an ordered logit. The latent score is
// resolution·resolved − repeat·(contact−1) − wait·(wait/unit) − transfer·misrouted
// + engagement·G − exhaustion·(X−1) − hostile·hostile + logistic noise, cut at four cutpoints
// into a 1–5 score (5 is top-box). Praise follows a top-box call, a complaint a score ≤ 2.
struct SatisfactionSpec {
  bool enabled = false;                 // needs customers (resolution)
  double resolution_effect = 0.0;
  double repeat_effect = 0.0;
  double wait_effect = 0.0;             // per customers.effort_wait_unit_s of wait
  double transfer_effect = 0.0;
  double engagement_effect = 0.0;
  double exhaustion_effect = 0.0;
  double hostile_effect = 0.0;
  double cutpoints[4] = {-2.5, -1.2, -0.2, 0.88};
  double praise_probability = 0.0;      // per top-box call, unsolicited
  double praise_solicitation = 1.0;     // a programme that asks for praise captures this many times more
  double praise_forwarded_share = 0.0;  // share of captured praise passed on to the agent
  double complaint_probability = 0.0;   // per call scored 1 or 2
};

// What things cost and what customers are worth, in one currency.
struct MoneySpec {
  double wage_per_hour = 0.0;          // per agent on the floor, fully loaded
  double cost_per_hire = 0.0;          // recruiting and training a new agent
  double cost_per_ivr_minute = 0.0;
  double cost_per_queue_minute = 0.0;
  double customer_lifetime_months = 0.0;  // remaining lifetime a churned customer would have had
  double cost_per_award = 0.0;             // a manager or peer recognition
};

// Management levers acting on agents.
struct PolicySpec {
  double aht_target_s = 0.0;               // 0: no target
  double aht_compression = 0.0;            // share of the excess over the target agents cut
  double compression_resolution_effect = 0.0;  // logit-resolution loss per unit of compression
};

struct ScenarioSpec {
  double horizon_s = kSecondsPerDay;
  double warmup_s = 0.0;
  double interval_s = 1800.0;
  std::uint32_t start_weekday = 0;     // weekday of day 0 (0 = Monday)
  double service_level_s = 20.0;       // answered within this counts toward service level
  double short_abandon_s = 0.0;        // abandons within this are also counted as short
  ArrivalSpec arrivals;
  std::vector<CallTypeSpec> call_types;
  IvrSpec ivr;
  RedialSpec redial;
  double after_call_work_s = 0.0;
  double hostile_probability = 0.0;    // a caller is hostile to the agent (workforce on)
  std::vector<ShiftSpec> shifts;       // a constant headcount is one shift of 24 h every day
  WorkforceSpec workforce;
  CustomerSpec customers;
  PolicySpec policy;
  MoneySpec money;
  SatisfactionSpec satisfaction;
  FrustrationSpec frustration;
  CallbackSpec callback;
};

}  // namespace cxsim::models
