// How a scenario's IVR routes one attempt: the menu levels it passes (a zero-out ends the menu
// early), whether self-service contains it, and whether it is misrouted (docs/model.md, "IVR").
#pragma once

#include <cstdint>
#include <vector>

#include "models/behaviour.hpp"
#include "models/spec.hpp"

namespace cxsim::models {

struct IvrPath {
  std::uint32_t levels = 0;  // menu levels passed
  bool zero_out = false;
  bool contained = false;
  bool self_service_failed = false;  // tried self-service and still needs an agent
  bool misrouted = false;
};

class Ivr {
 public:
  Ivr(const ScenarioSpec& spec, std::uint32_t intervals_per_day);
  Ivr(ScenarioSpec&&, std::uint32_t) = delete;  // holds the spec by reference

  // Whether calls pass a menu at all (ivr.levels > 0).
  bool present() const { return spec_.ivr.levels > 0; }
  double seconds_per_level() const { return spec_.ivr.seconds_per_level; }
  // The path of an attempt of call type `type` arriving in interval `week` of the week, whose
  // talk would be `talk_s` against its type's median `median_s` (both scaled by the slot's talk
  // factor), from its three uniform draws. A redial or a repeat contact (not `first_attempt`)
  // does not try self-service again.
  IvrPath route(std::uint8_t type, std::uint32_t week, double talk_s, double median_s, bool first_attempt,
                double u_contain, double u_misroute, double u_zero) const;

 private:
  const ScenarioSpec& spec_;
  const Behaviour behaviour_;
  std::vector<double> containment_;               // per call type
  const std::vector<double> containment_factor_;  // ivr.containment_profile per interval of the week
  double zero_out_by_last_level_;                 // P(zero-out somewhere in the menu)
};

}  // namespace cxsim::models
