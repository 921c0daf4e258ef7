// The behavioural equations against docs/model.md's formulas, evaluated by hand here.
#include "models/behaviour.hpp"

#include <gtest/gtest.h>

#include <cmath>

using namespace cxsim::models;

namespace {
Eigen::ArrayXd one(double x) { return Eigen::ArrayXd::Constant(1, x); }
}  // namespace

TEST(Behaviour, LogisticAndLogit) {
  EXPECT_DOUBLE_EQ(logistic(0.0), 0.5);
  EXPECT_DOUBLE_EQ(logistic(std::log(3.0)), 0.75);
  EXPECT_DOUBLE_EQ(logit(0.75), std::log(3.0));
}

TEST(Behaviour, FrustrationOnOfferAddsEachSource) {
  ScenarioSpec s;
  s.customers.enabled = true;
  const Behaviour b(s);
  const FrustrationSpec& f = s.frustration;
  // Two menu levels, misrouted, failed self-service, the third attempt of a second contact.
  EXPECT_DOUBLE_EQ(b.frustration_on_offer(2, true, true, 3, 2),
                   2 * f.per_ivr_level + f.misroute + f.failed_self_service + 2 * f.per_abandon + f.per_repeat);
  EXPECT_EQ(b.frustration_on_offer(0, false, false, 1, 1), 0.0);
  s.customers.enabled = false;  // frustration acts with customers only
  EXPECT_EQ(Behaviour(s).frustration_on_offer(2, true, true, 3, 2), 0.0);
}

TEST(Behaviour, WaitingFrustratesPerWaitUnit) {
  ScenarioSpec s;
  s.customers.enabled = true;
  s.customers.effort_wait_unit_s = 300.0;
  s.frustration.per_wait_unit = 0.2;
  EXPECT_DOUBLE_EQ(Behaviour(s).frustration_answered(0.5, 600.0), 0.5 + 0.2 * 2.0);
}

TEST(Behaviour, FrustrationShortensPatienceAndRaisesHostility) {
  ScenarioSpec s;
  s.frustration.patience_effect = 0.4;
  s.frustration.hostile_effect = 0.8;
  s.callers.hostile_probability = 0.1;
  const Behaviour b(s);
  EXPECT_DOUBLE_EQ(b.patience(300.0, 1.5), 300.0 * std::exp(-0.4 * 1.5));
  EXPECT_DOUBLE_EQ(b.patience(300.0, 0.0), 300.0);
  EXPECT_NEAR(b.hostility(1.0), 1.0 / (1.0 + std::exp(-(std::log(0.1 / 0.9) + 0.8))), 1e-15);
  EXPECT_EQ(b.hostility(0.0), 0.1);
}

TEST(Behaviour, AgentsCutAShareOfTheExcessOverTheTarget) {
  const ScenarioSpec s;
  const Behaviour b(s);
  EXPECT_DOUBLE_EQ(b.talk(300.0, 150.0, 0.5), 225.0);
  EXPECT_DOUBLE_EQ(b.talk(100.0, 150.0, 0.5), 100.0);  // below the target: untouched
  EXPECT_DOUBLE_EQ(b.talk(300.0, 0.0, 0.5), 300.0);    // no target
}

TEST(Behaviour, ResolutionPenaltiesThenLogitShifts) {
  ScenarioSpec s;
  s.customers.fcr = 0.7;
  s.customers.new_hire_fcr_penalty = 0.1;
  s.customers.transfer_fcr_penalty = 0.1;
  s.policy.compression_resolution_effect = 2.5;
  const Behaviour b(s);
  Contact c;
  c.newness = 0.5;
  c.misrouted = true;
  EXPECT_DOUBLE_EQ(b.resolution(c), 0.7 - 0.05 - 0.1);  // no shift: the penalties only
  c.compression = 0.2;
  c.exhaustion = 1.5;
  c.engagement = 1.0;
  c.hostile = true;
  const double shift = -2.5 * 0.2 - s.customers.resolution_exhaustion_effect * 0.5 +
                       s.customers.resolution_engagement_effect * 1.0 - s.customers.resolution_hostile_effect;
  EXPECT_NEAR(b.resolution(c), 1.0 / (1.0 + std::exp(-(std::log(0.55 / 0.45) + shift))), 1e-15);
}

