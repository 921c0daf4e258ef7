// The centre's management: tours from the shifts or the plan, hiring to plan, and the intraday
// response to the last interval (off-phone work, overtime, voluntary time off).
#include <algorithm>
#include <cmath>

#include "models/contact_centre.hpp"

namespace cxsim::models {

void ContactCentre::schedule_tours(std::uint64_t day, std::uint32_t weekday, double day_start) {
  if (planner_.active()) {
    if (day % 7 == 0) {
      std::vector<double> week(7);
      for (std::uint32_t d = 0; d < 7; ++d) week[d] = static_cast<double>(planner_.tours((weekday + d) % 7).size());
      roster_.start_week(week, workforce_);
    }
    const std::vector<Tour> tours = planner_.tours(weekday);
    const auto rostered =
        roster_.assign(tours, interval_s_, static_cast<std::uint32_t>(day % 7), workforce_, management_rng_);
    double* c = ledger_.now();
    for (std::size_t i = 0; i < tours.size(); ++i) {
      const Roster::Assignment& a = rostered[i];
      const double start = day_start + tours[i].start * interval_s_;
      if (a.agent == kNone || start >= horizon_s_) {
        c[kToursUnfilled] += a.agent == kNone ? 1.0 : 0.0;
        continue;
      }
      tour(a.agent, start, (tours[i].end - tours[i].start) * interval_s_);
      c[kOvertimeAgentS] += a.overtime_s;
      if (a.overtime_s > 0.0) workforce_.record_overtime(a.agent, a.overtime_s / 3600.0);
    }
    return;
  }
  std::uint32_t agent = 0;
  for (const Shift& shift : shifts_) {
    const std::uint32_t first = agent;
    agent += shift.count;
    if (std::isinf(shift.length_s)) {  // on duty from its first start to the horizon
      if (day == 0)
        for (std::uint32_t a = first; a < agent; ++a) tour(a, shift.start_s, shift.length_s);
      continue;
    }
    const double start = day_start + shift.start_s;
    if (!(shift.weekdays & (1u << weekday)) || start >= horizon_s_) continue;
    for (std::uint32_t a = first; a < agent; ++a) tour(a, start, shift.length_s);
  }
}

void ContactCentre::tour(std::uint32_t agent, double start_s, double length_s) {
  events_.schedule(start_s, kTourStartPriority, kTourStart, agent);
  tour_length_s_[agent] = length_s;  // its end is scheduled when it starts
}

std::uint32_t ContactCentre::week_interval(std::uint32_t interval) const {
  return static_cast<std::uint32_t>((start_weekday(spec_) * intervals_per_day_ + interval) % (7 * intervals_per_day_));
}

void ContactCentre::review_plan(std::uint64_t day, double t) {
  // The plan learns from the day before yesterday: its calls are booked in the interval they
  // were offered in, and by now they have all ended.
  if (day >= 2) {
    const auto first = static_cast<std::uint32_t>((day - 2) * intervals_per_day_);
    for (std::uint32_t k = first; k < first + intervals_per_day_; ++k)
      planner_.observe(week_interval(k), ledger_.at(k));
  }
  if (planner_.start_day(t) && spec_.workforce.enabled) hire_to_plan(t);
}

void ContactCentre::hire_to_plan(double t) {
  if (employee_days_since_review_ > 0.0) {
    // Quits are few in a week, so attrition is smoothed over a quarter (91 days) of reviews.
    const double observed = quits_since_review_ / employee_days_since_review_ * kDaysPerMonth;
    attrition_monthly_ += -std::expm1(-spec_.planning.period_days / 91.0) * (observed - attrition_monthly_);
  }
  quits_since_review_ = employee_days_since_review_ = 0.0;
  const double wanted = positions_for(planner_.headcount(planner_.latest()), attrition_monthly_, spec_.workforce);
  const double gap = std::ceil(wanted - 1e-9) - workforce_.positions();
  if (gap > 0.0) workforce_.open_positions(static_cast<std::uint32_t>(gap), t);
}

void ContactCentre::manage_interval(double t) {
  const std::uint32_t interval = ledger_.interval();
  if (interval % intervals_per_day_ == 0 && spec_.workforce.enabled) {
    quits_since_review_ += workforce_.today().quits;
    employee_days_since_review_ += workforce_.today().employed;
  }
  const double* last = interval > 0 ? ledger_.at(interval - 1) : nullptr;
  if (!planner_.active() && !spec_.intraday.enabled && spec_.agents.off_phone_share == 0.0) return;
  if (planner_.active()) ledger_.now()[kPlannedAgentS] += planner_.need(week_interval(interval)) * interval_s_;
  const IntradaySpec& in = spec_.intraday;
  const bool behind =
      in.enabled && last && last[kOffered] > 0.0 && last[kAnsweredWithinSl] / last[kOffered] < in.trigger_service_level;
  // Off-phone work goes on unless the centre is behind.
  const auto off =
      static_cast<std::uint32_t>(behind ? 0 : std::llround(spec_.agents.off_phone_share * floor_.present()));
  floor_.set_off_phone(off, t, joined_);
  agents_joined(t);
  if (behind) {  // overtime: agents whose tour ends before the next interval are asked to stay on
    const double block = in.overtime_block_hours * 3600.0;
    for (std::uint32_t a = 0; a < seats_.seats; ++a) {
      if (!(floor_.on_duty(a) && workforce_.available(a))) continue;
      if (!(tour_end_s_[a] > t && tour_end_s_[a] <= t + interval_s_)) continue;
      if (roster_.overtime_left_s(a) < block || !(sim::uniform(management_rng_) < in.overtime_uptake)) continue;
      tour_end_s_[a] += block;
      events_.schedule(tour_end_s_[a], kTourEndPriority, kTourEnd, a);
      roster_.add_overtime(a, block);
      workforce_.record_overtime(a, in.overtime_block_hours);
      ledger_.now()[kOvertimeAgentS] += block;
    }
  } else if (in.enabled && planner_.active() && last && ledger_.queued.level() == 0.0 &&
             last[kBusyAgentS] < in.vto_occupancy * last[kStaffedAgentS]) {
    // Voluntary time off: idle agents above the plan may go home for the rest of their tour.
    const std::uint32_t need = planner_.need(week_interval(interval));
    std::uint32_t surplus = floor_.on_phone() > need ? floor_.on_phone() - need : 0;
    for (std::uint32_t a : floor_.idle_agents(surplus)) {
      if (!(sim::uniform(management_rng_) < in.vto_uptake)) continue;
      const double rest = tour_end_s_[a] - t;
      if (!std::isfinite(rest)) continue;
      roster_.remove_hours(a, rest);
      ledger_.now()[kVtoAgentS] += rest;
      tour_end_s_[a] = t;
      floor_.tour_end(a, t);
    }
  }
}

}  // namespace cxsim::models
