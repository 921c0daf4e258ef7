// Workforce planning: the agents wanted on the phone in each interval of the week, from a
// staffing table or planned to a service-level target from a forecast that is re-made every
// planning period from what was observed; and the headcount that staffing needs.
#pragma once

#include <cstdint>
#include <deque>
#include <vector>

#include "models/arrivals.hpp"
#include "models/spec.hpp"
#include "models/staffing.hpp"

namespace cxsim::models {

// What the centre expects: offered calls per second in each interval of the week, the mean
// handle time and the abandonment rate of waiting callers (1 / mean patience).
struct Forecast {
  std::vector<double> offered_per_s;
  double handle_s = 0.0;
  double patience_rate = 0.0;
};

// The forecast of a centre in its steady state, from the scenario: the arrival rates (× scale)
// less self-service plus the repeat contacts of unresolved issues, the handle time of that mix
// at the staff's steady-state learning (Whitt 2006), and the callers' mean patience.
Forecast steady_forecast(const ScenarioSpec& spec, const std::vector<CallType>& types, const WeeklyRates& rates,
                         double scale);

// The positions a headcount needs: the employees, and those being recruited for the quits
// expected over the recruiting and training lead time at `attrition_monthly`.
double positions_for(double headcount, double attrition_monthly, const WorkforceSpec& w);

class Planner {
 public:
  // Staffing from agents.staffing or, with planning.enabled, from `initial` (the forecast the
  // centre starts with); neither: inactive (shifts or agents.count set the staffing).
  Planner(const ScenarioSpec& spec, Forecast initial);
  Planner(ScenarioSpec&&, Forecast) = delete;  // holds the spec by reference

  bool active() const { return !need_.empty(); }
  std::uint32_t intervals_per_day() const { return per_day_; }
  // Agents wanted on the phone in interval k of the week (Monday 00:00 is 0).
  std::uint32_t need(std::uint32_t week_interval) const { return need_[week_interval]; }
  // The day's tours for a weekday: the need divided by the share of agents on the phone,
  // covered by tours of agents.tour_min_hours to agents.tour_max_hours (in intervals).
  std::vector<Tour> tours(std::uint32_t weekday) const { return tours(need_, weekday); }
  std::vector<Tour> tours(const std::vector<std::uint32_t>& need, std::uint32_t weekday) const;
  // Employees a staffing needs: a week's rostered hours / usable contracted hours (whole tours
  // leave half the longest tour of a contract unused), or its tours / contracted days if more,
  // grossed up for absence (when the workforce is modelled).
  double headcount(const std::vector<std::uint32_t>& need) const;
  // The newest plan (in force or waiting for its lag).
  const std::vector<std::uint32_t>& latest() const;

  // Planning: a past interval's counters, once its calls have ended (offered calls, handle
  // time, abandonment).
  void observe(std::uint32_t week_interval, const double* counters);
  // At the start of a day: a plan whose lag has passed comes into force; every planning
  // period the forecast is updated from what was observed since the last review and a new
  // plan made, in force after planning.lag_days. Returns whether a review happened.
  bool start_day(double t);
  const Forecast& forecast() const { return forecast_; }

  // Erlang-A staffing of every interval of the week for a forecast.
  static std::vector<std::uint32_t> plan(const ScenarioSpec& spec, const Forecast& f);

 private:
  const ScenarioSpec& spec_;
  std::uint32_t per_day_;
  double interval_s_;
  Forecast forecast_;
  std::vector<std::uint32_t> need_;
  std::deque<std::pair<double, std::vector<std::uint32_t>>> pending_;  // (in force from, need)
  double next_review_s_;
  // Observed since the last review: offered per interval of the week and times observed;
  // handled calls and their handle time; abandons and the exposure (waits of all callers).
  std::vector<double> offered_, seen_;
  double handled_ = 0.0, handle_s_ = 0.0, abandoned_ = 0.0, waited_s_ = 0.0;
};

}  // namespace cxsim::models
