// The validated scenario the contact-centre model runs: plain data, filled in by the Python layer.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "sim/distribution.hpp"

namespace cxsim::models {

inline constexpr double kSecondsPerDay = 86400.0;

struct CallTypeSpec {
  std::string name;
  double share = 1.0;                  // of arrivals
  std::uint8_t priority = 0;           // 0 is served first
  double containment = 0.0;            // probability of self-service in the IVR
  sim::Distribution handle_time;       // talk time, seconds
  sim::Distribution patience;          // seconds; none = never abandons
};

struct ArrivalSpec {
  // Calls per hour in each profile slot of the week, slot after slot from the week's first
  // day at 00:00; a single slot is a constant rate around the clock.
  std::vector<double> rate_per_hour{0.0};
  double slot_seconds = 7 * kSecondsPerDay;
};

struct IvrSpec {
  std::uint32_t levels = 0;
  double seconds_per_level = 0.0;
  double misroute_probability = 0.0;   // a misrouted call needs a transfer at the agent
  double transfer_time_s = 0.0;        // extra handle time of a misrouted call
  double zero_out_probability = 0.0;   // per level: the caller presses 0 for an agent
};

struct RedialSpec {
  double probability = 0.0;            // an abandoning caller calls again
  sim::Distribution delay;             // seconds until the redial
};

struct ShiftSpec {
  double start_s = 0.0;                // seconds after midnight
  double length_s = kSecondsPerDay;
  std::uint8_t weekdays = 0x7f;        // bit d set: works on weekday d (0 = Monday)
  std::uint32_t count = 0;             // agents on this shift
};

struct ScenarioSpec {
  double horizon_s = kSecondsPerDay;
  double warmup_s = 0.0;
  double interval_s = 1800.0;
  std::uint32_t start_weekday = 0;     // weekday of day 0 (0 = Monday)
  double service_level_s = 20.0;       // answered within this counts toward service level
  double short_abandon_s = 0.0;        // abandons within this are also counted as short
  ArrivalSpec arrivals;
  std::vector<CallTypeSpec> call_types;
  IvrSpec ivr;
  RedialSpec redial;
  double after_call_work_s = 0.0;
  std::vector<ShiftSpec> shifts;       // a constant headcount is one shift of 24 h every day
};

}  // namespace cxsim::models
