// The channels through which a lever acts, for explaining a policy's effect (docs/model.md,
// "Explaining a policy's effect"). A channel is one link from a lever to what it moves; held, the
// link takes the value the reference scenario (the base of the comparison) would give it in the
// same run, while every other link follows the scenario run.
#pragma once

#include <array>
#include <bitset>
#include <cstdint>
#include <string_view>
#include <vector>

#include "models/spec.hpp"

namespace cxsim::models {

enum class Channel : std::uint8_t {
  Resolution,         // AHT pressure's compression → the resolution equation
  Strain,             // compression → exhaustion and engagement
  PressureQuits,      // the target's coaching pressure → the quit hazard
  Capacity,           // compressed talk → the agent's time on the call
  EngagementService,  // recognition's engagement → resolution and satisfaction
  EngagementQuits,    // recognition's engagement → the quit hazard (and so experience)
  Menu,               // the menu passed (levels, zero-out) → time, frustration, effort
  SelfService,        // self-service containment → load; a failed attempt's frustration and effort
  Misroute,           // misroutes → transfers
  Callback,           // the callback offer → waiting off the line
  kCount
};
constexpr std::size_t kChannels = static_cast<std::size_t>(Channel::kCount);

struct ChannelInfo {
  std::string_view name;   // as the user names it
  std::string_view lever;  // the lever whose effect it carries
  std::string_view link;   // what it links, in words
};
const std::array<ChannelInfo, kChannels>& channel_table();

// The channels whose held value can differ from the scenario's own: those of the levers that
// differ between `spec` and `reference`. The IVR routes a call by its type, so its channels can
// be held only when both scenarios have the same call types (in number): otherwise none of
// them is in play, and the IVR's effect stays in what no channel carries.
std::vector<Channel> channels_in_play(const ScenarioSpec& spec, const ScenarioSpec& reference);

// What a run holds: the reference scenario and the channels held at its values. No reference:
// nothing is held, and the run is the scenario's own, bit for bit.
struct Counterfactual {
  const ScenarioSpec* reference = nullptr;
  std::bitset<kChannels> held;
  bool holds(Channel c) const { return reference && held[static_cast<std::size_t>(c)]; }
  bool holds_ivr() const { return holds(Channel::Menu) || holds(Channel::SelfService) || holds(Channel::Misroute); }
};
inline const Counterfactual kNothingHeld{};

// Throws std::invalid_argument when `cf` holds an IVR channel of a reference whose call types
// differ in number from `spec`'s (channels_in_play never offers one then).
void check_holdable(const ScenarioSpec& spec, const Counterfactual& cf);

}  // namespace cxsim::models
