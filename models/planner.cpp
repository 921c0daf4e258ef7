// The staffing plan: a table, or Erlang A on an exponentially smoothed forecast.
#include "models/planner.hpp"

#include <algorithm>
#include <cmath>

#include "models/behaviour.hpp"
#include "models/kpi.hpp"

namespace cxsim::models {

namespace {
// The most patient callers the plan assumes (a mean patience of a day), so that a week
// without abandons does not plan for callers who never hang up.
constexpr double kMinPatienceRate = 1.0 / kSecondsPerDay;
}  // namespace

Planner::Planner(const ScenarioSpec& spec, Forecast initial)
    : spec_(spec),
      per_day_(static_cast<std::uint32_t>(std::llround(kSecondsPerDay / interval_s(spec)))),
      interval_s_(interval_s(spec)),
      forecast_(std::move(initial)),
      next_review_s_(spec.planning.period_days * kSecondsPerDay),
      offered_(7 * per_day_, 0.0),
      seen_(7 * per_day_, 0.0) {
  if (spec.agents.staffing) {
    for (double agents : by_week_interval(spec.agents.staffing, per_day_, 0.0))
      need_.push_back(static_cast<std::uint32_t>(agents));
  } else if (spec.planning.enabled) {
    need_ = plan(spec, forecast_);
  }
}

std::vector<std::uint32_t> Planner::plan(const ScenarioSpec& spec, const Forecast& f) {
  const PlanningSpec& p = spec.planning;
  const double mu = 1.0 / f.handle_s, theta = std::max(f.patience_rate, kMinPatienceRate);
  std::vector<std::uint32_t> need;
  need.reserve(f.offered_per_s.size());
  for (double lambda : f.offered_per_s)
    need.push_back(agents_needed(lambda, mu, theta, spec.simulation.service_level_threshold_s, p.service_level_target,
                                 p.max_occupancy));
  return need;
}

std::vector<Tour> Planner::tours(const std::vector<std::uint32_t>& need, std::uint32_t weekday) const {
  const double on_phone = 1.0 - spec_.agents.off_phone_share;
  std::vector<std::uint32_t> rostered(per_day_);
  for (std::uint32_t k = 0; k < per_day_; ++k)
    rostered[k] = static_cast<std::uint32_t>(std::ceil(need[weekday * per_day_ + k] / on_phone - 1e-9));
  const auto slots = [&](double hours) {
    return std::max<std::uint32_t>(1, static_cast<std::uint32_t>(std::llround(hours * 3600.0 / interval_s_)));
  };
  return cover(rostered, slots(spec_.agents.tour_min_hours), slots(spec_.agents.tour_max_hours));
}

double Planner::headcount(const std::vector<std::uint32_t>& need) const {
  double hours = 0.0, count = 0.0;
  for (std::uint32_t d = 0; d < 7; ++d) {
    const std::vector<Tour> day = tours(need, d);
    count += static_cast<double>(day.size());
    for (const Tour& t : day) hours += (t.end - t.start) * interval_s_ / 3600.0;
  }
  const WorkforceSpec& w = spec_.workforce;
  const double present = w.enabled ? 1.0 - w.absence_probability : 1.0;
  // Whole tours rarely fill a contract: on average half the longest tour is left unused.
  const double usable_hours = std::max(w.contract_hours_week - 0.5 * spec_.agents.tour_max_hours, 1.0);
  return std::max(hours / usable_hours, count / w.contract_days_week) / present;
}

void Planner::observe(std::uint32_t week_interval, const double* c) {
  offered_[week_interval] += c[kOffered];
  seen_[week_interval] += 1.0;
  handled_ += c[kHandled];
  handle_s_ += c[kHandleTimeS];
  abandoned_ += c[kAbandoned];
  waited_s_ += c[kWaitAllS];
}

bool Planner::start_day(double t) {
  bool reviewed = false;
  if (spec_.planning.enabled && t >= next_review_s_) {
    next_review_s_ += spec_.planning.period_days * kSecondsPerDay;
    const double w = spec_.planning.forecast_weight;
    const auto smooth = [w](double& old, double observed) { old += w * (observed - old); };
    for (std::size_t k = 0; k < offered_.size(); ++k)
      if (seen_[k] > 0.0) smooth(forecast_.offered_per_s[k], offered_[k] / (seen_[k] * interval_s_));
    if (handled_ > 0.0) smooth(forecast_.handle_s, handle_s_ / handled_);
    if (waited_s_ > 0.0) smooth(forecast_.patience_rate, abandoned_ / waited_s_);
    std::fill(offered_.begin(), offered_.end(), 0.0);
    std::fill(seen_.begin(), seen_.end(), 0.0);
    handled_ = handle_s_ = abandoned_ = waited_s_ = 0.0;
    pending_.emplace_back(t + spec_.planning.lag_days * kSecondsPerDay, plan(spec_, forecast_));
    reviewed = true;
  }
  while (!pending_.empty() && pending_.front().first <= t) {
    need_ = std::move(pending_.front().second);
    pending_.pop_front();
  }
  return reviewed;
}

const std::vector<std::uint32_t>& Planner::latest() const { return pending_.empty() ? need_ : pending_.back().second; }

double positions_for(double headcount, double attrition_monthly, const WorkforceSpec& w) {
  const double lead_months = (w.hiring_delay_days + w.training_days) / kDaysPerMonth;
  return headcount * (1.0 + attrition_monthly * lead_months);
}

namespace {
// What reaches an agent of a type that offers self-service: the share of its callers not
// contained and their mean talk, self-service taking the simpler issues. Integrated over a
// fixed sample of the talk distribution (20,000 draws from a fixed stream: deterministic).
std::pair<double, double> not_contained(const ScenarioSpec& spec, const CallType& t, const Behaviour& behaviour) {
  if (t.containment <= 0.0 || spec.ivr.containment_selectivity == 0.0)
    return {1.0 - t.containment, t.handle_time.mean()};
  sim::Engine rng = sim::make_stream(0, 0, 0);
  constexpr int kDraws = 20000;
  double reached = 0.0, talk = 0.0;
  for (int i = 0; i < kDraws; ++i) {
    const double x = t.handle_time.sample(rng);
    const double p = 1.0 - behaviour.containment(t.containment, 1.0, x, t.median_talk_s);
    reached += p;
    talk += p * x;
  }
  return {reached / kDraws, reached > 0.0 ? talk / reached : t.handle_time.mean()};
}
}  // namespace

Forecast steady_forecast(const ScenarioSpec& spec, const std::vector<CallType>& types, const WeeklyRates& rates,
                         double scale) {
  // Calls that reach an agent per arrival of each type: all but those self-service contains
  // (callers who zero out skip it), and with customers on, the repeat contacts of the issues
  // left unresolved (a geometric chain: q/(1 − q) repeats per first contact).
  const double levels = spec.ivr.levels;
  const double zero_out = levels > 0 ? 1.0 - std::pow(1.0 - spec.ivr.zero_out_probability, levels) : 0.0;
  const WorkforceSpec& w = spec.workforce;
  // Whitt (2006): the staff's mean newness in steady state is κ/(m + κ), m the mean tenure.
  const double tenure_days = w.quit_rate_monthly > 0 ? kDaysPerMonth / w.quit_rate_monthly : 1e300;
  const double newness = w.enabled ? w.learning_time_days / (tenure_days + w.learning_time_days) : 0.0;
  const double multiplier = 1.0 + (w.new_hire_handle_time_factor - 1.0) * newness;
  const CustomersSpec& cs = spec.customers;
  const double fcr =
      cs.fcr - cs.new_hire_fcr_penalty * newness - cs.transfer_fcr_penalty * spec.ivr.misroute_probability;
  const double q = cs.enabled ? (1.0 - fcr) * cs.recontact_probability : 0.0;
  const double repeats = q / (1.0 - q);
  double shares = 0.0, offered = 0.0, talk = 0.0, patience = 0.0;
  const Behaviour behaviour(spec);
  for (const CallType& t : types) {
    // Zero-outs skip self-service and are a random share of callers.
    const auto [tried_reach, tried_talk] =
        levels > 0 ? not_contained(spec, t, behaviour) : std::pair{1.0, t.handle_time.mean()};
    const double reach_tried = t.share * (1.0 - zero_out) * tried_reach, reach_zero = t.share * zero_out;
    const double reach = reach_tried + reach_zero;
    const double mean_talk = (reach_tried * tried_talk + reach_zero * t.handle_time.mean()) / reach;
    shares += t.share;
    offered += reach * (1.0 + repeats);
    talk += reach * mean_talk * (1.0 + repeats * cs.repeat_handle_factor);
    patience += reach * (1.0 + repeats) * t.patience.mean();
  }
  Forecast f;
  f.handle_s = talk / offered * multiplier + spec.ivr.misroute_probability * spec.ivr.transfer_time_s +
               spec.service.after_call_work_s;
  f.patience_rate = 1.0 / (patience / offered);  // 0 when callers never hang up
  const auto per_day = static_cast<std::uint32_t>(std::llround(kSecondsPerDay / interval_s(spec)));
  for (std::uint32_t k = 0; k < 7 * per_day; ++k) {
    const auto slot = static_cast<std::size_t>(std::floor((k + 0.5) * interval_s(spec) / rates.slot_seconds)) %
                      rates.rate_per_hour.size();
    f.offered_per_s.push_back(scale * rates.rate_per_hour[slot] / 3600.0 * offered / shares);
  }
  return f;
}

}  // namespace cxsim::models
