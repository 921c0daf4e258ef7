// Small scenario specs shared by the model tests.
#pragma once

#include <cmath>
#include <limits>

#include "models/spec.hpp"

namespace cxsim::test {

// M/M/n+M around the clock (patience none gives M/M/n), no IVR, no redials.
inline models::ScenarioSpec erlang(double calls_per_hour, std::uint32_t agents, double aht_s,
                                   double patience_s, double days, double warmup_days) {
  models::ScenarioSpec s;
  s.horizon_s = days * models::kSecondsPerDay;
  s.warmup_s = warmup_days * models::kSecondsPerDay;
  s.interval_s = 3600.0;
  s.arrivals.rate_per_hour = {calls_per_hour};
  models::CallTypeSpec type;
  type.name = "default";
  type.handle_time = sim::Distribution::exponential(aht_s);
  type.patience = std::isinf(patience_s) ? sim::Distribution::none()
                                         : sim::Distribution::exponential(patience_s);
  s.call_types = {type};
  s.shifts = {models::ShiftSpec{0.0, std::numeric_limits<double>::infinity(), 0x7f, agents}};
  return s;
}

// Everything on: two call types with priorities, an IVR with containment, misroutes and
// zero-outs, redials, after-call work and two shifts that overlap and leave gaps.
inline models::ScenarioSpec busy_centre() {
  models::ScenarioSpec s = erlang(120.0, 0, 200.0, 240.0, 3.0, 0.0);
  s.interval_s = 1800.0;
  s.arrivals.rate_per_hour = {60.0, 180.0, 240.0, 90.0};  // four 6-hour slots, every day
  s.arrivals.slot_seconds = 6 * 3600.0;
  models::CallTypeSpec vip = s.call_types[0];
  vip.name = "vip";
  vip.share = 0.3;
  vip.priority = 0;
  vip.handle_time = sim::Distribution::lognormal(240.0, 1.0);
  models::CallTypeSpec regular = s.call_types[0];
  regular.name = "regular";
  regular.share = 0.7;
  regular.priority = 1;
  regular.containment = 0.25;
  s.call_types = {vip, regular};
  s.ivr = models::IvrSpec{2, 12.0, 0.1, 45.0, 0.05};
  s.redial = models::RedialSpec{0.5, sim::Distribution::exponential(300.0)};
  s.after_call_work_s = 20.0;
  s.shifts = {models::ShiftSpec{6 * 3600.0, 9 * 3600.0, 0x1f, 12},
              models::ShiftSpec{12 * 3600.0, 10 * 3600.0, 0x7f, 10}};
  return s;
}

}  // namespace cxsim::test
