// The channels of an explanation: which a pair of scenarios puts in play, that a run holding
// them with itself as the reference is the run itself, and the IVR's routing of one attempt.
#include "models/channels.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>

#include "models/contact_centre.hpp"
#include "models/ivr.hpp"
#include "tests/cpp/models/scenarios.hpp"

using namespace cxsim::models;

namespace {
std::vector<std::string_view> names(const std::vector<Channel>& channels) {
  std::vector<std::string_view> out;
  for (Channel c : channels) out.push_back(channel_table()[static_cast<std::size_t>(c)].name);
  return out;
}
using Names = std::vector<std::string_view>;
}  // namespace

TEST(Channels, EachLeverPutsItsOwnChannelsInPlay) {
  const ScenarioSpec base;
  EXPECT_TRUE(channels_in_play(base, base).empty());
  ScenarioSpec target = base;
  target.policy.aht_target_s = 150.0;
  EXPECT_EQ(names(channels_in_play(target, base)), (Names{"resolution", "strain", "pressure_quits", "capacity"}));
  ScenarioSpec praise = base;
  praise.recognition.praise_forwarded_share = 1.0;
  EXPECT_EQ(names(channels_in_play(praise, base)), (Names{"engagement_service", "engagement_quits"}));
  ScenarioSpec chasing = base;  // recognition by AHT: agents chase the award, so both levers act
  chasing.recognition.manager_cadence_days = 14.0;
  chasing.recognition.criterion = Criterion::Aht;
  EXPECT_EQ(channels_in_play(chasing, base).size(), 6u);
  ScenarioSpec menu = base;
  menu.ivr.seconds_per_level = 5.0;  // time in the menu only: self-service is untouched
  EXPECT_EQ(names(channels_in_play(menu, base)), (Names{"menu"}));
  ScenarioSpec zero = base;
  zero.ivr.zero_out_probability = 0.1;  // a zero-out also skips self-service
  EXPECT_EQ(names(channels_in_play(zero, base)), (Names{"menu", "self_service"}));
  ScenarioSpec misroute = base;
  misroute.ivr.misroute_probability = 0.2;
  EXPECT_EQ(names(channels_in_play(misroute, base)), (Names{"misroute"}));
  ScenarioSpec callback = base;
  callback.callback.enabled = true;
  EXPECT_EQ(names(channels_in_play(callback, base)), (Names{"callback"}));
  ScenarioSpec coefficient = base;  // a link's strength is not a lever: no channel carries it
  coefficient.policy.compression_resolution_effect = 0.0;
  EXPECT_TRUE(channels_in_play(coefficient, base).empty());
}

TEST(Channels, TheIvrsChannelsNeedTheSameCallTypesAndTheOthersDoNot) {
  ScenarioSpec base;
  base.call_types = {CallTypeSpec{}, CallTypeSpec{}};
  base.call_types[0].name = "billing";
  base.call_types[1].name = "fraud";
  ScenarioSpec policy = base;
  policy.call_types.pop_back();
  policy.ivr.levels = 3;  // a menu, and a target: only the target's channels can be held
  policy.policy.aht_target_s = 120.0;
  EXPECT_EQ(names(channels_in_play(policy, base)), (Names{"resolution", "strain", "pressure_quits", "capacity"}));
  Counterfactual menu{&base, {}};
  menu.held.set(static_cast<std::size_t>(Channel::Menu));
  EXPECT_THROW(check_holdable(policy, menu), std::invalid_argument);
  Counterfactual resolution{&base, {}};
  resolution.held.set(static_cast<std::size_t>(Channel::Resolution));
  EXPECT_NO_THROW(check_holdable(policy, resolution));
  policy.call_types = base.call_types;  // as many types again: the menu (and so self-service) in play
  EXPECT_EQ(names(channels_in_play(policy, base)),
            (Names{"resolution", "strain", "pressure_quits", "capacity", "menu", "self_service"}));
  EXPECT_NO_THROW(check_holdable(policy, menu));
}

TEST(Channels, HoldingEveryChannelAtTheScenarioItselfChangesNothing) {
  ScenarioSpec spec = cxsim::test::busy_centre();
  spec.policy.aht_target_s = 100.0;
  spec.ivr.levels = 2;
  spec.ivr.zero_out_probability = 0.1;
  spec.ivr.misroute_probability = 0.1;
  spec.callback.enabled = true;
  Counterfactual all{&spec, {}};
  all.held.set();
  EXPECT_EQ(ContactCentre(spec, 7, 0, nullptr, nullptr, all).run(), ContactCentre(spec, 7, 0, nullptr, nullptr).run());
}

TEST(Ivr, RoutesAnAttemptFromItsThreeDraws) {
  ScenarioSpec spec;
  spec.ivr.levels = 3;
  spec.ivr.zero_out_probability = 0.2;
  spec.ivr.misroute_probability = 0.1;
  spec.call_types.resize(1);
  spec.call_types[0].containment = 0.5;
  const Ivr ivr(spec, 24);
  // No zero-out (u_zero above 1 − 0.8³): all three levels, then self-service at chance 0.5.
  IvrPath p = ivr.route(0, 0, 100.0, 100.0, true, 0.4, 0.5, 0.9);
  EXPECT_EQ(p.levels, 3u);
  EXPECT_FALSE(p.zero_out);
  EXPECT_TRUE(p.contained);
  EXPECT_FALSE(p.misrouted);
  p = ivr.route(0, 0, 100.0, 100.0, true, 0.6, 0.05, 0.9);
  EXPECT_TRUE(p.self_service_failed);
  EXPECT_TRUE(p.misrouted);
  // Zero-out at level k = ceil(ln(1 − u)/ln(1 − p)): u = 0.3 gives k = 2; no self-service then.
  p = ivr.route(0, 0, 100.0, 100.0, true, 0.0, 0.5, 0.3);
  EXPECT_EQ(p.levels, static_cast<std::uint32_t>(std::ceil(std::log(0.7) / std::log(0.8))));
  EXPECT_TRUE(p.zero_out);
  EXPECT_FALSE(p.contained);
  EXPECT_FALSE(p.self_service_failed);
  // A redial does not try self-service again.
  p = ivr.route(0, 0, 100.0, 100.0, false, 0.0, 0.5, 0.9);
  EXPECT_FALSE(p.contained);
  EXPECT_FALSE(p.self_service_failed);
  spec.ivr.levels = 0;  // no menu: nothing happens in the IVR
  p = Ivr(spec, 24).route(0, 0, 100.0, 100.0, true, 0.0, 0.0, 0.0);
  EXPECT_EQ(p.levels, 0u);
  EXPECT_FALSE(p.contained || p.misrouted || p.zero_out);
}
