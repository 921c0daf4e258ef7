// The event handlers of one contact-centre replication.
#include "models/contact_centre.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

namespace cxsim::models {

namespace {
constexpr std::uint32_t kNone = std::numeric_limits<std::uint32_t>::max();
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// Event priorities at equal times: bookkeeping first, then agents leaving and freeing up,
// then agents arriving, then callers giving up, then new calls.
constexpr std::uint8_t kTickPriority = 0;
constexpr std::uint8_t kShiftEndPriority = 1;
constexpr std::uint8_t kServicePriority = 2;
constexpr std::uint8_t kShiftStartPriority = 3;
constexpr std::uint8_t kAbandonPriority = 4;
constexpr std::uint8_t kCallPriority = 5;
constexpr double kSecondsPerMonth = 30.44 * kSecondsPerDay;

std::uint32_t seat_count(const ScenarioSpec& spec) {
  std::uint32_t n = 0;
  for (const auto& s : spec.shifts) n += s.count;
  return n;
}
}  // namespace

ContactCentre::ContactCentre(const ScenarioSpec& spec, std::uint64_t seed,
                             std::uint32_t replication, CallSink* sink, sim::Progress* progress)
    : spec_(spec),
      arrivals_(spec.arrivals, spec.start_weekday),
      sink_(sink),
      progress_(progress),
      arrival_rng_(sim::make_stream(seed, replication, kArrivalStream)),
      ivr_rng_(sim::make_stream(seed, replication, kIvrStream)),
      patience_rng_(sim::make_stream(seed, replication, kPatienceStream)),
      handle_rng_(sim::make_stream(seed, replication, kHandleStream)),
      redial_rng_(sim::make_stream(seed, replication, kRedialStream)),
      events_(spec.interval_s),
      workforce_(spec.workforce, seat_count(spec), sim::make_stream(seed, replication, kWorkforceStream)),
      customers_(spec.customers, spec.horizon_s, sim::make_stream(seed, replication, kCustomerStream)),
      issue_rng_(sim::make_stream(seed, replication, kIssueStream)),
      caller_rng_(sim::make_stream(seed, replication, kCallerStream)),
      feedback_rng_(sim::make_stream(seed, replication, kFeedbackStream)) {
  n_intervals_ = static_cast<std::uint32_t>(std::llround(spec.horizon_s / spec.interval_s));
  intervals_per_day_ = static_cast<std::uint32_t>(std::llround(kSecondsPerDay / spec.interval_s));
  counters_.assign(static_cast<std::size_t>(n_intervals_) * kCounterCount, 0.0);

  double total_share = 0.0;
  std::uint8_t max_priority = 0;
  std::vector<double> shares;
  for (const auto& t : spec.call_types) {
    total_share += t.share;
    shares.push_back(t.share);
    max_priority = std::max(max_priority, t.priority);
  }
  call_type_ = sim::Categorical(shares);
  for (const auto& t : spec.call_types) mean_handle_s_ += t.share / total_share * t.handle_time.mean();
  mean_handle_s_ += spec.after_call_work_s;
  zero_out_by_last_level_ = 1.0 - std::pow(1.0 - spec.ivr.zero_out_probability, spec.ivr.levels);
  const double p_hostile = spec.hostile_probability;
  if (p_hostile > 0.0 && p_hostile < 1.0) hostile_logit_ = std::log(p_hostile / (1.0 - p_hostile));
  queues_.resize(max_priority + 1u);

  std::uint32_t n_agents = 0;
  for (std::uint32_t s = 0; s < spec.shifts.size(); ++s) {
    shift_first_agent_.push_back(n_agents);
    n_agents += spec.shifts[s].count;
    agent_shift_.resize(n_agents, s);
  }
  shift_on_.assign(spec.shifts.size(), 0);
  floor_since_.assign(n_agents, 0.0);
  agent_state_.assign(n_agents, AgentState::Off);
  agent_leaving_.assign(n_agents, 0);
  agent_call_.assign(n_agents, kNone);
  idle_prev_.assign(n_agents, kNone);
  idle_next_.assign(n_agents, kNone);
  idle_head_ = idle_tail_ = kNone;
}

std::vector<double> ContactCentre::run() {
  schedule_arrival(0.0);
  events_.schedule(spec_.interval_s, kTickPriority, kTick, 0);
  start_day(0);
  sim::Event e;
  while (!done_ && events_.pop(e)) {
    ++events_handled_;
    handle(e);
  }
  return std::move(counters_);
}

void ContactCentre::handle(const sim::Event& e) {
  switch (e.kind) {
    case kTick: on_tick(e.time); break;
    case kShiftStart: shift_start(e.target, e.time); break;
    case kShiftEnd: shift_end(e.target, e.time); break;
    case kServiceEnd: on_service_end(e.target, e.time); break;
    case kWrapEnd:
      busy_.add(e.time, -1.0);
      agent_available(e.target, e.time);
      break;
    case kAbandon: on_abandon(e.target, e.time); break;
    case kArrival: on_arrival(e.time); break;
    case kIvrDone: on_ivr_done(e.target, e.time); break;
    case kRedial: on_redial(e.target, e.time); break;
    case kRecontact: on_recontact(e.target, e.time); break;
  }
}

void ContactCentre::on_tick(double t) {
  double* c = counters(interval_);
  const MoneySpec& money = spec_.money;
  c[kBusyAgentS] += busy_.take(t);
  const double staffed_s = staffed_.take(t), queued_s = queued_.take(t);
  c[kStaffedAgentS] += staffed_s;
  c[kQueueCallS] += queued_s;
  c[kCostLabour] += staffed_s / 3600.0 * money.wage_per_hour;
  c[kCostTelephony] += queued_s / 60.0 * money.cost_per_queue_minute +
                       c[kIvrCallS] / 60.0 * money.cost_per_ivr_minute;
  c[kRevenue] += active_value_.take(t) / kSecondsPerMonth;
  c[kEmployedAgentS] += employed_.take(t);
  c[kTrainingAgentS] += training_.take(t);
  c[kVacantSeatS] += vacant_.take(t);
  c[kAbsentAgentS] += absent_.take(t);
  c[kActiveEmployeeS] += active_.take(t);
  c[kMultiplierSumS] += multiplier_sum_.take(t);
  c[kActiveCustomerS] += active_customers_.take(t);
  c[kExhaustionSumS] += exhaustion_sum_.take(t);
  c[kEngagementSumS] += engagement_sum_.take(t);
  ++interval_;
  if (interval_ % intervals_per_day_ == 0 || interval_ == n_intervals_) {
    if (progress_) {
      ++progress_->done;
      if (progress_->cancelled) throw sim::Cancelled();
    }
  }
  if (interval_ == n_intervals_) {
    finish(t);
    done_ = true;
    return;
  }
  if (interval_ % intervals_per_day_ == 0) start_day(interval_ / intervals_per_day_);
  events_.schedule(static_cast<double>(interval_ + 1) * spec_.interval_s, kTickPriority, kTick, 0);
}

void ContactCentre::start_day(std::uint64_t day) {
  const auto weekday = static_cast<std::uint32_t>((spec_.start_weekday + day) % 7);
  const double day_start = static_cast<double>(day) * kSecondsPerDay;
  apply_workforce(day_start);
  if (spec_.customers.enabled) {
    const auto [positive, negative] = customers_.mentions();
    const auto [churned, acquired] = customers_.start_day(day_start);
    double* c = counters(interval_);
    c[kMentionsPositive] += positive;
    c[kMentionsNegative] += negative;
    c[kChurnedBaseline] += churned;
    c[kAcquired] += acquired;
    book_churn_value(day_start);
    active_customers_.set(day_start, customers_.active());
    active_value_.set(day_start, customers_.monthly_value_active());
    if (spec_.customers.issues_per_customer_per_s > 0.0) {
      // The profile is a shape with mean 1 call/h; today's volume follows the active base.
      arrivals_.set_scale(customers_.issue_weight() * spec_.customers.issues_per_customer_per_s * 3600.0);
      events_.cancel(next_arrival_);
      schedule_arrival(day_start);  // exact: the process is memoryless
    }
  }
  for (std::uint32_t s = 0; s < spec_.shifts.size(); ++s) {
    const ShiftSpec& shift = spec_.shifts[s];
    if (std::isinf(shift.length_s)) {  // on duty from its first start to the horizon
      if (day == 0) events_.schedule(shift.start_s, kShiftStartPriority, kShiftStart, s);
      continue;
    }
    if (!(shift.weekdays & (1u << weekday))) continue;
    const double start = day_start + shift.start_s;
    if (start >= spec_.horizon_s) continue;
    events_.schedule(start, kShiftStartPriority, kShiftStart, s);
    events_.schedule(start + shift.length_s, kShiftEndPriority, kShiftEnd, s);
  }
}

std::uint32_t ContactCentre::new_call() {
  if (!free_calls_.empty()) {
    const std::uint32_t slot = free_calls_.back();
    free_calls_.pop_back();
    return slot;
  }
  calls_.emplace_back();
  return static_cast<std::uint32_t>(calls_.size() - 1);
}

void ContactCentre::schedule_arrival(double t) {
  const double next = arrivals_.next(t, spec_.horizon_s, arrival_rng_);
  if (!std::isfinite(next)) return;
  next_arrival_ = events_.schedule_timer(next, kCallPriority, kArrival, 0);
  // The caller is drawn now so that their record is in cache when the call arrives.
  if (spec_.customers.enabled && customers_.active() > 0) next_customer_ = customers_.draw();
}

void ContactCentre::on_arrival(double t) {
  const std::uint32_t slot = new_call();
  Call& c = calls_[slot];
  c = Call{};
  c.customer = kNone;
  c.contact = 1;
  c.attempt = 1;
  c.arrival_s = t;
  c.arrival_interval = interval_;
  c.type = static_cast<std::uint8_t>(call_type_.draw(arrival_rng_));
  const CallTypeSpec& type = spec_.call_types[c.type];
  c.patience_s = type.patience.sample(patience_rng_);
  c.talk_s = type.handle_time.sample(handle_rng_);
  c.u_hostile = hostility_draw(caller_rng_);
  if (spec_.customers.enabled) {
    // The call comes from a customer drawn uniformly among the active; one with an issue
    // already open does not raise another.
    std::uint32_t customer = customers_.callers() > 0 ? next_customer_ : kNone;
    while (customer != kNone && !customers_.accept_caller(customer)) customer = customers_.draw();
    if (customer == kNone || customers_.has_open_issue(customer)) {
      free_call(slot);
      schedule_arrival(t);
      return;
    }
    customers_.open_issue(customer);
    calls_[slot].customer = customer;
    counters(interval_)[kIssuesOpened] += 1.0;
  }
  Call& call = calls_[slot];
  call.id = call.first_id = next_call_id_++;
  counters(interval_)[kArrivals] += 1.0;
  enter_ivr(slot, t, true);
  schedule_arrival(t);
}

void ContactCentre::enter_ivr(std::uint32_t slot, double t, bool first_attempt) {
  const IvrSpec& ivr = spec_.ivr;
  Call& c = calls_[slot];
  c.state = CallState::InIvr;
  if (ivr.levels == 0) {
    offer(slot, t);
    return;
  }
  // Always three draws per attempt, whatever the outcome, to keep the stream aligned.
  sim::Engine& rng = first_attempt ? ivr_rng_ : redial_rng_;
  const double u_contain = sim::uniform(rng);
  const double u_misroute = sim::uniform(rng);
  const double u_zero = sim::uniform(rng);
  std::uint32_t levels = ivr.levels;
  c.zero_out = false;
  if (ivr.zero_out_probability > 0.0 &&
      u_zero < zero_out_by_last_level_) {
    // Zeroed out at level k with P(no zero-out by level k) = (1 - p)^k.
    const double k = std::ceil(std::log1p(-u_zero) / std::log1p(-ivr.zero_out_probability));
    levels = std::clamp(static_cast<std::uint32_t>(k), 1u, ivr.levels);
    c.zero_out = true;
    counters(interval_)[kZeroOuts] += 1.0;
  }
  // A redialling caller wants an agent and does not try self-service again; one who tried it
  // and was not served by it failed at self-service.
  const bool tried = first_attempt && !c.zero_out && spec_.call_types[c.type].containment > 0.0;
  c.contained = tried && u_contain < spec_.call_types[c.type].containment;
  c.self_service_failed = tried && !c.contained;
  c.ivr_levels = static_cast<std::uint8_t>(levels);
  c.misrouted = u_misroute < ivr.misroute_probability;
  counters(interval_)[kIvrCallS] += levels * ivr.seconds_per_level;
  events_.schedule(t + levels * ivr.seconds_per_level, kCallPriority, kIvrDone, slot);
}

void ContactCentre::on_ivr_done(std::uint32_t slot, double t) {
  Call& c = calls_[slot];
  if (!c.contained) {
    offer(slot, t);
    return;
  }
  counters(c.arrival_interval)[kContained] += 1.0;
  emit(c, Outcome::Contained, kNaN, kNaN, t, -1);
  if (c.customer != kNone)
    close_issue(c.customer, c.contact == 1 ? IssueEnd::FirstContact : IssueEnd::ResolvedLater, t);
  free_call(slot);
}

void ContactCentre::offer(std::uint32_t slot, double t) {
  Call& c = calls_[slot];
  c.offer_s = t;
  c.offer_interval = interval_;
  c.callback = false;
  const FrustrationSpec& f = spec_.frustration;
  c.frustration = f.enabled ? static_cast<float>(f.per_ivr_level * c.ivr_levels + f.misroute * c.misrouted +
                                                 f.failed_self_service * c.self_service_failed +
                                                 f.per_abandon * (c.attempt - 1) + f.per_repeat * (c.contact - 1))
                            : 0.0f;
  if (c.customer != kNone)
    customers_.add_effort(c.customer, spec_.customers.effort_per_ivr_level * c.ivr_levels +
                                          spec_.customers.effort_failed_self_service * c.self_service_failed);
  double* cnt = counters(interval_);
  cnt[kOffered] += 1.0;
  if (idle_head_ != kNone) {
    const std::uint32_t agent = idle_head_;
    idle_remove(agent);
    answer(agent, slot, t);
    return;
  }
  cnt[kWaited] += 1.0;
  c.state = CallState::Waiting;
  queues_[spec_.call_types[c.type].priority].push_back(QueueEntry{slot, c.id});
  queued_.add(t, 1.0);
  const CallbackSpec& cb = spec_.callback;
  if (cb.enabled) {
    const double expected_wait = queued_.level() * mean_handle_s_ / std::max(1.0, staffed_.level());
    const double u = sim::uniform(caller_rng_);  // drawn whenever the caller has to wait
    c.callback = expected_wait > cb.threshold_s && u < cb.acceptance;
    cnt[kCallbacks] += c.callback ? 1.0 : 0.0;
  }
  if (std::isfinite(c.patience_s) && !c.callback) {
    // Frustrated callers give up sooner: the patience hazard rises by e^(effect·F).
    const double patience = c.patience_s * std::exp(-spec_.frustration.patience_effect * c.frustration);
    c.abandon = events_.schedule_timer(t + patience, kAbandonPriority, kAbandon, slot);
  }
}

float ContactCentre::hostility_draw(sim::Engine& rng) {
  if (!spec_.workforce.enabled || !(spec_.hostile_probability > 0.0)) return 2.0f;  // never hostile
  return static_cast<float>(sim::uniform(rng));
}

double ContactCentre::felt_wait(const Call& c) const {
  const double wait = c.answer_s - c.offer_s;
  return c.callback ? wait * spec_.callback.wait_weight : wait;
}

void ContactCentre::answer(std::uint32_t agent, std::uint32_t slot, double t) {
  Call& c = calls_[slot];
  const double wait = t - c.offer_s;
  double* cnt = counters(c.offer_interval);
  cnt[kAnswered] += 1.0;
  cnt[kWaitAnsweredS] += wait;
  cnt[kWaitAllS] += wait;
  if (wait <= spec_.service_level_s) cnt[kAnsweredWithinSl] += 1.0;
  if (c.misrouted) cnt[kTransferred] += 1.0;
  if (c.state == CallState::Waiting) events_.cancel(c.abandon);
  c.state = CallState::InService;
  c.answer_s = t;
  // Hostility: the caller's draw against a chance that rises with frustration, waiting included.
  const FrustrationSpec& f = spec_.frustration;
  const double felt = f.enabled ? c.frustration + f.per_wait_unit * felt_wait(c) / spec_.customers.effort_wait_unit_s
                                : 0.0;
  double p_hostile = spec_.hostile_probability;
  if (felt > 0.0 && p_hostile > 0.0 && p_hostile < 1.0) {
    p_hostile = 1.0 / (1.0 + std::exp(-(hostile_logit_ + f.hostile_effect * felt)));
  }
  c.hostile = c.u_hostile < p_hostile;
  c.frustration_answered = static_cast<float>(felt);
  agent_state_[agent] = AgentState::Busy;
  agent_call_[agent] = slot;
  busy_.add(t, 1.0);
  // Talk the call needs with this agent; under an AHT target the agent cuts a share of the
  // excess over the target, and the cut share is the call's compression.
  const double needed = c.talk_s * workforce_.talk_multiplier(agent);
  double talk = needed;
  c.compression = 0.0;
  if (spec_.policy.aht_target_s > 0.0 && needed > spec_.policy.aht_target_s) {
    talk = needed - spec_.policy.aht_compression * (needed - spec_.policy.aht_target_s);
    c.compression = 1.0 - talk / needed;
  }
  const double service = talk + (c.misrouted ? spec_.ivr.transfer_time_s : 0.0);
  events_.schedule(t + service, kServicePriority, kServiceEnd, agent);
}

void ContactCentre::on_service_end(std::uint32_t agent, double t) {
  const std::uint32_t slot = agent_call_[agent];
  const Call c = calls_[slot];
  const double handle = (t - c.answer_s) + spec_.after_call_work_s;
  double* cnt = counters(c.offer_interval);
  cnt[kHandled] += 1.0;
  cnt[kHandleTimeS] += handle;
  cnt[kCompressionSum] += c.compression;
  cnt[kHostileCalls] += c.hostile ? 1.0 : 0.0;
  cnt[kFrustrationSum] += c.frustration_answered;
  if (spec_.workforce.enabled)
    workforce_.record_call(agent, c.hostile, c.compression, handle,
                           spec_.frustration.exhaustion_per_unit * c.frustration_answered);
  bool resolved = false;
  if (c.customer != kNone) {
    const CustomerSpec& cs = spec_.customers;
    double p = cs.fcr - cs.new_hire_fcr_penalty * workforce_.newness(agent) -
               (c.misrouted ? cs.transfer_fcr_penalty : 0.0);
    // Pressure and the people involved act on the logit scale, so p stays a probability.
    const double shift = -spec_.policy.compression_resolution_effect * c.compression -
                         cs.resolution_exhaustion_effect * (workforce_.exhaustion(agent) - 1.0) +
                         cs.resolution_engagement_effect * workforce_.engagement(agent) -
                         (c.hostile ? cs.resolution_hostile_effect : 0.0);
    if (shift != 0.0) {
      const double q = std::clamp(p, 1e-9, 1.0 - 1e-9);
      p = 1.0 / (1.0 + std::exp(-(std::log(q / (1.0 - q)) + shift)));
    }
    resolved = sim::uniform(issue_rng_) < p;
    customers_.add_effort(c.customer, felt_wait(c) / cs.effort_wait_unit_s + (c.misrouted ? 1.0 : 0.0));
  }
  const std::uint8_t csat = spec_.satisfaction.enabled && c.customer != kNone ? score(c, agent, resolved) : 0;
  if (spec_.workforce.enabled) workforce_.record_outcome(agent, csat, resolved);
  emit(c, Outcome::Answered, c.answer_s - c.offer_s, handle, t, static_cast<std::int32_t>(agent), resolved, csat);
  free_call(slot);
  if (c.customer != kNone) {
    if (resolved)
      close_issue(c.customer, c.contact == 1 ? IssueEnd::FirstContact : IssueEnd::ResolvedLater, t);
    else
      unresolved_contact(c, t);
  }
  agent_call_[agent] = kNone;
  if (spec_.after_call_work_s > 0.0) {
    agent_state_[agent] = AgentState::Wrap;
    events_.schedule(t + spec_.after_call_work_s, kServicePriority, kWrapEnd, agent);
    return;
  }
  busy_.add(t, -1.0);
  agent_available(agent, t);
}

void ContactCentre::on_abandon(std::uint32_t slot, double t) {
  Call& c = calls_[slot];
  const double wait = t - c.offer_s;
  queued_.add(t, -1.0);
  double* cnt = counters(c.offer_interval);
  cnt[kAbandoned] += 1.0;
  cnt[kWaitAllS] += wait;
  if (wait < spec_.short_abandon_s) cnt[kAbandonedShort] += 1.0;
  if (wait <= spec_.service_level_s) cnt[kAbandonedWithinSl] += 1.0;
  emit(c, Outcome::Abandoned, wait, kNaN, t, -1);
  const Call caller = c;  // new_call() below may reallocate calls_
  if (caller.customer != kNone)
    customers_.add_effort(caller.customer, wait / spec_.customers.effort_wait_unit_s + 1.0);

  if (spec_.redial.probability > 0.0 && sim::uniform(redial_rng_) < spec_.redial.probability) {
    const double at = t + spec_.redial.delay.sample(redial_rng_);
    const std::uint32_t r = new_call();
    Call& next = calls_[r];
    next = Call{};
    next.first_id = caller.first_id;
    next.attempt = static_cast<std::uint16_t>(caller.attempt + 1);
    next.type = caller.type;
    next.customer = caller.customer;
    next.contact = caller.contact;
    next.u_hostile = caller.u_hostile;
    next.talk_s = caller.talk_s;  // the same issue needs the same work
    next.patience_s = spec_.call_types[caller.type].patience.sample(redial_rng_);
    next.state = CallState::RedialPending;
    if (at < spec_.horizon_s)
      events_.schedule(at, kCallPriority, kRedial, r);
    else
      free_call(r);  // the customer's issue stays open at the horizon
  } else if (caller.customer != kNone) {
    unresolved_contact(caller, t);
  }
  free_call(slot);  // its queue entry is now stale and will be skipped
}

void ContactCentre::unresolved_contact(const Call& c, double t) {
  const CustomerSpec& cs = spec_.customers;
  if (sim::uniform(issue_rng_) >= cs.recontact_probability) {
    close_issue(c.customer, IssueEnd::Unresolved, t);
    return;
  }
  const double at = arrivals_.after_in_profile_time(t, cs.recontact_delay.sample(issue_rng_));
  const double patience = spec_.call_types[c.type].patience.sample(issue_rng_);
  if (!(at < spec_.horizon_s)) return;  // the issue is still open at the horizon
  const std::uint32_t r = new_call();
  Call& next = calls_[r];
  next = Call{};
  next.type = c.type;
  next.customer = c.customer;
  next.contact = static_cast<std::uint8_t>(std::min(c.contact + 1, 255));
  next.attempt = 1;
  next.talk_s = c.talk_s * cs.repeat_handle_factor;  // a repeat contact takes longer
  next.u_hostile = hostility_draw(issue_rng_);
  next.patience_s = patience;
  next.state = CallState::RecontactPending;
  events_.schedule(at, kCallPriority, kRecontact, r);
}

void ContactCentre::on_recontact(std::uint32_t slot, double t) {
  Call& c = calls_[slot];
  c.id = c.first_id = next_call_id_++;
  c.arrival_s = t;
  c.arrival_interval = interval_;
  double* cnt = counters(interval_);
  cnt[kArrivals] += 1.0;
  cnt[kRepeatContacts] += 1.0;
  customers_.add_contact(c.customer);
  customers_.add_effort(c.customer, 1.0);
  enter_ivr(slot, t, false);
}

void ContactCentre::close_issue(std::uint32_t customer, IssueEnd end, double t) {
  double* cnt = counters(interval_);
  cnt[end == IssueEnd::FirstContact    ? kIssuesFirstContact
      : end == IssueEnd::ResolvedLater ? kIssuesResolvedLater
                                       : kIssuesUnresolved] += 1.0;
  if (customers_.close_issue(customer, end, t)) {
    cnt[kChurnedService] += 1.0;
    active_customers_.add(t, -1.0);
    active_value_.set(t, customers_.monthly_value_active());
    book_churn_value(t);
  }
}

std::uint8_t ContactCentre::score(const Call& c, std::uint32_t agent, bool resolved) {
  const SatisfactionSpec& s = spec_.satisfaction;
  const double wait_units = felt_wait(c) / spec_.customers.effort_wait_unit_s;
  const double latent = s.resolution_effect * (resolved ? 1.0 : 0.0) - s.repeat_effect * (c.contact - 1) -
                        s.wait_effect * wait_units - s.transfer_effect * (c.misrouted ? 1.0 : 0.0) +
                        s.engagement_effect * workforce_.engagement(agent) -
                        s.exhaustion_effect * (workforce_.exhaustion(agent) - 1.0) -
                        s.hostile_effect * (c.hostile ? 1.0 : 0.0) -
                        spec_.frustration.satisfaction_effect * c.frustration_answered;
  // Three draws per scored call, whatever happens: the noise, praise, complaint.
  const double u = std::clamp(sim::uniform(feedback_rng_), 1e-12, 1.0 - 1e-12);
  const double u_praise = sim::uniform(feedback_rng_), u_complaint = sim::uniform(feedback_rng_);
  const double noisy = latent + std::log(u / (1.0 - u));  // standard logistic noise
  std::uint8_t csat = 1;
  for (double cut : s.cutpoints) csat += noisy > cut ? 1 : 0;
  double* cnt = counters(interval_);
  cnt[kCsatSum] += csat;
  cnt[kCsatCount] += 1.0;
  if (csat == 5) {
    cnt[kTopBox] += 1.0;
    if (u_praise < std::min(1.0, s.praise_probability * s.praise_solicitation)) {
      cnt[kPraise] += 1.0;
      // Which captured praise is forwarded is decided from the same draw, so the forwarded
      // praise is a fixed share of the captured.
      if (u_praise < std::min(1.0, s.praise_probability * s.praise_solicitation) * s.praise_forwarded_share) {
        cnt[kPraiseForwarded] += 1.0;
        workforce_.record_praise(agent);
      }
    }
  } else if (csat <= 2 && u_complaint < s.complaint_probability) {
    cnt[kComplaints] += 1.0;
  }
  return csat;
}

void ContactCentre::book_churn_value(double t) {
  const double monthly = customers_.take_churned_value();
  double* cnt = counters(interval_);
  cnt[kRevenueLost] += monthly * (spec_.horizon_s - t) / kSecondsPerMonth;
  cnt[kLifetimeValueLost] += monthly * spec_.money.customer_lifetime_months;
}

void ContactCentre::on_redial(std::uint32_t slot, double t) {
  Call& c = calls_[slot];
  c.id = next_call_id_++;
  c.arrival_s = t;
  c.arrival_interval = interval_;
  double* cnt = counters(interval_);
  cnt[kArrivals] += 1.0;
  cnt[kRedials] += 1.0;
  enter_ivr(slot, t, false);
}

void ContactCentre::agent_available(std::uint32_t agent, double t) {
  if (agent_leaving_[agent]) {
    agent_leaving_[agent] = 0;
    floor_leave(agent, t);
    return;
  }
  std::uint32_t slot;
  if (queued_.level() > 0.0 && pop_waiting(slot)) {
    queued_.add(t, -1.0);
    answer(agent, slot, t);
    return;
  }
  agent_state_[agent] = AgentState::Idle;
  idle_push(agent);
}

bool ContactCentre::pop_waiting(std::uint32_t& slot) {
  for (auto& queue : queues_) {
    while (!queue.empty()) {
      const QueueEntry entry = queue.front();
      queue.pop_front();
      const Call& c = calls_[entry.slot];
      if (c.id == entry.id && c.state == CallState::Waiting) {
        slot = entry.slot;
        return true;
      }
    }
  }
  return false;
}

// The day's workforce changes: employees who quit, are absent or in training leave the floor
// (after their call); those who became available join a shift in progress.
void ContactCentre::apply_workforce(double t) {
  for (std::uint32_t a = 0; a < agent_state_.size(); ++a) {  // the day so far, for occupancy
    if (agent_state_[a] == AgentState::Off) continue;
    workforce_.record_on_floor(a, t - floor_since_[a]);
    floor_since_[a] = t;
  }
  if (spec_.workforce.enabled && t > 0.0) workforce_.panel(t, panel_);  // the day that ended
  workforce_.start_day(t);
  if (spec_.workforce.enabled) {
    for (std::uint32_t a = 0; a < agent_state_.size(); ++a) {
      if (!workforce_.available(a)) {
        leave_floor(a, t);
      } else if (shift_on_[agent_shift_[a]]) {
        if (agent_state_[a] == AgentState::Off) {
          floor_join(a, t);
        } else {
          agent_leaving_[a] = 0;
        }
      }
    }
  }
  const Workforce::Day& d = workforce_.today();
  double* c = counters(interval_);
  c[kQuits] += d.quits;
  c[kHires] += d.hires;
  c[kCostHiring] += d.hires * spec_.money.cost_per_hire;
  c[kAwards] += d.awards;
  c[kCostRecognition] += d.awards * spec_.money.cost_per_award;
  employed_.set(t, d.employed);
  training_.set(t, d.training);
  vacant_.set(t, d.vacant);
  absent_.set(t, d.absent);
  active_.set(t, d.active);
  multiplier_sum_.set(t, d.multiplier_sum);
  exhaustion_sum_.set(t, d.exhaustion_sum);
  engagement_sum_.set(t, d.engagement_sum);
}

void ContactCentre::leave_floor(std::uint32_t agent, double t) {
  if (agent_state_[agent] == AgentState::Idle) {
    idle_remove(agent);
    floor_leave(agent, t);
  } else if (agent_state_[agent] != AgentState::Off) {
    agent_leaving_[agent] = 1;  // finishes the current call first
  }
}

void ContactCentre::floor_join(std::uint32_t agent, double t) {
  staffed_.add(t, 1.0);
  floor_since_[agent] = t;
  agent_available(agent, t);
}

void ContactCentre::floor_leave(std::uint32_t agent, double t) {
  agent_state_[agent] = AgentState::Off;
  staffed_.add(t, -1.0);
  workforce_.record_on_floor(agent, t - floor_since_[agent]);
}

void ContactCentre::shift_start(std::uint32_t shift, double t) {
  shift_on_[shift] = 1;
  const std::uint32_t first = shift_first_agent_[shift];
  for (std::uint32_t a = first; a < first + spec_.shifts[shift].count; ++a) {
    if (!workforce_.available(a)) continue;
    if (agent_state_[a] != AgentState::Off) {
      agent_leaving_[a] = 0;  // still finishing a call from the previous shift: stays on
      continue;
    }
    floor_join(a, t);
  }
}

void ContactCentre::shift_end(std::uint32_t shift, double t) {
  shift_on_[shift] = 0;
  const std::uint32_t first = shift_first_agent_[shift];
  for (std::uint32_t a = first; a < first + spec_.shifts[shift].count; ++a) leave_floor(a, t);
}

void ContactCentre::idle_push(std::uint32_t agent) {
  idle_prev_[agent] = idle_tail_;
  idle_next_[agent] = kNone;
  if (idle_tail_ != kNone)
    idle_next_[idle_tail_] = agent;
  else
    idle_head_ = agent;
  idle_tail_ = agent;
}

void ContactCentre::idle_remove(std::uint32_t agent) {
  const std::uint32_t prev = idle_prev_[agent], next = idle_next_[agent];
  (prev != kNone ? idle_next_[prev] : idle_head_) = next;
  (next != kNone ? idle_prev_[next] : idle_tail_) = prev;
}

void ContactCentre::finish(double t) {
  if (spec_.workforce.enabled) workforce_.panel(t, panel_);  // the last day
  double* last = counters(n_intervals_ - 1);
  last[kIssuesOpenAtEnd] = customers_.open_issues();
  const auto [positive, negative] = customers_.mentions();  // the last day's, not yet booked
  last[kMentionsPositive] += positive;
  last[kMentionsNegative] += negative;
  last[kCustomersAtEnd] = customers_.active();
  for (const Call& c : calls_) {
    switch (c.state) {
      case CallState::InIvr:
        counters(c.arrival_interval)[kInIvrAtEnd] += 1.0;
        emit(c, Outcome::InSystem, kNaN, kNaN, t, -1);
        break;
      case CallState::Waiting:
        counters(c.offer_interval)[kInQueueAtEnd] += 1.0;
        emit(c, Outcome::InSystem, t - c.offer_s, kNaN, t, -1);
        break;
      default:
        break;  // calls in service are below; redials not yet made are no attempt yet
    }
  }
  for (std::uint32_t a = 0; a < agent_call_.size(); ++a) {
    if (agent_call_[a] == kNone) continue;
    const Call& c = calls_[agent_call_[a]];  // answered, service not complete
    emit(c, Outcome::Answered, c.answer_s - c.offer_s, kNaN, t, static_cast<std::int32_t>(a));
  }
}

void ContactCentre::emit(const Call& c, Outcome outcome, double wait_s, double handle_s,
                         double end_s, std::int32_t agent, bool resolved, std::uint8_t csat) {
  if (!sink_) return;
  const bool offered = outcome == Outcome::Answered || outcome == Outcome::Abandoned ||
                       (outcome == Outcome::InSystem && c.state == CallState::Waiting);
  const std::int64_t customer = c.customer == kNone ? -1 : static_cast<std::int64_t>(c.customer);
  sink_->record(CallRecord{c.id, c.first_id, customer, c.arrival_s, offered ? c.offer_s : kNaN, wait_s,
                           handle_s, end_s, outcome == Outcome::Answered ? c.compression : 0.0, agent, c.attempt, c.type,
                           static_cast<std::uint8_t>(outcome), c.misrouted, c.zero_out, c.contact,
                           static_cast<std::uint8_t>(resolved), csat, offered ? c.frustration : 0.0f});
}

}  // namespace cxsim::models
