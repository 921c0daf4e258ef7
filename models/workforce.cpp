// Daily workforce dynamics: hiring pipeline, quits, absence and the learning curve.
#include "models/workforce.hpp"

#include "models/behaviour.hpp"

#include <algorithm>
#include <cmath>

namespace cxsim::models {

namespace {
constexpr double kHalfDay = 0.5 * kSecondsPerDay;
}  // namespace

Workforce::Workforce(const ScenarioSpec& scenario, std::uint32_t seats, std::uint32_t filled, sim::Engine rng,
                     sim::Engine recognition_rng, const Counterfactual& cf)
    : spec_(scenario.workforce),
      scenario_(scenario),
      rng_(std::move(rng)),
      cf_(cf),
      learning_time_s_(spec_.learning_time_days * kSecondsPerDay),
      early_tenure_s_(spec_.early_tenure_days * kSecondsPerDay),
      hiring_delay_s_(spec_.hiring_delay_days * kSecondsPerDay),
      training_s_(spec_.training_days * kSecondsPerDay),
      skill_spread_(spec_.handle_time_spread_cv > 0.0 ? sim::Distribution::lognormal(1.0, spec_.handle_time_spread_cv)
                                                      : sim::Distribution::deterministic(1.0)),
      spread_(Eigen::ArrayXd::Ones(seats)),
      joined_s_(Eigen::ArrayXd::Zero(seats)),
      ready_s_(Eigen::ArrayXd::Zero(seats)),
      hired_s_(Eigen::ArrayXd::Zero(seats)),
      multiplier_(Eigen::ArrayXd::Ones(seats)),
      newness_(Eigen::ArrayXd::Zero(seats)),
      exhaustion_(Eigen::ArrayXd::Ones(seats)),
      calls_today_(Eigen::ArrayXd::Zero(seats)),
      hostile_today_(Eigen::ArrayXd::Zero(seats)),
      compression_today_(Eigen::ArrayXd::Zero(seats)),
      busy_today_(Eigen::ArrayXd::Zero(seats)),
      floor_today_(Eigen::ArrayXd::Zero(seats)),
      contagion_today_(Eigen::ArrayXd::Zero(seats)),
      resolved_today_(Eigen::ArrayXd::Zero(seats)),
      overtime_today_(Eigen::ArrayXd::Zero(seats)),
      recognition_(scenario, seats, recognition_rng),
      status_(seats, Status::Active),
      available_(seats, 1) {
  // The reference's programmes, from the same award stream: with the same programmes as the
  // scenario's, its engagement is the scenario's, bit for bit.
  if (cf.reference) reference_.emplace(*cf.reference, seats, recognition_rng);
  for (std::uint32_t s = filled; s < seats; ++s) {
    status_[s] = Status::None;
    available_[s] = 0;
  }
  if (!spec_.enabled) return;
  const double h = spec_.quit_rate_monthly / kDaysPerMonth;
  for (std::uint32_t s = 0; s < filled; ++s) {
    spread_[s] = skill_spread_.sample(rng_);
    const double u = sim::uniform(rng_), v = sim::uniform(rng_);
    if (spec_.initial_mean_tenure_days) {  // all working, exponential tenures
      hired_s_[s] = joined_s_[s] = *spec_.initial_mean_tenure_days * kSecondsPerDay * std::log1p(-u);
      continue;
    }
    const double age_s = kSecondsPerDay * steady_state_age(u, v, h, spec_.early_quit_multiplier,
                                                           spec_.early_tenure_days, spec_.hiring_delay_days);
    if (age_s < 0.0) {  // a vacancy, filled when the delay runs out
      status_[s] = Status::Vacant;
      ready_s_[s] = -age_s;
    } else if (age_s < training_s_) {
      status_[s] = Status::Training;
      ready_s_[s] = training_s_ - age_s;
    }
    hired_s_[s] = -age_s;
    joined_s_[s] = training_s_ - age_s;
    available_[s] = status_[s] == Status::Active;
  }
}

double steady_state_age(double u, double v, double h, double early, double early_days, double delay_days) {
  if (!(h > 0.0)) return 3650.0 * 100.0;  // nobody ever leaves: a century of experience
  const double he = h * early;
  const double early_part = -std::expm1(-he * early_days) / he;  // ∫ S over the early days
  const double mean_employment = early_part + std::exp(-he * early_days) / h;
  if (u < delay_days / (delay_days + mean_employment)) return -delay_days * v;
  const double p_early = early_part / mean_employment;  // P(age < A) among employees
  if (v < p_early) return -std::log1p(-v / p_early * -std::expm1(-he * early_days)) / he;
  return early_days - std::log1p(-(v - p_early) / (1.0 - p_early)) / h;
}

void Workforce::hire(std::uint32_t seat, double t) {
  today_.hires += 1.0;
  spread_[seat] = skill_spread_.sample(rng_);
  hired_s_[seat] = t;
  exhaustion_[seat] = 1.0;  // a new hire starts typical and neutral
  recognition_.hire(seat);
  if (reference_) reference_->hire(seat);
  if (training_s_ > 0.0) {
    status_[seat] = Status::Training;
    ready_s_[seat] = t + training_s_;
  } else {
    status_[seat] = Status::Active;
    joined_s_[seat] = t;
  }
}

void Workforce::start_day(double t) {
  today_ = Day{};
  const auto seats = static_cast<std::uint32_t>(status_.size());
  if (spec_.enabled) {
    std::vector<std::uint8_t> active(seats);
    for (std::uint32_t s = 0; s < seats; ++s) active[s] = status_[s] == Status::Active;
    recognition_.recognise(t, active);
    if (reference_) reference_->recognise(t, active);
    if (t > 0.0) update_states();  // yesterday's load: there is none before the first day
    const double day_hazard = spec_.quit_rate_monthly / kSecondsPerMonth * pressure_quit_multiplier_ * kSecondsPerDay;
    for (std::uint32_t s = 0; s < seats; ++s) {
      if (status_[s] == Status::Vacant && t >= ready_s_[s]) hire(s, t);
      if (status_[s] == Status::Training && t >= ready_s_[s]) {
        status_[s] = Status::Active;
        joined_s_[s] = ready_s_[s];
      }
      if ((status_[s] == Status::Active || status_[s] == Status::Training) && day_hazard > 0.0) {
        const double early = t - hired_s_[s] < early_tenure_s_ ? spec_.early_quit_multiplier : 1.0;
        const double g = cf_.holds(Channel::EngagementQuits) ? reference_engagement(s) : engagement(s);
        if (sim::uniform(rng_) < daily::quit(day_hazard, early, spec_.quit_exhaustion_effect,
                                             spec_.quit_engagement_effect, exhaustion_[s], g)) {
          today_.quits += 1.0;
          if (scenario_.planning.enabled) {
            status_[s] = Status::None;  // hiring follows the plan
          } else {
            status_[s] = Status::Vacant;  // replaced
            ready_s_[s] = t + hiring_delay_s_;
            if (hiring_delay_s_ <= 0.0) hire(s, t);
          }
        }
      }
      const double p_absent =
          daily::absence(spec_.absence_probability, spec_.absence_exhaustion_effect, exhaustion_[s]);
      const bool absent =
          status_[s] == Status::Active && spec_.absence_probability > 0.0 && sim::uniform(rng_) < p_absent;
      available_[s] = status_[s] == Status::Active && !absent;
      today_.absent += absent ? 1.0 : 0.0;
    }
    // The learning curve at mid-day, which is the day's average for a smooth curve.
    newness_ = (-(t + kHalfDay - joined_s_).max(0.0) / learning_time_s_).exp();
    multiplier_ = spread_ * (1.0 + (spec_.new_hire_handle_time_factor - 1.0) * newness_);
  }
  for (std::uint32_t s = 0; s < seats; ++s) {
    today_.employed += status_[s] == Status::Active || status_[s] == Status::Training ? 1.0 : 0.0;
    today_.training += status_[s] == Status::Training ? 1.0 : 0.0;
    today_.vacant += status_[s] == Status::Vacant ? 1.0 : 0.0;
    if (status_[s] == Status::Active) {
      today_.active += 1.0;
      today_.multiplier_sum += multiplier_[s];
      today_.exhaustion_sum += exhaustion_[s];
      today_.engagement_sum += engagement(s);
    }
    today_.awards += recognition_.award_events(s);
  }
}

void Workforce::set_policy(bool on, bool reference_on, double t) {
  recognition_.set_policy(on, t);
  if (reference_) reference_->set_policy(reference_on, t);
  // The quit pressure while a target is enforced, or the reference's with pressure_quits held.
  const bool held = cf_.holds(Channel::PressureQuits);
  const PolicySpec& p = held ? cf_.reference->policy : scenario_.policy;
  pressure_quit_multiplier_ = (held ? reference_on : on) && p.aht_target_s ? p.aht_pressure_quit_multiplier : 1.0;
}

std::uint32_t Workforce::open_positions(std::uint32_t n, double t) {
  std::uint32_t opened = 0;
  for (std::uint32_t s = 0; s < status_.size() && opened < n; ++s) {
    if (status_[s] != Status::None) continue;
    ++opened;
    status_[s] = Status::Vacant;  // hired at the day start when the delay has passed
    ready_s_[s] = t + hiring_delay_s_;
  }
  return opened;
}

std::uint32_t Workforce::positions() const {
  return static_cast<std::uint32_t>(
      std::count_if(status_.begin(), status_.end(), [](Status s) { return s != Status::None; }));
}

// Yesterday's load into exhaustion, then engagement; whole arrays at once.
void Workforce::update_states() {
  const Eigen::ArrayXd load = daily::load(spec_, calls_today_, hostile_today_, busy_today_, floor_today_,
                                          compression_today_, contagion_today_, overtime_today_);
  exhaustion_ = daily::exhaustion(exhaustion_, load, spec_.exhaustion_recovery_days);
  const Eigen::ArrayXd mean_compression = compression_today_ / calls_today_.max(1.0);
  recognition_.update(exhaustion_, mean_compression);
  if (reference_) reference_->update(exhaustion_, mean_compression);
  contagion_today_.setZero();
  overtime_today_.setZero();
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
    const PanelStatus status = status_[s] == Status::None       ? PanelStatus::NoPosition
                               : status_[s] == Status::Vacant   ? PanelStatus::Vacant
                               : status_[s] == Status::Training ? PanelStatus::InTraining
                               : available_[s]                  ? PanelStatus::Working
                                                                : PanelStatus::Absent;
    const float row[kPanelFields] = {static_cast<float>(engagement(s)),
                                     static_cast<float>(exhaustion_[s]),
                                     static_cast<float>(status_[s] == Status::Vacant || status_[s] == Status::None
                                                            ? std::nan("")
                                                            : (t - hired_s_[s]) / kSecondsPerDay),
                                     static_cast<float>(calls),
                                     static_cast<float>(calls > 0 ? busy_today_[s] / calls : std::nan("")),
                                     static_cast<float>(calls > 0 ? resolved_today_[s] / calls : std::nan("")),
                                     static_cast<float>(recognition_.praise_today(s)),
                                     static_cast<float>(static_cast<std::uint8_t>(status))};
    out.insert(out.end(), row, row + kPanelFields);
  }
}

}  // namespace cxsim::models
