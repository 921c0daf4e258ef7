// Runs the replications of a scenario and lays out their results, optionally recording to HDF5.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "models/channels.hpp"
#include "models/results_layout.hpp"
#include "models/spec.hpp"
#include "sim/replicate.hpp"

namespace cxsim::models {

struct RunOptions {
  std::uint32_t replications = 1;
  std::uint64_t seed = 0;
  std::uint32_t threads = 0;                      // 0: all cores
  std::string output;                             // HDF5 path; empty: keep results in memory only
  bool call_log = false;                          // record every call attempt (needs an output)
  bool customer_summary = false;                  // record every customer at the end (needs an output)
  std::map<std::string, std::string> attributes;  // extra file metadata (scenario text, ...)
  // Replication i of this run draws the streams of replication first_replication + i, so a
  // run of one replication reproduces that replication of a longer run (a sweep's task).
  std::uint32_t first_replication = 0;
  // Channels held at a reference scenario's values (explaining a policy's effect); none by default.
  Counterfactual counterfactual;
};

// A run's results as laid out in the file: the root's attributes ("" group), then the groups
// intervals, daily, replications, agents (workforce on), segments (customers on) and summary.
struct RunResult {
  std::uint32_t replications = 0;
  std::vector<Dataset> datasets;
  const Dataset& group(const std::string& name) const;
};

RunResult run(const ScenarioSpec& spec, const RunOptions& options, sim::Progress* progress);

// What built the engine, as every file cxsim writes records it at its root: cxsim_version and
// git_revision (the commit, "+dirty" when the tree had changes).
std::vector<std::pair<std::string, std::string>> provenance();

}  // namespace cxsim::models
