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

using Attribute = std::variant<std::string, double, std::int64_t, std::uint64_t, std::vector<std::string>,
                               std::vector<double>, std::vector<std::uint8_t>>;
using Attributes = std::vector<std::pair<std::string, Attribute>>;

// The conventions every file cxsim writes follows (its root attribute `Conventions`).
inline constexpr const char* kConventions = "CF-1.10";
// The root attribute `title` of a run's file, which tells it from cxsim's other files.
inline constexpr const char* kRunTitle = "cxsim contact-centre simulation results";

// A dimension and its coordinate variable.
struct Coordinate {
  std::string name;
  std::variant<std::vector<double>, std::vector<std::int64_t>, std::vector<std::string>> values;
  std::string units, long_name;
  std::size_t size() const {
    return std::visit([](const auto& v) { return v.size(); }, values);
  }
};

// A variable: row-major over its dimensions; `units` is valid for UDUNITS-2 (money: "1", with
// the ISO 4217 code in the attribute `currency`), `attrs` holds any other CF attribute.
struct Variable {
  std::string name;
  std::vector<std::string> dims;
  std::vector<double> data;
  std::string units, long_name;
  Attributes attrs = {};
};

// A group: "" is the file's root (attributes only).
struct Dataset {
  std::string name;
  std::vector<Coordinate> dims;
  std::vector<Variable> variables;
  Attributes attrs;

  const Variable& variable(const std::string& name) const;
};

// A code table as CF flags, for a variable holding the codes: `flag_values` 0, 1, … and
// `flag_meanings` the names, blank-separated (characters CF does not allow in a word become "_").
Attributes flags(const std::vector<std::string>& names);
// The code table of a compound table's field (the call log's outcome, say), stored as the
// group's attributes "<field>_categories" (the names), and "<field>_flag_values" and
// "<field>_flag_meanings" (CF's flags, named after the field: a compound member is no variable).
Attributes code_table(const std::string& field, const std::vector<std::string>& names);

// The names of the call log's outcome codes (Outcome's order).
const std::vector<std::string>& outcome_names();

// A field of a per-record table that becomes one variable: name, units, long name, and whether
// it is money (in the scenario's currency).
struct FieldInfo {
  const char* name;
  const char* units;
  const char* long_name;
  bool money = false;
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

// Every KPI over (replication[, period]) from values laid out [metric][replication][period];
// money in `currency`.
Dataset metrics(const std::string& name, const std::vector<double>& values, std::uint32_t replications,
                const Coordinate* period, const std::string& currency);
// The per-call-type KPIs (type_metrics()) over (replication[, period], call_type) from values
// laid out [metric][replication][period][type]; money in `currency`.
Dataset call_types(const std::string& name, const std::vector<double>& values, std::uint32_t replications,
                   const Coordinate* period, const std::vector<std::string>& types, const std::string& currency);
// The daily agent panel from rows [replication][day][seat][field].
Dataset agents(const std::vector<float>& panel, std::uint32_t replications, std::uint32_t days, std::uint32_t seats);
// Segment totals from [replication][segment][SegmentField]; money in `currency`.
Dataset segments(const std::vector<double>& totals, std::uint32_t replications, const std::vector<std::string>& names,
                 const std::string& currency);
// Segments' days from [replication][day][segment][SegmentDayField].
Dataset segments_daily(const std::vector<double>& days, std::uint32_t replications, std::uint32_t n_days,
                       const std::vector<std::string>& names);
// Mean, standard deviation, 95% interval and count over replications of each KPI.
struct Summary {
  double mean, std, ci_low, ci_high, n;
};
Dataset summary(const std::vector<Summary>& per_metric);

// CF time coordinates a reader decodes into dates: to a group with a `day` dimension, the
// variable `date` (days since 2001-01-01, a Monday, so day 0 falls on `start_weekday`: Monday
// 0); with an `interval` dimension, `time` (seconds since then). Each variable over that
// dimension names it in its `coordinates` attribute. The calendar date is nominal.
void add_time_coordinates(Dataset& d, std::uint32_t start_weekday);

}  // namespace cxsim::models::layout
