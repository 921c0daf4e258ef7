// Employees holding the agent seats: skill spread, learning curve, daily absence, quits and hiring.
#pragma once

#include <Eigen/Core>
#include <cstdint>
#include <optional>
#include <vector>

#include "models/channels.hpp"
#include "models/recognition.hpp"
#include "models/spec.hpp"
#include "sim/distribution.hpp"
#include "sim/rng.hpp"

namespace cxsim::models {

// Where a seat stands in the steady state of the hire and quit process (renewal theory,
// Whitt 2006): vacant for a share D/(D + E[T]) of the time (D the hiring delay, E[T] the mean
// employment, T's hazard h × `early` for the first A days, h after), else held by an employee
// whose age since hiring has the equilibrium density S(a)/E[T]. From uniforms u (stage), v
// (age within it): the age since hiring in days, or −(days until the hire starts) if vacant.
double steady_state_age(double u, double v, double h_per_day, double early, double early_days, double delay_days);

// One employee per seat, as parallel arrays. All changes happen at the start of a day: the
// daily hazards (quit, absence) and the learning curve act on whole arrays at once.
class Workforce {
 public:
  // Vacant: a position being recruited for; None: a seat without a position (hiring to plan
  // opens positions on these).
  enum class Status : std::uint8_t { Active, Training, Vacant, None };

  // `seats` seats, the first `filled` of them held by employees; `rng` draws tenures, skills,
  // quits and absences, `recognition_rng` the random awards. With a reference scenario in `cf`,
  // the reference's recognition runs beside the scenario's (from the same award stream) and the
  // held channels see its engagement and its quit pressure.
  Workforce(const ScenarioSpec& spec, std::uint32_t seats, std::uint32_t filled, sim::Engine rng,
            sim::Engine recognition_rng = {}, const Counterfactual& cf = kNothingHeld);
  Workforce(ScenarioSpec&&, std::uint32_t, std::uint32_t, sim::Engine, sim::Engine,
            const Counterfactual&) = delete;  // holds the spec by reference

  // Advances to the start of the day at time `t`: trainees who finish join, hires start,
  // employees quit (vacancies open), absences are drawn, talk-time multipliers updated.
  void start_day(double t);

  // Whether the seat holds a trained employee (absent today or not).
  bool employed(std::uint32_t seat) const { return status_[seat] == Status::Active; }
  // Whether the seat's employee works today (active and not absent).
  bool available(std::uint32_t seat) const { return available_[seat] != 0; }
  // The seat's talk-time multiplier today (exactly 1 when the workforce is off).
  double talk_multiplier(std::uint32_t seat) const { return multiplier_[seat]; }
  // How new the seat's employee still is today: e^(−experience/κ), 0 when the workforce is off.
  double newness(std::uint32_t seat) const { return newness_[seat]; }
  double exhaustion(std::uint32_t seat) const { return exhaustion_[seat]; }
  double engagement(std::uint32_t seat) const { return recognition_.engagement()[seat]; }
  // The engagement the reference's recognition would give the employee (their own without a
  // reference): what the resolution and satisfaction equations see with engagement_service held.
  double reference_engagement(std::uint32_t seat) const { return reference().engagement()[seat]; }

  // The policy in force or not (from policy.start_day), and the reference's: the AHT target's
  // quit pressure and the recognition programmes act only while it is.
  void set_policy(bool on, bool reference_on, double t);

  // Hiring to plan: positions opened on seats without one (at most as many as there are), each
  // filled at the first day start workforce.hiring_delay_days later (call before start_day to
  // fill today's); returns how many were opened.
  std::uint32_t open_positions(std::uint32_t n, double t);
  // Positions: employees and vacancies being recruited for.
  std::uint32_t positions() const;
  // Hours of overtime worked, folded into exhaustion at the next day start.
  void record_overtime(std::uint32_t seat, double hours) { overtime_today_[seat] += hours; }