TEST(Behaviour, SatisfactionIsTheOrderedLogitOfTheDoc) {
  ScenarioSpec s;
  const SatisfactionSpec& k = s.satisfaction;
  const Behaviour b(s);
  Contact c;
  c.contact = 3;
  c.wait_units = 1.5;
  c.misrouted = true;
  c.engagement = 0.5;
  c.exhaustion = 1.4;
  c.hostile = true;
  c.ivr_frustration = 0.6;
  const double latent = k.resolution_effect - 2 * k.repeat_effect - 1.5 * k.wait_effect - k.transfer_effect +
                        0.5 * k.engagement_effect - 0.4 * k.exhaustion_effect - k.hostile_effect -
                        s.frustration.satisfaction_effect * 0.6;
  EXPECT_NEAR(b.satisfaction(c, true), latent, 1e-12);
  EXPECT_NEAR(b.satisfaction(c, false), latent - k.resolution_effect, 1e-12);
  // Score: the latent plus the logistic noise log(u/(1-u)), counted against the cutpoints.
  EXPECT_EQ(b.score(0.0, 0.5), 4);  // 0 lies above −2.5, −1.2 and −0.2, below 0.88
  EXPECT_EQ(b.score(-3.0, 0.5), 1);
  EXPECT_EQ(b.score(0.0, 0.9), 5);  // noise log 9 ≈ 2.2
  EXPECT_EQ(b.score(0.0, 0.1), 2);  // noise −2.2
}

TEST(Behaviour, ChurnAfterAnIssue) {
  ScenarioSpec s;
  const CustomersSpec& cs = s.customers;
  const Behaviour b(s);
  const double k = cs.intent_conversion;
  EXPECT_DOUBLE_EQ(b.churn(IssueEnd::Unresolved, 2.0, 3.0),
                   k * cs.churn_unresolved * 2.0 * std::exp(cs.churn_effort_coefficient * (3.0 - cs.effort_reference)));
  EXPECT_DOUBLE_EQ(b.churn(IssueEnd::FirstContact, 1.0, cs.effort_reference), k * cs.churn_first_contact);
  EXPECT_DOUBLE_EQ(b.churn(IssueEnd::ResolvedLater, 1.0, cs.effort_reference), k * cs.churn_resolved_later);
}

TEST(Behaviour, AhtPressureFromTheTargetAndFromChasingAnAward) {
  ScenarioSpec s;
  EXPECT_EQ(aht_pressure(s, 0.0, 140.0).target_s, 0.0);  // no target, no award: no pressure
  EXPECT_EQ(aht_pressure(s, 0.0, 140.0).compression, 0.0);
  s.policy.aht_compression = 0.1;
  EXPECT_EQ(aht_pressure(s, 180.0, 140.0).target_s, 180.0);
  EXPECT_EQ(aht_pressure(s, 180.0, 140.0).compression, 0.1);
  // Recognition by AHT: agents chase the usual talk time, or the target where it is lower.
  s.recognition.manager_cadence_days = 7.0;
  s.recognition.criterion = Criterion::Aht;
  s.recognition.aht_chasing = 0.3;
  const AhtPressure chased = aht_pressure(s, 180.0, 140.0);
  EXPECT_EQ(chased.target_s, 140.0);
  EXPECT_EQ(chased.compression, 0.3);
  EXPECT_EQ(aht_pressure(s, 120.0, 140.0).target_s, 120.0);
  EXPECT_EQ(aht_pressure(s, 0.0, 140.0).target_s, 140.0);
}

TEST(Behaviour, UsualTalkIsTheShareWeightedMean) {
  ScenarioSpec s;
  s.service.handle_time_dist = DistKind::Deterministic;
  CallTypeSpec a, b;
  a.share = 0.6;
  a.mean_handle_time_s = 100.0;
  b.share = 0.4;
  b.mean_handle_time_s = 200.0;
  s.call_types = {a, b};
  EXPECT_DOUBLE_EQ(usual_talk(call_types(s)), 140.0);  // 0.6·100 + 0.4·200
}

TEST(Behaviour, TheTargetErodesTowardTheObservedTalkTime) {
  // T ← T + (A − T)(1 − e^(−1/τ)): after n days at a constant A, A − T shrinks by e^(−n/τ).
  double target = 150.0;
  for (int day = 0; day < 30; ++day) target = eroded_target(target, 200.0, 90.0);
  EXPECT_NEAR(200.0 - target, 50.0 * std::exp(-30.0 / 90.0), 1e-9);
  EXPECT_EQ(eroded_target(150.0, 150.0, 90.0), 150.0);
}

TEST(Behaviour, LoadCompressionGrowsWithTheQueueTowardItsMost) {
  ScenarioSpec s;
  s.service.load_compression = 0.2;
  const Behaviour b(s);
  EXPECT_EQ(b.load_compression(0.0, 10.0), 0.0);          // nobody waiting
  EXPECT_DOUBLE_EQ(b.load_compression(10.0, 10.0), 0.1);  // c = 0.2 · 10 / (10 + 10)
  EXPECT_DOUBLE_EQ(b.load_compression(990.0, 10.0), 0.2 * 0.99);
  s.service.load_compression = 0.0;
  EXPECT_EQ(b.load_compression(50.0, 10.0), 0.0);  // off
}

