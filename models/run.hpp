// Runs the replications of a scenario and gathers their KPIs, optionally recording to HDF5.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "models/spec.hpp"
#include "sim/replicate.hpp"
#include "sim/stats.hpp"

namespace cxsim::models {

struct RunOptions {
  std::uint32_t replications = 1;
  std::uint64_t seed = 0;
  std::uint32_t threads = 0;             // 0: all cores
  std::string output;                    // HDF5 path; empty: keep results in memory only
  bool call_log = false;                 // record every call attempt (needs an output)
  bool customer_summary = false;         // record every customer at the end (needs an output)
  std::map<std::string, std::string> attributes;  // extra file metadata (scenario text, ...)
};

// Metrics laid out [metric][replication][period]; periods are intervals, days or the run.
struct RunResult {
  std::uint32_t replications = 0;
  std::uint32_t intervals = 0;
  std::uint32_t days = 0;
  std::uint32_t first_reported_interval = 0;  // the first interval after the warm-up
  double interval_s = 0.0;
  std::vector<double> interval_metrics;
  std::vector<double> daily_metrics;
  std::vector<double> run_metrics;             // the period after the warm-up
  std::vector<sim::ReplicationSummary> summary;  // per metric, over replications
  std::uint32_t agents = 0;                    // seats in the agent panel (0: workforce off)
  std::vector<float> agent_panel;              // [replication][day][agent][field]
  std::vector<std::string> segments;           // customer segments' names (none: customers off)
  std::vector<double> segment_totals;          // [replication][segment][kSegmentFields]
  // Quartiles over active employees: [stat][replication][day], stats in kQuartileNames order.
  std::vector<double> daily_quartiles;
  std::string started_utc;
  double wall_time_s = 0.0;
  std::uint64_t events = 0;  // events simulated, every replication together
};

inline constexpr const char* kQuartileNames[6] = {"engagement_q25", "engagement_q50", "engagement_q75",
                                                   "exhaustion_q25", "exhaustion_q50", "exhaustion_q75"};

RunResult run(const ScenarioSpec& spec, const RunOptions& options, sim::Progress* progress);

}  // namespace cxsim::models
