// Setting up a replication, dispatching its events, starting its days and finishing the run.
#include "models/contact_centre.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <string>

namespace cxsim::models {

namespace {
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
}  // namespace

Seats seats(const ScenarioSpec& spec, const Planner& planner) {
  if (!planner.active()) {
    std::uint32_t n = 0;
    for (const Shift& s : shifts(spec.agents)) n += s.count;
    return {n, n};
  }
  const double needed = planner.headcount(planner.latest());
  if (!spec.planning.enabled) {
    const auto filled = static_cast<std::uint32_t>(std::ceil(needed - 1e-9));
    return {filled, filled};
  }
  // Positions for the plan's headcount and those being recruited, with room to hire more.
  const WorkforceSpec& w = spec.workforce;
  const double positions = positions_for(needed, w.enabled ? w.quit_rate_monthly : 0.0, w);
  const auto filled = static_cast<std::uint32_t>(std::ceil(positions - 1e-9));
  // Room to hire beyond the plan, and never fewer seats than the positions filled at the start
  // (high attrition over a long lead time can need more than max_headcount_factor allows).
  const auto room = static_cast<std::uint32_t>(std::ceil(needed * spec.planning.max_headcount_factor));
  return {std::max(room, filled), filled};
}

ContactCentre::ContactCentre(const ScenarioSpec& spec, std::uint64_t seed, std::uint32_t replication, CallSink* sink,
                             sim::Progress* progress, const Counterfactual& cf)
    : spec_(spec),
      cf_(cf),
      types_(call_types(spec)),
      behaviour_(spec),
      target_s_(spec.policy.aht_target_s.value_or(0.0)),
      usual_talk_s_(usual_talk(types_)),
      reference_target_s_(cf.reference ? cf.reference->policy.aht_target_s.value_or(0.0) : 0.0),
      horizon_s_(horizon_s(spec)),
      interval_s_(interval_s(spec)),
      arrivals_(weekly_rates(spec), start_weekday(spec)),
      sink_(sink),
      progress_(progress),
      arrival_rng_(sim::make_stream(seed, replication, kArrivalStream)),
      ivr_rng_(sim::make_stream(seed, replication, kIvrStream)),
      patience_rng_(sim::make_stream(seed, replication, kPatienceStream)),
      handle_rng_(sim::make_stream(seed, replication, kHandleStream)),
      redial_rng_(sim::make_stream(seed, replication, kRedialStream)),
      issue_rng_(sim::make_stream(seed, replication, kIssueStream)),
      caller_rng_(sim::make_stream(seed, replication, kCallerStream)),
      feedback_rng_(sim::make_stream(seed, replication, kFeedbackStream)),
      reference_rng_(sim::make_stream(seed, replication, kReferenceStream)),
      events_(interval_s_),
      n_intervals_(static_cast<std::uint32_t>(std::llround(horizon_s_ / interval_s_))),
      intervals_per_day_(static_cast<std::uint32_t>(std::llround(kSecondsPerDay / interval_s_))),
      talk_factor_(by_week_interval(spec.service.handle_time_profile, intervals_per_day_, 1.0)),
      ivr_(spec, intervals_per_day_),
      reference_ivr_(cf.reference ? *cf.reference : spec, intervals_per_day_),
      ivr_held_(cf_.holds_ivr()),
      redial_delay_(duration(spec.callers.redial_delay_dist, spec.callers.mean_redial_delay_s,
                             spec.callers.redial_delay_cv, spec.callers.redial_delay_table_s)),
      volume_factor_(spec.arrivals.daily_volume_cv > 0.0 ? sim::Distribution::gamma(1.0, spec.arrivals.daily_volume_cv)
                                                         : sim::Distribution::deterministic(1.0)),
      recontact_delay_(duration(spec.customers.recontact_delay_dist, spec.customers.mean_recontact_delay_s,
                                spec.customers.recontact_delay_cv, spec.customers.recontact_delay_table_s)),
      ledger_(n_intervals_, static_cast<std::uint32_t>(types_.size())),
      customers_(spec, behaviour_, sim::make_stream(seed, replication, kCustomerStream)),
      planner_(spec, steady_forecast(spec, types_, weekly_rates(spec), arrival_scale())),
      seats_(seats(spec, planner_)),
      roster_(spec, seats_.seats),
      workforce_(spec, seats_.seats, seats_.filled, sim::make_stream(seed, replication, kWorkforceStream),
                 sim::make_stream(seed, replication, kRecognitionStream), cf_),
      floor_(spec, ledger_, workforce_, seats_.seats),
      management_rng_(sim::make_stream(seed, replication, kManagementStream)),
      attrition_monthly_(spec.workforce.quit_rate_monthly),
      shifts_(shifts(spec.agents)),
      tour_length_s_(seats_.seats, 0.0),
      tour_end_s_(seats_.seats, 0.0) {
  double total_share = 0.0;
  std::uint8_t max_priority = 0;
  std::vector<double> shares;
  for (const CallType& t : types_) {
    total_share += t.share;
    shares.push_back(t.share);
    max_priority = std::max(max_priority, t.priority);
  }
  call_type_ = sim::Categorical(shares);
  for (const CallType& t : types_) mean_handle_s_ += t.share / total_share * t.handle_time.mean();
  mean_handle_s_ += spec.service.after_call_work_s;
  queues_.resize(max_priority + 1u);
}

std::vector<double> ContactCentre::run() {
  schedule_arrival(0.0);
  events_.schedule(interval_s_, kTickPriority, kTick, 0);
  start_day(0);
  manage_interval(0.0);
  sim::Event e;
  while (!done_ && events_.pop(e)) {
    // Every few thousand events: a cancelled run stops, also in the middle of a long day, and a
    // clock that stands still (durations near zero) stops the run instead of spinning forever.
    if ((++events_handled_ & 0xFFF) == 0) {
      if (progress_ && progress_->cancelled) throw sim::Cancelled();
      check_clock(e.time);
    }
    handle(e);
  }
  return std::move(ledger_).take();
}

void ContactCentre::check_clock(double t) {
  if (t - clock_checked_s_ >= 1.0) {
    clock_checked_s_ = t;
    events_since_check_ = 0;
    return;
  }
  events_since_check_ += 0x1000;
  if (events_since_check_ < kStalledEvents) return;
  const auto day = static_cast<std::uint64_t>(t / kSecondsPerDay);
  throw Overloaded("day " + std::to_string(day) + ": the simulated clock stands still (" +
                   std::to_string(events_since_check_) +
                   " events within one simulated second): durations or rates near their limits?");
}

void ContactCentre::handle(const sim::Event& e) {
  switch (e.kind) {
    case kTick: on_tick(e.time); break;
    case kTourStart:
      tour_end_s_[e.target] = e.time + tour_length_s_[e.target];
      if (std::isfinite(tour_end_s_[e.target]))
        events_.schedule(tour_end_s_[e.target], kTourEndPriority, kTourEnd, e.target);
      floor_.tour_start(e.target, e.time, joined_);
      agents_joined(e.time);
      break;
    case kTourEnd:
      if (e.time == tour_end_s_[e.target]) floor_.tour_end(e.target, e.time);
      break;
    case kServiceEnd: on_service_end(e.target, e.time); break;
    case kWrapEnd:
      floor_.end_work(e.time);
      agent_available(e.target, e.time);
      break;
    case kAbandon: on_abandon(e.target, e.time); break;
    case kArrival: on_arrival(e.time); break;
    case kIvrDone: on_ivr_done(e.target, e.time); break;
    case kRedial: on_follow_up(e.target, e.time, false); break;
    case kRecontact: on_follow_up(e.target, e.time, true); break;
  }
}

void ContactCentre::agents_joined(double t) {
  for (std::uint32_t agent : joined_) agent_available(agent, t);
  joined_.clear();
}

void ContactCentre::on_tick(double t) {
  ledger_.close_interval(t);
  const std::uint32_t interval = ledger_.interval();
  if (interval % intervals_per_day_ == 0 || interval == n_intervals_) {
    if (progress_) ++progress_->done;
  }
  if (interval == n_intervals_) {
    finish(t);
    done_ = true;
    return;
  }
  if (interval % intervals_per_day_ == 0) start_day(interval / intervals_per_day_);
  manage_interval(t);
  events_.schedule(static_cast<double>(interval + 1) * interval_s_, kTickPriority, kTick, 0);
}

void ContactCentre::start_day(std::uint64_t day) {
  const auto weekday = static_cast<std::uint32_t>((start_weekday(spec_) + day) % 7);
  const double day_start = static_cast<double>(day) * kSecondsPerDay;
  start_policy_day(day, day_start);
  if (planner_.active()) review_plan(day, day_start);  // positions opened today are filled in the workforce's day
  floor_.start_day(day_start, joined_, panel_);
  agents_joined(day_start);
  if (spec_.customers.enabled) {
    if (day > 0) customers_.take_day(segment_days_);  // the day that ended
    const auto [positive, negative] = customers_.mentions();
    const auto [churned, acquired] = customers_.start_day(day_start);
    double* c = ledger_.now();
    c[kMentionsPositive] += positive;
    c[kMentionsNegative] += negative;
    c[kChurnedBaseline] += churned;
    c[kAcquired] += acquired;
    book_churn_value(day_start);
    ledger_.active_customers.set(day_start, customers_.active());
    ledger_.active_value.set(day_start, customers_.monthly_value_active());
  }
  if (volume_rescaled_daily()) {
    // Today's volume: the active base's issues and a random factor (mean 1) for the day.
    const bool random = spec_.arrivals.daily_volume_cv > 0.0;
    arrivals_.set_scale(arrival_scale() * (random ? volume_factor_.sample(arrival_rng_) : 1.0));
    events_.cancel(next_arrival_);
    schedule_arrival(day_start);  // exact: the process is memoryless
  }
  schedule_tours(day, weekday, day_start);
}

void ContactCentre::start_policy_day(std::uint64_t day, double t) {
  const PolicySpec& p = spec_.policy;
  // The reference's target (when channels are held at its values) follows the same rules,
  // eroding toward the same observed talk.
  const PolicySpec& r = cf_.reference ? cf_.reference->policy : p;
  policy_on_ = day >= static_cast<std::uint64_t>(p.start_day);
  reference_policy_on_ = day >= static_cast<std::uint64_t>(r.start_day);
  if (talks_today_ > 0.0) {  // yesterday's mean talk: what peers usually take, and where the target erodes to
    usual_talk_s_ = talk_s_today_ / talks_today_;
    if (policy_on_ && p.aht_target_erosion_days && target_s_ > 0.0)
      target_s_ = eroded_target(target_s_, usual_talk_s_, *p.aht_target_erosion_days);
    if (reference_policy_on_ && r.aht_target_erosion_days && reference_target_s_ > 0.0)
      reference_target_s_ = eroded_target(reference_target_s_, usual_talk_s_, *r.aht_target_erosion_days);
  }
  talk_s_today_ = talks_today_ = 0.0;
  pressure_ = policy_on_ ? aht_pressure(spec_, target_s_, usual_talk_s_) : AhtPressure{};
  if (cf_.reference)
    reference_pressure_ =
        reference_policy_on_ ? aht_pressure(*cf_.reference, reference_target_s_, usual_talk_s_) : AhtPressure{};
  ledger_.aht_target.set(t, pressure_.target_s);
  workforce_.set_policy(policy_on_, reference_policy_on_, t);
}

double ContactCentre::arrival_scale() const {
  if (!(spec_.customers.enabled && spec_.customers.issues_per_month)) return 1.0;
  // The profile is a shape with mean 1 call/h; the volume follows the active base.
  return customers_.issue_weight() * (*spec_.customers.issues_per_month / kSecondsPerMonth) * 3600.0;
}

std::uint32_t ContactCentre::new_call() {
  if (!free_calls_.empty()) {
    const std::uint32_t slot = free_calls_.back();
    free_calls_.pop_back();
    return slot;
  }
  if (calls_.size() >= static_cast<std::size_t>(spec_.simulation.max_calls_in_system)) {
    const auto day = static_cast<std::uint64_t>(ledger_.interval() / intervals_per_day_);
    throw Overloaded("day " + std::to_string(day) + ": more than " +
                     std::to_string(spec_.simulation.max_calls_in_system) + " calls in the system (" +
                     std::to_string(static_cast<std::uint64_t>(ledger_.queued.level())) +
                     " waiting for an agent): the centre cannot keep up; add staff, or raise "
                     "simulation.max_calls_in_system");
  }
  calls_.emplace_back();
  return static_cast<std::uint32_t>(calls_.size() - 1);
}

void ContactCentre::finish(double t) {
  floor_.finish(t, panel_);  // the last day's panel row
  if (spec_.customers.enabled) customers_.take_day(segment_days_);
  double* last = ledger_.at(n_intervals_ - 1);
  last[kIssuesOpenAtEnd] = customers_.open_issues();
  const auto [positive, negative] = customers_.mentions();  // the last day's, not yet booked
  last[kMentionsPositive] += positive;
  last[kMentionsNegative] += negative;
  last[kCustomersAtEnd] = customers_.active();
  for (const Call& c : calls_) {
    switch (c.state) {
      case CallState::InIvr:
        ledger_.at(c.arrival_interval)[kInIvrAtEnd] += 1.0;
        emit(c, Outcome::InSystem, kNaN, kNaN, t, -1);
        break;
      case CallState::Waiting:
        ledger_.at(c.offer_interval)[kInQueueAtEnd] += 1.0;
        emit(c, Outcome::InSystem, t - c.offer_s, kNaN, t, -1);
        break;
      default: break;  // calls in service are below; redials not yet made are no attempt yet
    }
  }
  const auto& on_call = floor_.calls();
  for (std::uint32_t a = 0; a < on_call.size(); ++a) {
    if (on_call[a] == kNone) continue;
    const Call& c = calls_[on_call[a]];  // answered, service not complete
    emit(c, Outcome::Answered, c.answer_s - c.offer_s, kNaN, t, static_cast<std::int32_t>(a));
  }
}

void ContactCentre::emit(const Call& c, Outcome outcome, double wait_s, double handle_s, double end_s,
                         std::int32_t agent, bool resolved, std::uint8_t csat) {
  if (!sink_) return;
  const bool offered = outcome == Outcome::Answered || outcome == Outcome::Abandoned ||
                       (outcome == Outcome::InSystem && c.state == CallState::Waiting);
  const std::int64_t customer = c.customer == kNone ? -1 : static_cast<std::int64_t>(c.customer);
  sink_->record(CallRecord{c.id, c.first_id, customer, c.arrival_s, offered ? c.offer_s : kNaN, wait_s, handle_s, end_s,
                           outcome == Outcome::Answered ? c.compression : 0.0, agent, c.attempt, c.type,
                           static_cast<std::uint8_t>(outcome), c.misrouted, c.zero_out, c.contact,
                           static_cast<std::uint8_t>(resolved), csat, offered ? c.frustration : 0.0f});
}

}  // namespace cxsim::models
