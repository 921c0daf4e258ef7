// The IVR's routing of one attempt.
#include "models/ivr.hpp"

#include <algorithm>
#include <cmath>

namespace cxsim::models {

Ivr::Ivr(const ScenarioSpec& spec, std::uint32_t intervals_per_day)
    : spec_(spec),
      behaviour_(spec),
      containment_factor_(by_week_interval(spec.ivr.containment_profile, intervals_per_day, 1.0)),
      zero_out_by_last_level_(1.0 -
                              std::pow(1.0 - spec.ivr.zero_out_probability, static_cast<double>(spec.ivr.levels))) {
  for (const CallType& t : call_types(spec)) containment_.push_back(t.containment);
}

IvrPath Ivr::route(std::uint8_t type, std::uint32_t week, double talk_s, double median_s, bool first_attempt,
                   double u_contain, double u_misroute, double u_zero) const {
  const IvrSpec& ivr = spec_.ivr;
  IvrPath path;
  if (!present()) return path;
  path.levels = static_cast<std::uint32_t>(ivr.levels);
  if (ivr.zero_out_probability > 0.0 && u_zero < zero_out_by_last_level_) {
    // Zeroed out at level k with P(no zero-out by level k) = (1 - p)^k.
    const double k = std::ceil(std::log1p(-u_zero) / std::log1p(-ivr.zero_out_probability));
    path.levels = std::clamp(static_cast<std::uint32_t>(k), 1u, path.levels);
    path.zero_out = true;
  }
  // A redialling caller wants an agent and does not try self-service again; one who tried it
  // and was not served by it failed at self-service. The slot of the week the call arrived in
  // scales its chance.
  const double factor = containment_factor_[week];
  const bool tried = first_attempt && !path.zero_out && containment_[type] * factor > 0.0;
  path.contained = tried && u_contain < behaviour_.containment(containment_[type], factor, talk_s, median_s);
  path.self_service_failed = tried && !path.contained;
  path.misrouted = u_misroute < ivr.misroute_probability;
  return path;
}

}  // namespace cxsim::models
