// A call from its arrival through the IVR to the queue; abandonment, redials and repeat
// contacts; issues closing and customers churning.
#include <algorithm>
#include <cmath>
#include <limits>

#include "models/contact_centre.hpp"

namespace cxsim::models {

namespace {
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
}  // namespace

void ContactCentre::schedule_arrival(double t) {
  const double next = arrivals_.next(t, horizon_s_, arrival_rng_);
  if (!std::isfinite(next)) return;
  // Only a volume rescaled each day is rescheduled (cancelled) at day starts.
  if (volume_rescaled_daily())
    next_arrival_ = events_.schedule_timer(next, kCallPriority, kArrival, 0);
  else
    events_.schedule(next, kCallPriority, kArrival, 0);
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
  c.arrival_interval = ledger_.interval();
  c.type = static_cast<std::uint8_t>(call_type_.draw(arrival_rng_));
  const CallType& type = types_[c.type];
  c.patience_s = type.patience.sample(patience_rng_);
  c.talk_s = type.handle_time.sample(handle_rng_) * talk_factor_[week_interval(c.arrival_interval)];
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
    c.customer = customer;
    ledger_.now()[kIssuesOpened] += 1.0;
  }
  c.id = c.first_id = next_call_id_++;
  ledger_.add<kArrivals>(c.arrival_interval, c.type, 1.0);
  enter_ivr(slot, t, true);
  schedule_arrival(t);
}

void ContactCentre::enter_ivr(std::uint32_t slot, double t, bool first_attempt) {
  Call& c = calls_[slot];
  c.state = CallState::InIvr;
  if (!ivr_.present() && !(ivr_held_ && reference_ivr_.present())) {
    offer(slot, t);
    return;
  }
  // Always three draws per attempt, whatever the outcome, to keep the stream aligned (from the
  // reference stream when only the reference has a menu).
  sim::Engine& rng = !ivr_.present() ? reference_rng_ : first_attempt ? ivr_rng_ : redial_rng_;
  const double u_contain = sim::uniform(rng);
  const double u_misroute = sim::uniform(rng);
  const double u_zero = sim::uniform(rng);
  // The slot of the week the call arrived in scales its chance of self-service, and its talk
  // time (so the type's median too).
  const std::uint32_t week = week_interval(c.arrival_interval);
  const double median_s = types_[c.type].median_talk_s * talk_factor_[week];
  IvrPath path = ivr_.route(c.type, week, c.talk_s, median_s, first_attempt, u_contain, u_misroute, u_zero);
  double seconds_per_level = ivr_.seconds_per_level();
  if (ivr_held_) {  // the held parts of the path as the reference's IVR routes the same draws
    const IvrPath ref =
        reference_ivr_.route(c.type, week, c.talk_s, median_s, first_attempt, u_contain, u_misroute, u_zero);
    if (cf_.holds(Channel::Menu)) {
      path.levels = ref.levels;
      path.zero_out = ref.zero_out;
      seconds_per_level = reference_ivr_.seconds_per_level();
    }
    if (cf_.holds(Channel::SelfService)) {
      path.contained = ref.contained;
      path.self_service_failed = ref.self_service_failed;
    }
    if (cf_.holds(Channel::Misroute)) path.misrouted = ref.misrouted;
  }
  c.zero_out = path.zero_out;
  if (path.zero_out) ledger_.now()[kZeroOuts] += 1.0;
  c.contained = path.contained;
  c.self_service_failed = path.self_service_failed;
  c.ivr_levels = static_cast<std::uint8_t>(path.levels);
  c.misrouted = path.misrouted;
  ledger_.now()[kIvrCallS] += path.levels * seconds_per_level;
  events_.schedule(t + path.levels * seconds_per_level, kCallPriority, kIvrDone, slot);
}

void ContactCentre::on_ivr_done(std::uint32_t slot, double t) {
  Call& c = calls_[slot];
  if (!c.contained) {
    offer(slot, t);
    return;
  }
  ledger_.add<kContained>(c.arrival_interval, c.type, 1.0);
  emit(c, Outcome::Contained, kNaN, kNaN, t, -1);
  if (c.customer != kNone)
    close_issue(c.customer, c.contact == 1 ? IssueEnd::FirstContact : IssueEnd::ResolvedLater, t);
  free_call(slot);
}

