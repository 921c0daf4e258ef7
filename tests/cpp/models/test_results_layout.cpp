// The results' layout: each KPI a variable over (replication[, period]), the agent panel
// de-interleaved, and the file holding exactly the run's groups and code tables.
#include "models/results_layout.hpp"

#include <gtest/gtest.h>
#include <hdf5.h>
#include <hdf5_hl.h>

#include <filesystem>

#include "models/kpi.hpp"
#include "models/run.hpp"
#include "scenarios.hpp"

using namespace cxsim::models;
namespace fs = std::filesystem;

TEST(ResultsLayout, OneVariablePerMetricOverReplicationAndPeriod) {
  const std::size_t n = metrics().size(), reps = 2, periods = 3;
  std::vector<double> values(n * reps * periods);
  for (std::size_t i = 0; i < values.size(); ++i) values[i] = static_cast<double>(i);
  const Coordinate day = layout::day(periods);
  const Dataset d = layout::metrics("daily", values, reps, &day);
  ASSERT_EQ(d.variables.size(), n);
  const Variable& second = d.variables[1];
  EXPECT_EQ(second.name, std::string(metrics()[1].name));
  EXPECT_EQ(second.dims, (std::vector<std::string>{"replication", "day"}));
  EXPECT_EQ(second.data.front(), static_cast<double>(reps * periods));  // metric 1's block
  EXPECT_EQ(second.data.size(), reps * periods);
}

TEST(ResultsLayout, AgentPanelFieldsAreColumns) {
  std::vector<float> panel;  // 1 replication, 1 day, 2 seats, 8 fields
  for (int seat = 0; seat < 2; ++seat)
    for (int f = 0; f < 8; ++f) panel.push_back(static_cast<float>(10 * seat + f));
  const Dataset d = layout::agents(panel, 1, 1, 2);
  EXPECT_EQ(d.variable("exhaustion").data, (std::vector<double>{1.0, 11.0}));
  EXPECT_EQ(d.variable("status").data, (std::vector<double>{7.0, 17.0}));
}

TEST(ResultsLayout, TheFileHoldsTheRunsGroupsAndCodeTables) {
  const auto path = fs::temp_directory_path() / "cxsim_layout.h5";
  fs::remove(path);
  RunOptions options;
  options.replications = 2;
  options.output = path.string();
  options.call_log = true;
  const RunResult r = run(cxsim::test::busy_centre(), options, nullptr);
  const hid_t file = H5Fopen(path.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT);
  ASSERT_GE(file, 0);
  for (const Dataset& d : r.datasets) {
    if (d.name.empty()) continue;
    for (const Variable& v : d.variables) {
      std::vector<double> stored(v.data.size());
      ASSERT_GE(H5LTread_dataset_double(file, ("/" + d.name + "/" + v.name).c_str(), stored.data()), 0) << v.name;
      for (std::size_t i = 0; i < stored.size(); ++i)
        if (!std::isnan(v.data[i])) EXPECT_EQ(stored[i], v.data[i]) << d.name << "/" << v.name;
    }
  }
  for (const char* attribute : {"outcome_categories", "call_type_categories"})
    EXPECT_GT(H5Aexists_by_name(file, "/calls", attribute, H5P_DEFAULT), 0) << attribute;
  H5Fclose(file);
  fs::remove(path);
}