  // What the seat's employee went through today, folded into exhaustion at the next day start.
  void record_call(std::uint32_t seat, bool hostile, double compression, double busy_s, double contagion) {
    contagion_today_[seat] += contagion;
    calls_today_[seat] += 1.0;
    hostile_today_[seat] += hostile ? 1.0 : 0.0;
    compression_today_[seat] += compression;
    busy_today_[seat] += busy_s;
    recognition_.record_call(seat, busy_s);
    if (reference_) reference_->record_call(seat, busy_s);
  }
  // How the call went for the customer, for recognition by CSAT or resolution.
  void record_outcome(std::uint32_t seat, double csat, bool resolved) {
    recognition_.record_outcome(seat, csat, resolved);
    if (reference_) reference_->record_outcome(seat, csat, resolved);
    resolved_today_[seat] += resolved ? 1.0 : 0.0;
  }

  // One row of the daily agent panel per seat, for the day ending at `t`: appended to `out`
  // as kPanelFields floats per seat (call before start_day), the last its PanelStatus.
  static constexpr std::size_t kPanelFields = 8;
  static constexpr std::size_t kPanelStatusField = kPanelFields - 1;
  enum class PanelStatus : std::uint8_t { Working, Absent, InTraining, Vacant, NoPosition };
  static constexpr const char* kPanelStatusNames[] = {"working", "absent", "in_training", "vacant", "no_position"};
  void panel(double t, std::vector<float>& out) const;
  void record_on_floor(std::uint32_t seat, double seconds) { floor_today_[seat] += seconds; }
  // Praise passed on to the employee today (acts on engagement at the next day start), and the
  // praise the reference's programme would have passed on.
  void record_praise(std::uint32_t seat) { recognition_.record_praise(seat); }
  void record_reference_praise(std::uint32_t seat) {
    if (reference_) reference_->record_praise(seat);
  }

  // Today's counts, for the KPIs.
  struct Day {
    double quits = 0, hires = 0;
    double employed = 0, training = 0, vacant = 0, absent = 0, active = 0;
    double multiplier_sum = 0;                      // over active employees
    double exhaustion_sum = 0, engagement_sum = 0;  // over active employees
    double awards = 0;                              // manager and peer recognitions
  };
  const Day& today() const { return today_; }

 private:
  void hire(std::uint32_t seat, double t);
  void update_states();
  const Recognition& reference() const { return reference_ ? *reference_ : recognition_; }

  const WorkforceSpec& spec_;
  const ScenarioSpec& scenario_;
  sim::Engine rng_;
  const Counterfactual& cf_;
  // The spec's durations and rates in seconds.
  double learning_time_s_, early_tenure_s_, hiring_delay_s_, training_s_;
  double pressure_quit_multiplier_ = 1.0;  // while an AHT target is enforced
  sim::Distribution skill_spread_;         // a new employee's talk-time multiplier: lognormal, mean 1
  Eigen::ArrayXd spread_;                  // the employee's own talk-time multiplier (mean 1)
  Eigen::ArrayXd joined_s_;                // when the employee started taking calls (experience origin)
  Eigen::ArrayXd ready_s_;                 // trainee: training ends; vacant: the new hire starts training
  Eigen::ArrayXd hired_s_;                 // start of employment (tenure origin)
  Eigen::ArrayXd multiplier_;
  Eigen::ArrayXd newness_;
  Eigen::ArrayXd exhaustion_;
  Eigen::ArrayXd calls_today_, hostile_today_, compression_today_, busy_today_, floor_today_;
  Eigen::ArrayXd contagion_today_, resolved_today_, overtime_today_;
  Recognition recognition_;
  std::optional<Recognition> reference_;  // the reference's programmes, when there is a reference
  std::vector<Status> status_;
  std::vector<std::uint8_t> available_;
  Day today_;
};

}  // namespace cxsim::models
