// The results of a run, laid out once: groups of variables over named dimensions, with units,
// long names and attributes (code tables included). The HDF5 writer writes exactly this and
// the Python module hands it to cxsim.results, which builds its xarray datasets from it; the
// layout is described in docs/results.md.
#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <variant>
#include <vector>

namespace cxsim::models {

using Attribute = std::variant<std::string, double, std::int64_t, std::uint64_t, std::vector<std::string>>;

// A dimension and its coordinate variable.
struct Coordinate {
  std::string name;
  std::variant<std::vector<double>, std::vector<std::int64_t>, std::vector<std::string>> values;
  std::string units, long_name;
  std::size_t size() const {
    return std::visit([](const auto& v) { return v.size(); }, values);
  }
};

// A variable: row-major over its dimensions.
struct Variable {
  std::string name;
  std::vector<std::string> dims;
  std::vector<double> data;
  std::string units, long_name;
};

// A group: "" is the file's root (attributes only).
struct Dataset {
  std::string name;
  std::vector<Coordinate> dims;
  std::vector<Variable> variables;
  std::vector<std::pair<std::string, Attribute>> attrs;

  const Variable& variable(const std::string& name) const;
};

// The code table of a call log or customer summary field: the name of each code, stored as
// the group's attribute "<field>_categories".
std::string categories_attribute(const std::string& field);

// The names of the call log's outcome codes (Outcome's order).
const std::vector<std::string>& outcome_names();

// A field of a per-record table that becomes one variable: name, units, long name.
struct FieldInfo {
  const char* name;
  const char* units;
  const char* long_name;
};
// The agent panel's fields, in Workforce::panel's order.
extern const FieldInfo kPanelLayout[8];
// The segment totals, in SegmentField's order (customers.hpp).
extern const FieldInfo kSegmentLayout[9];
// A segment's day, in SegmentDayField's order (customers.hpp).
extern const FieldInfo kSegmentDayLayout[5];

}  // namespace cxsim::models

namespace cxsim::models::layout {

// The dimensions of the layout.
Coordinate replication(std::uint32_t replications);
Coordinate interval(std::uint32_t intervals, double interval_s);
Coordinate day(std::uint32_t days);
Coordinate agent(std::uint32_t seats);
Coordinate segment(const std::vector<std::string>& names);
Coordinate call_type(const std::vector<std::string>& names);

// Every KPI over (replication[, period]) from values laid out [metric][replication][period].
Dataset metrics(const std::string& name, const std::vector<double>& values, std::uint32_t replications,
                const Coordinate* period);
// The per-call-type KPIs (type_metrics()) over (replication[, period], call_type) from values
// laid out [metric][replication][period][type].
Dataset call_types(const std::string& name, const std::vector<double>& values, std::uint32_t replications,
                   const Coordinate* period, const std::vector<std::string>& types);
// The daily agent panel from rows [replication][day][seat][field].
Dataset agents(const std::vector<float>& panel, std::uint32_t replications, std::uint32_t days, std::uint32_t seats);
// Segment totals from [replication][segment][SegmentField].
Dataset segments(const std::vector<double>& totals, std::uint32_t replications, const std::vector<std::string>& names);
// Segments' days from [replication][day][segment][SegmentDayField].
Dataset segments_daily(const std::vector<double>& days, std::uint32_t replications, std::uint32_t n_days,
                       const std::vector<std::string>& names);
// Mean, standard deviation, 95% interval and count over replications of each KPI.
struct Summary {
  double mean, std, ci_low, ci_high, n;
};
Dataset summary(const std::vector<Summary>& per_metric);

}  // namespace cxsim::models::layout
