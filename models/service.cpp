// What happens when a call is answered: the agent talks (compressing toward an AHT target),
// the contact resolves the issue or not, the caller scores it, praises or complains, and the
// agent goes on to the next call, wraps up, or leaves the floor.
#include <algorithm>

#include "models/contact_centre.hpp"

namespace cxsim::models {

double ContactCentre::felt_wait(const Call& c) const {
  const double wait = c.answer_s - c.offer_s;
  return c.callback ? wait * callback_offer().wait_weight : wait;
}

void ContactCentre::agent_available(std::uint32_t agent, double t) {
  if (floor_.leave_if_due(agent, t)) return;
  std::uint32_t slot;
  if (ledger_.queued.level() > 0.0 && pop_waiting(slot)) {
    ledger_.queued.add(t, -1.0);
    answer(agent, slot, t);
    return;
  }
  floor_.make_idle(agent);
}

void ContactCentre::answer(std::uint32_t agent, std::uint32_t slot, double t) {
  Call& c = calls_[slot];
  const double wait = t - c.offer_s;
  const std::uint32_t k = c.offer_interval;
  ledger_.add<kAnswered>(k, c.type, 1.0);
  ledger_.add<kWaitAnsweredS>(k, c.type, wait);
  ledger_.add<kWaitAllS>(k, c.type, wait);
  if (c.callback) {
    ledger_.add<kCallbacksAnswered>(k, c.type, 1.0);
    ledger_.add<kCallbackWaitS>(k, c.type, wait);
  }
  if (wait <= spec_.simulation.service_level_threshold_s) ledger_.add<kAnsweredWithinSl>(k, c.type, 1.0);
  if (c.misrouted) ledger_.add<kTransferred>(k, c.type, 1.0);
  if (c.state == CallState::Waiting) events_.cancel(c.abandon);
  c.state = CallState::InService;
  c.answer_s = t;
  // Hostility: the caller's draw against a chance that rises with frustration, waiting included.
  const double felt = behaviour_.frustration_answered(c.frustration, felt_wait(c));
  c.hostile = c.u_hostile < behaviour_.hostility(felt);
  c.frustration_answered = static_cast<float>(felt);
  floor_.start_call(agent, slot, t);
  // Talk the call needs with this agent; under an AHT target the agent cuts a share of the
  // excess over the target, with callers queueing a share of the rest; the cut share is the
  // call's compression.
  const double needed = c.talk_s * workforce_.talk_multiplier(agent);
  const double load = 1.0 - behaviour_.load_compression(ledger_.queued.level(), floor_.on_phone());
  const double targeted = behaviour_.talk(needed, pressure_.target_s, pressure_.compression) * load;
  c.compression = targeted < needed ? 1.0 - targeted / needed : 0.0;
  c.reference_compression = c.compression;
  double talk = targeted;
  if (cf_.reference) {  // the talk the reference's target would leave: held channels see it
    const double reference =
        behaviour_.talk(needed, reference_pressure_.target_s, reference_pressure_.compression) * load;
    c.reference_compression = reference < needed ? 1.0 - reference / needed : 0.0;
    if (cf_.holds(Channel::Capacity)) talk = reference;
  }
  talk_s_today_ += talk;
  talks_today_ += 1.0;
  const IvrSpec& ivr = cf_.holds(Channel::Misroute) ? cf_.reference->ivr : spec_.ivr;
  const double service = talk + (c.misrouted ? ivr.transfer_time_s : 0.0);
  events_.schedule(t + service, kServicePriority, kServiceEnd, agent);
}

void ContactCentre::on_service_end(std::uint32_t agent, double t) {
  const std::uint32_t slot = floor_.end_call(agent);
  const Call c = calls_[slot];
  const double handle = (t - c.answer_s) + spec_.service.after_call_work_s;
  double* cnt = ledger_.at(c.offer_interval);
  ledger_.add<kHandled>(c.offer_interval, c.type, 1.0);
  ledger_.add<kHandleTimeS>(c.offer_interval, c.type, handle);
  if (c.contact > 1) {
    ledger_.add<kHandledRepeat>(c.offer_interval, c.type, 1.0);
    ledger_.add<kHandleTimeRepeatS>(c.offer_interval, c.type, handle);
  }
  ledger_.add<kCompressionSum>(c.offer_interval, c.type, c.compression);
  cnt[kHostileCalls] += c.hostile ? 1.0 : 0.0;
  cnt[kFrustrationSum] += c.frustration_answered;
  if (spec_.workforce.enabled)
    workforce_.record_call(agent, c.hostile, cf_.holds(Channel::Strain) ? c.reference_compression : c.compression,
                           handle, spec_.frustration.exhaustion_per_unit * c.frustration_answered);
  bool resolved = false;
  std::uint8_t csat = 0;
  if (c.customer != kNone) {  // the contact as the customer and the agent's state make it
    const Contact contact{
        cf_.holds(Channel::Resolution) ? c.reference_compression : c.compression,
        workforce_.newness(agent),
        workforce_.exhaustion(agent),
        cf_.holds(Channel::EngagementService) ? workforce_.reference_engagement(agent) : workforce_.engagement(agent),
        felt_wait(c) / spec_.customers.effort_wait_unit_s,
        behaviour_.frustration_on_offer(c.ivr_levels, false, c.self_service_failed, c.attempt, 1),
        c.contact,
        c.misrouted,
        c.hostile};
    resolved = sim::uniform(issue_rng_) < behaviour_.resolution(contact);
    customers_.add_effort(c.customer, contact.wait_units + (c.misrouted ? 1.0 : 0.0));
    csat = score(contact, agent, resolved);
  }
  if (spec_.workforce.enabled) workforce_.record_outcome(agent, csat, resolved);
  emit(c, Outcome::Answered, c.answer_s - c.offer_s, handle, t, static_cast<std::int32_t>(agent), resolved, csat);
  free_call(slot);
  if (c.customer != kNone) {
    if (resolved)
      close_issue(c.customer, c.contact == 1 ? IssueEnd::FirstContact : IssueEnd::ResolvedLater, t);
    else
      unresolved_contact(c, t);
  }
  if (spec_.service.after_call_work_s > 0.0) {
    floor_.wrap(agent);
    events_.schedule(t + spec_.service.after_call_work_s, kServicePriority, kWrapEnd, agent);
    return;
  }
  floor_.end_work(t);
  agent_available(agent, t);
}

std::uint8_t ContactCentre::score(const Contact& contact, std::uint32_t agent, bool resolved) {
  const SatisfactionSpec& s = spec_.satisfaction;
  const double latent = behaviour_.satisfaction(contact, resolved);
  // Three draws per scored call, whatever happens: the noise, praise, complaint.
  const double u = std::clamp(sim::uniform(feedback_rng_), 1e-12, 1.0 - 1e-12);
  const double u_praise = sim::uniform(feedback_rng_), u_complaint = sim::uniform(feedback_rng_);
  const std::uint8_t csat = behaviour_.score(latent, u);
  double* cnt = ledger_.now();
  cnt[kCsatSum] += csat;
  cnt[kCsatCount] += 1.0;
  // A praise programme solicits and forwards praise once the policy has started.
  const RecognitionSpec& r = spec_.recognition;
  const double captured = std::min(1.0, s.praise_probability * (policy_on_ ? r.praise_solicitation : 1.0));
  const double forwarded = policy_on_ ? r.praise_forwarded_share : 0.0;
  if (csat == 5) {
    cnt[kTopBox] += 1.0;
    if (u_praise < captured) {
      cnt[kPraise] += 1.0;
      // Which captured praise is forwarded is decided from the same draw, so the forwarded
      // praise is a fixed share of the captured.
      if (u_praise < captured * forwarded) {
        cnt[kPraiseForwarded] += 1.0;
        workforce_.record_praise(agent);
      }
    }
    if (cf_.reference) {  // the praise the reference's programme would have passed on
      const RecognitionSpec& rr = cf_.reference->recognition;
      const double reference_captured =
          std::min(1.0, s.praise_probability * (reference_policy_on_ ? rr.praise_solicitation : 1.0));
      if (u_praise < reference_captured * (reference_policy_on_ ? rr.praise_forwarded_share : 0.0))
        workforce_.record_reference_praise(agent);
    }
  } else if (csat <= 2 && u_complaint < s.complaint_probability) {
    cnt[kComplaints] += 1.0;
  }
  return csat;
}

}  // namespace cxsim::models
