// The scenario spec (structs generated from the schema) and how the model reads it: units,
// duration distributions and the call types.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "models/spec_generated.hpp"
#include "sim/distribution.hpp"

namespace cxsim::models {

inline constexpr double kSecondsPerDay = 86400.0;
inline constexpr double kDaysPerMonth = 30.44;  // the schema's month
inline constexpr double kSecondsPerMonth = kDaysPerMonth * kSecondsPerDay;

inline double horizon_s(const ScenarioSpec& s) {
  return static_cast<double>(s.simulation.horizon_days) * kSecondsPerDay;
}
inline double warmup_s(const ScenarioSpec& s) { return s.simulation.warmup_days * kSecondsPerDay; }
inline double interval_s(const ScenarioSpec& s) { return static_cast<double>(s.simulation.interval_minutes) * 60.0; }
inline std::uint32_t start_weekday(const ScenarioSpec& s) {
  return static_cast<std::uint32_t>(s.simulation.start_weekday);
}

// A list of numbers a scenario may leave unset (an empirical table, a survival curve's column).
using Table = std::optional<std::vector<double>>;
// A survival curve's keys, <what>_survival_s and <what>_survival (patience only).
struct Curve {
  Table times_s, survival;
};

// A duration distribution from a section's keys <what>_dist, mean_<what>_s, <what>_cv,
// <what>_table_s (used by the empirical distribution only) and the survival curve (used by the
// survival distribution only).
sim::Distribution duration(DistKind kind, double mean, double cv, const Table& table, const Curve& curve = {});

// A call type as the model uses it: its own keys where set, else those of [service] (handle
// time) and [callers] (patience); a type that sets its own distribution does not inherit the
// section's empirical table or survival curve. No [[call_types]]: one type, "default", with the
// sections' keys.
struct CallType {
  std::string name;
  double share;
  std::uint8_t priority;          // 0 is served first
  double containment;             // chance of self-service in the IVR
  sim::Distribution handle_time;  // talk time, seconds
  sim::Distribution patience;     // seconds; none = never abandons
  double median_talk_s;           // the talk time's median (self-service takes the simpler issues)
};
std::vector<CallType> call_types(const ScenarioSpec& spec);

// A table of 7 rows (Monday first) of K slots of the day as one value per reporting interval of
// the week (Monday 00:00 is interval 0), each slot a whole number of intervals (validated), such
// as agents.staffing or service.handle_time_profile; unset: `unset` in every interval.
std::vector<double> by_week_interval(const std::optional<std::vector<std::vector<double>>>& table,
                                     std::uint32_t intervals_per_day, double unset);

}  // namespace cxsim::models
