// Daily workforce dynamics: hiring pipeline, quits, absence and the learning curve.
#include "models/workforce.hpp"

#include <algorithm>
#include <cmath>

namespace cxsim::models {

namespace {
constexpr double kHalfDay = 0.5 * kSecondsPerDay;
}  // namespace

Workforce::Workforce(const WorkforceSpec& spec, std::uint32_t seats, sim::Engine rng)
    : spec_(spec),
      rng_(std::move(rng)),
      skill_spread_(spec.handle_time_spread_cv > 0.0 ? sim::Distribution::lognormal(1.0, spec.handle_time_spread_cv)
                                                     : sim::Distribution::deterministic(1.0)),
      spread_(Eigen::ArrayXd::Ones(seats)),
      joined_s_(Eigen::ArrayXd::Zero(seats)),
      ready_s_(Eigen::ArrayXd::Zero(seats)),
      hired_s_(Eigen::ArrayXd::Zero(seats)),
      multiplier_(Eigen::ArrayXd::Ones(seats)),
      newness_(Eigen::ArrayXd::Zero(seats)),
      exhaustion_(Eigen::ArrayXd::Ones(seats)),
      engagement_(Eigen::ArrayXd::Zero(seats)),
      calls_today_(Eigen::ArrayXd::Zero(seats)),
      hostile_today_(Eigen::ArrayXd::Zero(seats)),
      compression_today_(Eigen::ArrayXd::Zero(seats)),
      busy_today_(Eigen::ArrayXd::Zero(seats)),
      floor_today_(Eigen::ArrayXd::Zero(seats)),
      praise_today_(Eigen::ArrayXd::Zero(seats)),
      contagion_today_(Eigen::ArrayXd::Zero(seats)),
      resolved_today_(Eigen::ArrayXd::Zero(seats)),
      awards_today_(Eigen::ArrayXd::Zero(seats)),
      award_events_(Eigen::ArrayXd::Zero(seats)),
      recent_awards_(Eigen::ArrayXd::Zero(seats)),
      period_calls_(Eigen::ArrayXd::Zero(seats)),
      period_handle_(Eigen::ArrayXd::Zero(seats)),
      period_csat_(Eigen::ArrayXd::Zero(seats)),
      period_resolved_(Eigen::ArrayXd::Zero(seats)),
      next_round_s_(spec.recognition.manager_cadence_s),
      status_(seats, Status::Active),
      available_(seats, 1) {
  if (!spec.enabled) return;
  for (std::uint32_t s = 0; s < seats; ++s) {
    spread_[s] = skill_spread_.sample(rng_);
    const double tenure = -spec.initial_mean_tenure_s * std::log1p(-sim::uniform(rng_));
    hired_s_[s] = joined_s_[s] = -tenure;
  }
}

void Workforce::hire(std::uint32_t seat, double t) {
  today_.hires += 1.0;
  spread_[seat] = skill_spread_.sample(rng_);
  hired_s_[seat] = t;
  exhaustion_[seat] = 1.0;  // a new hire starts typical and neutral
  engagement_[seat] = 0.0;
  recent_awards_[seat] = 0.0;
  period_calls_[seat] = period_handle_[seat] = period_csat_[seat] = period_resolved_[seat] = 0.0;
  if (spec_.training_s > 0.0) {
    status_[seat] = Status::Training;
    ready_s_[seat] = t + spec_.training_s;
  } else {
    status_[seat] = Status::Active;
    joined_s_[seat] = t;
  }
}

void Workforce::start_day(double t) {
  today_ = Day{};
  const auto seats = static_cast<std::uint32_t>(status_.size());
  if (spec_.enabled) {
    recognise(t);
    if (t > 0.0) update_states();  // yesterday's load: there is none before the first day
    const double day_hazard = spec_.quit_rate_per_s * spec_.pressure_quit_multiplier * kSecondsPerDay;
    for (std::uint32_t s = 0; s < seats; ++s) {
      if (status_[s] == Status::Vacant && t >= ready_s_[s]) hire(s, t);
      if (status_[s] == Status::Training && t >= ready_s_[s]) {
        status_[s] = Status::Active;
        joined_s_[s] = ready_s_[s];
      }
      if (status_[s] != Status::Vacant && day_hazard > 0.0) {
        const double early = t - hired_s_[s] < spec_.early_tenure_s ? spec_.early_quit_multiplier : 1.0;
        const double state = std::exp(spec_.quit_exhaustion_effect * (exhaustion_[s] - 1.0) -
                                      spec_.quit_engagement_effect * engagement_[s]);
        if (sim::uniform(rng_) < -std::expm1(-day_hazard * early * state)) {
          today_.quits += 1.0;
          status_[s] = Status::Vacant;
          ready_s_[s] = t + spec_.hiring_delay_s;
          if (spec_.hiring_delay_s <= 0.0) hire(s, t);
        }
      }
      const double p_absent = std::min(
          0.95, spec_.absence_probability * std::exp(spec_.absence_exhaustion_effect * (exhaustion_[s] - 1.0)));
      const bool absent = status_[s] == Status::Active && spec_.absence_probability > 0.0 &&
                          sim::uniform(rng_) < p_absent;
      available_[s] = status_[s] == Status::Active && !absent;
      today_.absent += absent ? 1.0 : 0.0;
    }
    // The learning curve at mid-day, which is the day's average for a smooth curve.
    newness_ = (-(t + kHalfDay - joined_s_).max(0.0) / spec_.learning_time_s).exp();
    multiplier_ = spread_ * (1.0 + (spec_.new_hire_handle_time_factor - 1.0) * newness_);
  }
  for (std::uint32_t s = 0; s < seats; ++s) {
    today_.employed += status_[s] != Status::Vacant ? 1.0 : 0.0;
    today_.training += status_[s] == Status::Training ? 1.0 : 0.0;
    today_.vacant += status_[s] == Status::Vacant ? 1.0 : 0.0;
    if (status_[s] == Status::Active) {
      today_.active += 1.0;
      today_.multiplier_sum += multiplier_[s];
      today_.exhaustion_sum += exhaustion_[s];
      today_.engagement_sum += engagement_[s];
    }
    today_.awards += award_events_[s];
  }
}

// Yesterday's load into exhaustion, then engagement; whole arrays at once.
void Workforce::update_states() {
  const double day = kSecondsPerDay;
  const Eigen::ArrayXd occupancy = busy_today_ / floor_today_.max(1.0);
  const Eigen::ArrayXd excess = (occupancy - spec_.occupancy_threshold).max(0.0) * (floor_today_ > 0.0).cast<double>();
  const Eigen::ArrayXd load = spec_.exhaustion_per_call * calls_today_ +
                              spec_.exhaustion_per_hostile_call * hostile_today_ +
                              spec_.exhaustion_per_excess_occupancy * excess +
                              spec_.exhaustion_per_compression * compression_today_ + contagion_today_;
  exhaustion_ = exhaustion_ * std::exp(-day / spec_.exhaustion_recovery_s) + load;
  const Eigen::ArrayXd mean_compression = compression_today_ / calls_today_.max(1.0);
  const RecognitionSpec& r = spec_.recognition;
  const double baseline = r.announced_tangible ? -r.crowding_out : 0.0;
  // Recognition with diminishing returns: the more an employee was recognised lately, the less
  // one more award adds.
  const Eigen::ArrayXd recognised = r.praise_gain_factor * praise_today_ + awards_today_;
  engagement_ = baseline + (engagement_ - baseline) * std::exp(-day / spec_.engagement_decay_s) -
                spec_.engagement_exhaustion_loss * (exhaustion_ - 1.0).max(0.0) -
                spec_.engagement_pressure_loss * mean_compression +
                r.award_gain * recognised / (1.0 + recent_awards_ / r.saturation);
  recent_awards_ = recent_awards_ * std::exp(-day / r.memory_s) + praise_today_ + award_events_;
  praise_today_.setZero();
  contagion_today_.setZero();
  resolved_today_.setZero();
  calls_today_.setZero();
  hostile_today_.setZero();
  compression_today_.setZero();
  busy_today_.setZero();
  floor_today_.setZero();
}

void Workforce::panel(double t, std::vector<float>& out) const {
  for (std::size_t s = 0; s < status_.size(); ++s) {
    const double calls = calls_today_[s];
    const double status = status_[s] == Status::Vacant     ? 3.0
                          : status_[s] == Status::Training ? 2.0
                          : available_[s]                  ? 0.0
                                                           : 1.0;  // absent
    const float row[kPanelFields] = {
        static_cast<float>(engagement_[s]),
        static_cast<float>(exhaustion_[s]),
        static_cast<float>(status_[s] == Status::Vacant ? std::nan("") : (t - hired_s_[s]) / kSecondsPerDay),
        static_cast<float>(calls),
        static_cast<float>(calls > 0 ? busy_today_[s] / calls : std::nan("")),
        static_cast<float>(calls > 0 ? resolved_today_[s] / calls : std::nan("")),
        static_cast<float>(praise_today_[s]),
        static_cast<float>(status)};
    out.insert(out.end(), row, row + kPanelFields);
  }
}

// Manager rounds every cadence (the top agents by the criterion over the period since the last
// round, or a surprise draw), peer awards at random; weighted into awards_today_, which the
// engagement update consumes with today's praise.
void Workforce::recognise(double t) {
  const RecognitionSpec& r = spec_.recognition;
  awards_today_.setZero();
  award_events_.setZero();
  const auto seats = static_cast<std::uint32_t>(status_.size());
  if (r.peer_awards_per_s > 0.0) {
    const double p = -std::expm1(-r.peer_awards_per_s * kSecondsPerDay);
    for (std::uint32_t s = 0; s < seats; ++s)
      if (sim::uniform(rng_) < p && status_[s] == Status::Active) {
        awards_today_[s] += r.peer_gain_factor;
        award_events_[s] += 1.0;
      }
  }
  if (r.manager_cadence_s <= 0.0 || t < next_round_s_) return;
  next_round_s_ += r.manager_cadence_s;
  std::vector<std::pair<double, std::uint32_t>> ranked;  // (score, seat), best first after sort
  for (std::uint32_t s = 0; s < seats; ++s) {
    const double u = sim::uniform(rng_);  // one draw per seat per round, used by "surprise"
    if (status_[s] != Status::Active || period_calls_[s] <= 0.0) continue;
    const double n = period_calls_[s];
    double score = u;
    switch (r.criterion) {
      case RecognitionSpec::Criterion::Csat: score = period_csat_[s] / n; break;
      case RecognitionSpec::Criterion::Fcr: score = period_resolved_[s] / n; break;
      case RecognitionSpec::Criterion::Aht: score = -period_handle_[s] / n; break;
      case RecognitionSpec::Criterion::Surprise: break;
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
    for (std::size_t i = winners; i < ranked.size(); ++i)
      engagement_[ranked[i].second] += r.spillover;
  }
  period_calls_.setZero();
  period_handle_.setZero();
  period_csat_.setZero();
  period_resolved_.setZero();
}

}  // namespace cxsim::models