TEST(Behaviour, ExhaustionDecaysAndTakesTheDaysLoad) {
  WorkforceSpec w;
  w.exhaustion_per_call = 0.003;
  w.exhaustion_per_hostile_call = 0.008;
  w.exhaustion_per_excess_occupancy = 0.5;
  w.occupancy_threshold = 0.85;
  w.exhaustion_per_compression = 0.006;
  w.exhaustion_per_overtime_hour = 0.02;
  // 100 calls, 10 hostile, busy 90% of 8 h on the floor, total compression 20, contagion 0.1,
  // 2 hours of overtime.
  const Eigen::ArrayXd load =
      daily::load(w, one(100.0), one(10.0), one(0.9 * 28800.0), one(28800.0), one(20.0), one(0.1), one(2.0));
  EXPECT_NEAR(load[0], 0.3 + 0.08 + 0.5 * 0.05 + 0.12 + 0.1 + 0.04, 1e-12);
  EXPECT_EQ(daily::load(w, one(0), one(0), one(0), one(0), one(0), one(0), one(0))[0], 0.0);  // a day off
  EXPECT_NEAR(daily::exhaustion(one(1.2), one(0.3), 3.0)[0], 1.2 * std::exp(-1.0 / 3.0) + 0.3, 1e-12);
}

TEST(Behaviour, EngagementDecaysToItsBaselineAndMovesWithRecognitionAndStrain) {
  ScenarioSpec s;
  const WorkforceSpec& w = s.workforce;
  const RecognitionSpec& r = s.recognition;
  const double decay = std::exp(-1.0 / w.engagement_decay_days);
  const double g = daily::engagement(s, one(0.5), one(1.4), one(0.1), one(2.0), one(3.0))[0];
  EXPECT_NEAR(g,
              0.5 * decay - w.engagement_exhaustion_loss * 0.4 - w.engagement_pressure_loss * 0.1 +
                  r.award_gain * 2.0 / (1.0 + 3.0 / r.saturation),
              1e-12);
  s.recognition.announced_tangible = true;  // the baseline falls by the crowding out
  const double base = -s.recognition.crowding_out;
  EXPECT_NEAR(daily::engagement(s, one(0.0), one(1.0), one(0.0), one(0.0), one(0.0))[0], base + (0.0 - base) * decay,
              1e-12);
}

TEST(Behaviour, QuitAndAbsenceChances) {
  const double h = 0.001;
  EXPECT_NEAR(daily::quit(h, 2.0, 0.45, 0.25, 1.5, 0.4), 1.0 - std::exp(-h * 2.0 * std::exp(0.45 * 0.5 - 0.25 * 0.4)),
              1e-15);
  EXPECT_DOUBLE_EQ(daily::absence(0.06, 0.3, 1.5), 0.06 * std::exp(0.3 * 0.5));
  EXPECT_EQ(daily::absence(0.5, 5.0, 3.0), 0.95);  // capped
}

TEST(Behaviour, SelfServiceTakesTheSimplerIssues) {
  // c = min(1, containment × slot factor); c × (1 + s) below the median, × (1 − s) above, × 1 at
  // it; capped at 1.
  ScenarioSpec s;
  s.ivr.containment_selectivity = 0.5;
  const Behaviour b(s);
  EXPECT_DOUBLE_EQ(b.containment(0.3, 1.0, 50.0, 100.0), 0.45);
  EXPECT_DOUBLE_EQ(b.containment(0.3, 1.0, 150.0, 100.0), 0.15);
  EXPECT_DOUBLE_EQ(b.containment(0.3, 1.0, 100.0, 100.0), 0.3);
  EXPECT_DOUBLE_EQ(b.containment(0.8, 1.0, 50.0, 100.0), 1.0);
  // The slot's factor scales the chance before selectivity, and is capped first: 0.4 × 3 → 1.
  EXPECT_DOUBLE_EQ(b.containment(0.3, 2.0, 150.0, 100.0), 0.6 * 0.5);
  EXPECT_DOUBLE_EQ(b.containment(0.4, 3.0, 150.0, 100.0), 0.5);
  EXPECT_DOUBLE_EQ(b.containment(0.4, 3.0, 50.0, 100.0), 1.0);
  EXPECT_EQ(b.containment(0.4, 0.0, 50.0, 100.0), 0.0);
  s.ivr.containment_selectivity = 0.0;
  EXPECT_DOUBLE_EQ(b.containment(0.3, 1.0, 50.0, 100.0), 0.3);
  EXPECT_DOUBLE_EQ(b.containment(0.3, 0.5, 50.0, 100.0), 0.15);
}
