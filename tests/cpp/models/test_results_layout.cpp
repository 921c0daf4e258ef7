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
  const Dataset d = layout::metrics("daily", values, reps, &day, "EUR");
  ASSERT_EQ(d.variables.size(), n);
  const Variable& second = d.variables[1];
  EXPECT_EQ(second.name, std::string(metrics()[1].name));
  EXPECT_EQ(second.dims, (std::vector<std::string>{"replication", "day"}));
  EXPECT_EQ(second.data.front(), static_cast<double>(reps * periods));  // metric 1's block
  EXPECT_EQ(second.data.size(), reps * periods);
  for (std::size_t m = 0; m < n; ++m) {  // money carries its currency beside units "1"
    const Attributes expected = metrics()[m].money ? Attributes{{"currency", std::string("EUR")}} : Attributes{};
    EXPECT_EQ(d.variables[m].attrs, expected) << d.variables[m].name;
    if (metrics()[m].money) EXPECT_EQ(d.variables[m].units, "1");
  }
}

TEST(ResultsLayout, TimeCoordinatesAreNominalDatesFromTheStartWeekday) {
  const std::size_t n = metrics().size();
  const Coordinate day = layout::day(2), interval = layout::interval(3, 1800.0);
  Dataset daily = layout::metrics("daily", std::vector<double>(n * 2, 0.0), 1, &day, "USD");
  Dataset intervals = layout::metrics("intervals", std::vector<double>(n * 3, 0.0), 1, &interval, "USD");
  layout::add_time_coordinates(daily, 2);  // Wednesday: 2001-01-03
  layout::add_time_coordinates(intervals, 2);
  const Variable& date = daily.variable("date");
  EXPECT_EQ(date.units, "days since 2001-01-01 00:00:00");
  EXPECT_EQ(date.data, (std::vector<double>{2.0, 3.0}));
  const Variable& time = intervals.variable("time");
  EXPECT_EQ(time.units, "seconds since 2001-01-01 00:00:00");
  EXPECT_EQ(time.data, (std::vector<double>{2 * 86400.0, 2 * 86400.0 + 1800.0, 2 * 86400.0 + 3600.0}));
  const Attribute coordinates = std::string("date");
  EXPECT_EQ(daily.variables.front().attrs.back(), std::make_pair(std::string("coordinates"), coordinates));
}

TEST(ResultsLayout, AgentPanelFieldsAreColumns) {
  std::vector<float> panel;  // 1 replication, 1 day, 2 seats, 8 fields
  for (int seat = 0; seat < 2; ++seat)
    for (int f = 0; f < 8; ++f) panel.push_back(static_cast<float>(10 * seat + f));
  const Dataset d = layout::agents(panel, 1, 1, 2);
  EXPECT_EQ(d.variable("exhaustion").data, (std::vector<double>{1.0, 11.0}));
  EXPECT_EQ(d.variable("status").data, (std::vector<double>{7.0, 17.0}));
  const Attributes status = d.variable("status").attrs;  // CF flags, one per Workforce::PanelStatus
  ASSERT_EQ(status.size(), 2u);
  EXPECT_EQ(status[0].second, Attribute(std::vector<double>{0.0, 1.0, 2.0, 3.0, 4.0}));
  EXPECT_EQ(status[1].second, Attribute(std::string("working absent in_training vacant no_position")));
}

TEST(ResultsLayout, CodeTablesAsCategoriesAndFlags) {
  const Attributes table = code_table("segment", {"mass", "high value", ""});
  ASSERT_EQ(table.size(), 3u);
  EXPECT_EQ(table[0].first, "segment_categories");
  EXPECT_EQ(table[1],
            std::make_pair(std::string("segment_flag_values"), Attribute(std::vector<std::uint8_t>{0, 1, 2})));
  // CF's flag_meanings are blank-separated words: a blank in a name becomes "_", an empty name "_".
  EXPECT_EQ(table[2].second, Attribute(std::string("mass high_value _")));
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
  for (const char* attribute : {"outcome_categories", "call_type_categories", "outcome_flag_values",
                                "outcome_flag_meanings", "call_type_flag_values", "call_type_flag_meanings"})
    EXPECT_GT(H5Aexists_by_name(file, "/calls", attribute, H5P_DEFAULT), 0) << attribute;
  H5Fclose(file);
  fs::remove(path);
}
