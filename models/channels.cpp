// The channel table and which channels a pair of scenarios puts in play.
#include "models/channels.hpp"

#include <stdexcept>
#include <string>
#include <tuple>

namespace cxsim::models {

const std::array<ChannelInfo, kChannels>& channel_table() {
  static const std::array<ChannelInfo, kChannels> table{{
      {"resolution", "aht", "compression toward the AHT target -> resolution"},
      {"strain", "aht", "compression -> exhaustion and engagement"},
      {"pressure_quits", "aht", "the target's coaching pressure -> quits"},
      {"capacity", "aht", "shorter talk -> agents' time, so capacity and waits"},
      {"engagement_service", "recognition", "recognition's engagement -> resolution and satisfaction"},
      {"engagement_quits", "recognition", "recognition's engagement -> quits, so experience on the floor"},
      {"menu", "ivr", "the menu passed (levels, zero-out) -> time in the IVR, frustration and effort"},
      {"self_service", "ivr", "self-service containment -> load; failed attempts' frustration and effort"},
      {"misroute", "ivr", "misroutes -> transfers (time, resolution, frustration)"},
      {"callback", "callback", "the callback offer -> waiting off the line"},
  }};
  return table;
}

namespace {

// What the AHT pressure and its quit multiplier read (aht_pressure, Workforce::set_policy).
auto aht_lever(const ScenarioSpec& s) {
  const PolicySpec& p = s.policy;
  const RecognitionSpec& r = s.recognition;
  const bool chasing = r.manager_cadence_days && r.criterion == Criterion::Aht;
  return std::make_tuple(p.aht_target_s, p.start_day, p.aht_target_erosion_days, p.aht_compression,
                         p.aht_pressure_quit_multiplier, chasing, chasing ? r.aht_chasing : 0.0);
}

// What the recognition programmes read (Recognition, ContactCentre::score), and when they start.
auto recognition_lever(const ScenarioSpec& s) { return std::make_tuple(s.recognition, s.policy.start_day); }

auto menu_lever(const ScenarioSpec& s) {
  return std::make_tuple(s.ivr.levels, s.ivr.seconds_per_level, s.ivr.zero_out_probability);
}

// The IVR routes a call by its type: its channels can be held only between scenarios with as many.
bool same_call_types(const ScenarioSpec& a, const ScenarioSpec& b) {
  return call_types(a).size() == call_types(b).size();
}

// Whether a call is contained depends on the menu too: a zero-out skips self-service.
// Both have as many call types (same_call_types).
bool self_service_differs(const ScenarioSpec& a, const ScenarioSpec& b) {
  const std::vector<CallType> ta = call_types(a), tb = call_types(b);
  for (std::size_t i = 0; i < ta.size(); ++i)
    if (ta[i].containment != tb[i].containment) return true;
  return std::tie(a.ivr.levels, a.ivr.zero_out_probability, a.ivr.containment_selectivity, a.ivr.containment_profile) !=
         std::tie(b.ivr.levels, b.ivr.zero_out_probability, b.ivr.containment_selectivity, b.ivr.containment_profile);
}

}  // namespace

std::vector<Channel> channels_in_play(const ScenarioSpec& spec, const ScenarioSpec& reference) {
  std::vector<Channel> out;
  if (aht_lever(spec) != aht_lever(reference))
    out.insert(out.end(), {Channel::Resolution, Channel::Strain, Channel::PressureQuits, Channel::Capacity});
  if (recognition_lever(spec) != recognition_lever(reference))
    out.insert(out.end(), {Channel::EngagementService, Channel::EngagementQuits});
  if (same_call_types(spec, reference)) {
    if (menu_lever(spec) != menu_lever(reference)) out.push_back(Channel::Menu);
    if (self_service_differs(spec, reference)) out.push_back(Channel::SelfService);
    if (std::tie(spec.ivr.misroute_probability, spec.ivr.transfer_time_s) !=
        std::tie(reference.ivr.misroute_probability, reference.ivr.transfer_time_s))
      out.push_back(Channel::Misroute);
  }
  if (spec.callback != reference.callback) out.push_back(Channel::Callback);
  return out;
}

void check_holdable(const ScenarioSpec& spec, const Counterfactual& cf) {
  if (cf.holds_ivr() && !same_call_types(spec, *cf.reference))
    throw std::invalid_argument("the IVR's channels cannot be held: the scenario has " +
                                std::to_string(call_types(spec).size()) + " call types, its reference " +
                                std::to_string(call_types(*cf.reference).size()));
}

}  // namespace cxsim::models