void ContactCentre::offer(std::uint32_t slot, double t) {
  Call& c = calls_[slot];
  c.offer_s = t;
  c.offer_interval = ledger_.interval();
  c.callback = false;
  c.frustration = static_cast<float>(
      behaviour_.frustration_on_offer(c.ivr_levels, c.misrouted, c.self_service_failed, c.attempt, c.contact));
  if (c.customer != kNone)
    customers_.add_effort(c.customer, spec_.customers.effort_per_ivr_level * c.ivr_levels +
                                          spec_.customers.effort_failed_self_service * c.self_service_failed);
  double* cnt = ledger_.now();
  ledger_.add<kOffered>(c.offer_interval, c.type, 1.0);
  const std::uint32_t agent = floor_.take_idle();
  if (agent != kNone) {
    answer(agent, slot, t);
    return;
  }
  cnt[kWaited] += 1.0;
  c.state = CallState::Waiting;
  queues_[types_[c.type].priority].push_back(QueueEntry{slot, c.id});
  ledger_.queued.add(t, 1.0);
  const CallbackSpec& cb = callback_offer();
  if (spec_.callback.enabled || cb.enabled) {
    const double expected_wait = ledger_.queued.level() * mean_handle_s_ / std::max(1.0, ledger_.staffed.level());
    // Drawn whenever the caller has to wait (from the reference stream when only the reference
    // offers callbacks).
    const double u = sim::uniform(spec_.callback.enabled ? caller_rng_ : reference_rng_);
    c.callback = cb.enabled && expected_wait > cb.threshold_s && u < cb.acceptance;
    cnt[kCallbacks] += c.callback ? 1.0 : 0.0;
  }
  if (std::isfinite(c.patience_s) && !c.callback) {
    // Frustrated callers give up sooner: their patience time shrinks by e^(−effect·F).
    c.abandon =
        events_.schedule_timer(t + behaviour_.patience(c.patience_s, c.frustration), kAbandonPriority, kAbandon, slot);
  }
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

void ContactCentre::on_abandon(std::uint32_t slot, double t) {
  const Call c = calls_[slot];  // follow_up() below may reallocate calls_
  const double wait = t - c.offer_s;
  ledger_.queued.add(t, -1.0);
  double* cnt = ledger_.at(c.offer_interval);
  ledger_.add<kAbandoned>(c.offer_interval, c.type, 1.0);
  ledger_.add<kWaitAllS>(c.offer_interval, c.type, wait);
  if (wait < spec_.simulation.short_abandon_s) cnt[kAbandonedShort] += 1.0;
  if (wait <= spec_.simulation.service_level_threshold_s) cnt[kAbandonedWithinSl] += 1.0;
  emit(c, Outcome::Abandoned, wait, kNaN, t, -1);
  if (c.customer != kNone) customers_.add_effort(c.customer, wait / spec_.customers.effort_wait_unit_s + 1.0);
  if (spec_.callers.redial_probability > 0.0 && sim::uniform(redial_rng_) < spec_.callers.redial_probability)
    follow_up(c, false, t);
  else if (c.customer != kNone)
    unresolved_contact(c, t);
  free_call(slot);  // its queue entry is now stale and will be skipped
}

void ContactCentre::unresolved_contact(const Call& c, double t) {
  if (sim::uniform(issue_rng_) >= spec_.customers.recontact_probability) {
    close_issue(c.customer, IssueEnd::Unresolved, t);
    return;
  }
  follow_up(c, true, t);
}

void ContactCentre::follow_up(const Call& from, bool repeat, double t) {
  // A redial comes after the redial delay; a repeat contact after the recontact delay, counted
  // in the profile's operational time (people call back when people call).
  sim::Engine& rng = repeat ? issue_rng_ : redial_rng_;
  const double at =
      repeat ? arrivals_.after_in_profile_time(t, recontact_delay_.sample(rng)) : t + redial_delay_.sample(rng);
  const double patience = types_[from.type].patience.sample(rng);
  if (!(at < horizon_s_)) return;  // the issue stays open at the horizon
  Call next{};
  next.type = from.type;
  next.customer = from.customer;
  next.patience_s = patience;
  if (repeat) {  // the next contact about the issue: it takes longer, the caller is drawn afresh
    next.contact = static_cast<std::uint8_t>(std::min(from.contact + 1, 255));
    next.attempt = 1;
    next.talk_s = from.talk_s * spec_.customers.repeat_handle_factor;
    next.u_hostile = hostility_draw(rng);
    next.state = CallState::RecontactPending;
  } else {  // the same contact again: the same issue needs the same work
    next.first_id = from.first_id;
    next.contact = from.contact;
    next.attempt = static_cast<std::uint16_t>(from.attempt + 1);
    next.talk_s = from.talk_s;
    next.u_hostile = from.u_hostile;
    next.state = CallState::RedialPending;
  }
  const std::uint32_t slot = new_call();
  calls_[slot] = next;
  events_.schedule(at, kCallPriority, repeat ? kRecontact : kRedial, slot);
}

void ContactCentre::on_follow_up(std::uint32_t slot, double t, bool repeat) {
  Call& c = calls_[slot];
  c.id = next_call_id_++;
  if (repeat) c.first_id = c.id;
  c.arrival_s = t;
  c.arrival_interval = ledger_.interval();
  ledger_.add<kArrivals>(c.arrival_interval, c.type, 1.0);
  double* cnt = ledger_.now();
  cnt[repeat ? kRepeatContacts : kRedials] += 1.0;
  if (repeat) {
    customers_.add_contact(c.customer);
    customers_.add_effort(c.customer, 1.0);
  }
  enter_ivr(slot, t, false);
}

void ContactCentre::close_issue(std::uint32_t customer, IssueEnd end, double t) {
  double* cnt = ledger_.now();
  cnt[end == IssueEnd::FirstContact    ? kIssuesFirstContact
      : end == IssueEnd::ResolvedLater ? kIssuesResolvedLater
                                       : kIssuesUnresolved] += 1.0;
  if (customers_.close_issue(customer, end, t)) {
    cnt[kChurnedService] += 1.0;
    ledger_.active_customers.add(t, -1.0);
    ledger_.active_value.set(t, customers_.monthly_value_active());
    book_churn_value(t);
  }
}

void ContactCentre::book_churn_value(double t) {
  const double monthly = customers_.take_churned_value();
  double* cnt = ledger_.now();
  cnt[kRevenueLost] += monthly * (horizon_s_ - t) / kSecondsPerMonth;
  cnt[kValueChurned] += monthly;
}

float ContactCentre::hostility_draw(sim::Engine& rng) {
  // Drawn only when agents can meet hostility, so the stream stays as it was otherwise.
  if (!spec_.workforce.enabled || !(spec_.callers.hostile_probability > 0.0)) return 2.0f;  // never hostile
  return static_cast<float>(sim::uniform(rng));
}

}  // namespace cxsim::models
