// Small scenario specs shared by the model tests, built on the schema's defaults (the structs
// are generated from it), so the tests run the model users run; a test switches a mechanism
// off (or on) explicitly where it needs to.
#pragma once

#include <cmath>
#include <cstdint>

#include "models/spec.hpp"

namespace cxsim::test {

// M/M/n+M around the clock (infinite patience gives M/M/n), no IVR, no redials; the
// behavioural model is off by default (customers and workforce disabled).
inline models::ScenarioSpec erlang(double calls_per_hour, std::uint32_t agents, double aht_s, double patience_s,
                                   std::int64_t days, double warmup_days) {
  using models::DistKind;
  models::ScenarioSpec s;
  s.simulation.horizon_days = days;
  s.simulation.warmup_days = warmup_days;
  s.simulation.interval_minutes = 60;
  s.arrivals.calls_per_hour = calls_per_hour;
  s.service.handle_time_dist = DistKind::Exponential;
  s.service.mean_handle_time_s = aht_s;
  s.callers.patience_dist = std::isinf(patience_s) ? DistKind::None : DistKind::Exponential;
  s.callers.mean_patience_s = std::isinf(patience_s) ? 1.0 : patience_s;
  s.agents.count = agents;
  return s;
}

// Everything on: two call types with priorities, an IVR with containment, misroutes and
// zero-outs, redials, after-call work and two shifts that overlap and leave gaps.
inline models::ScenarioSpec busy_centre() {
  using models::DistKind;
  models::ScenarioSpec s = erlang(120.0, 0, 200.0, 240.0, 3, 0.0);
  s.simulation.interval_minutes = 30;
  s.arrivals.calls_per_hour.reset();  // four 6-hour slots, every day: 60, 180, 240 and 90 calls/h
  s.arrivals.weekly_profile = std::vector<std::vector<double>>(7, {60.0, 180.0, 240.0, 90.0});
  s.arrivals.daily_volume = (60.0 + 180.0 + 240.0 + 90.0) * 6.0;
  models::CallTypeSpec vip;
  vip.name = "vip";
  vip.share = 0.3;
  vip.priority = 0;
  vip.handle_time_dist = DistKind::Lognormal;
  vip.mean_handle_time_s = 240.0;
  vip.handle_time_cv = 1.0;
  models::CallTypeSpec regular;
  regular.name = "regular";
  regular.share = 0.7;
  regular.priority = 1;
  regular.containment = 0.25;
  s.call_types = {vip, regular};
  s.ivr = models::IvrSpec{.levels = 2,
                          .seconds_per_level = 12.0,
                          .misroute_probability = 0.1,
                          .transfer_time_s = 45.0,
                          .zero_out_probability = 0.05};
  s.callers.redial_probability = 0.5;
  s.callers.redial_delay_dist = DistKind::Exponential;
  s.callers.mean_redial_delay_s = 300.0;
  s.service.after_call_work_s = 20.0;
  s.agents.count.reset();
  s.agents.shifts = {
      models::ShiftSpec{.name = "early", .start = 6 * 3600.0, .length_hours = 9.0, .days = 0x1f, .count = 12},
      models::ShiftSpec{.name = "late", .start = 12 * 3600.0, .length_hours = 10.0, .days = 0x7f, .count = 10}};
  return s;
}

}  // namespace cxsim::test
