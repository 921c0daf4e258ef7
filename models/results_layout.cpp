// The layout of a run's results: dimensions, variables, units and code tables.
#include "models/results_layout.hpp"

#include <algorithm>
#include <cctype>
#include <cstring>
#include <span>
#include <stdexcept>
#include <string_view>
#include <type_traits>

#include "models/call_log.hpp"
#include "models/customers.hpp"
#include "models/kpi.hpp"
#include "models/workforce.hpp"

namespace cxsim::models {

const Variable& Dataset::variable(const std::string& wanted) const {
  for (const Variable& v : variables)
    if (v.name == wanted) return v;
  throw std::out_of_range("no variable " + wanted + " in group " + name);
}

namespace {
// The names as CF's flag_meanings: words of letters, digits and _-.+@, separated by blanks.
std::string flag_meanings(const std::vector<std::string>& names) {
  std::string out;
  for (const std::string& name : names) {
    if (!out.empty()) out += ' ';
    if (name.empty()) out += '_';
    for (const char c : name) out += std::isalnum(static_cast<unsigned char>(c)) || std::strchr("_-.+@", c) ? c : '_';
  }
  return out;
}
}  // namespace

Attributes flags(const std::vector<std::string>& names) {
  std::vector<double> values(names.size());
  for (std::size_t i = 0; i < names.size(); ++i) values[i] = static_cast<double>(i);
  return {{"flag_values", values}, {"flag_meanings", flag_meanings(names)}};
}

Attributes code_table(const std::string& field, const std::vector<std::string>& names) {
  std::vector<std::uint8_t> values(names.size());
  for (std::size_t i = 0; i < names.size(); ++i) values[i] = static_cast<std::uint8_t>(i);
  return {{field + "_categories", names},
          {field + "_flag_values", values},
          {field + "_flag_meanings", flag_meanings(names)}};
}

const std::vector<std::string>& outcome_names() {
  static const std::vector<std::string> names(std::begin(kOutcomeNames), std::end(kOutcomeNames));
  return names;
}

const FieldInfo kPanelLayout[8] = {
    {"engagement", "1", "engagement during the day (SD from baseline)"},
    {"exhaustion", "1", "exhaustion during the day (1 is typical)"},
    {"tenure_days", "day", "tenure at the end of the day (NaN: seat vacant)"},
    {"calls", "1", "calls handled during the day"},
    {"aht_s", "s", "mean handle time of the day's calls"},
    {"fcr", "1", "share of the day's calls that resolved the issue"},
    {"praise", "1", "customer praise passed on to the agent that day"},
    {"status", "1", "the seat's status for the day (flag_meanings names each code)"},
};

const FieldInfo kSegmentLayout[9] = {
    {"customers", "1", "customers ever in the segment (initial and acquired)"},
    {"customers_at_end", "1", "active customers at the horizon"},
    {"churned", "1", "customers who churned (after an issue or for other reasons)"},
    {"churn_rate", "1", "churned / customers"},
    {"issues", "1", "issues raised"},
    {"contacts", "1", "contacts made about them"},
    {"unresolved", "1", "issues given up unresolved"},
    {"effort", "1", "effort of the closed issues, summed"},
    {"value_monthly_churned", "1/month", "monthly value of the customers who churned", true},
};

const FieldInfo kSegmentDayLayout[5] = {
    {"churned", "1", "customers who churned that day (after an issue or for other reasons)"},
    {"churned_service", "1", "customers who churned right after an issue that day"},
    {"issues", "1", "issues raised that day"},
    {"contacts", "1", "contacts made that day (first and repeat)"},
    {"unresolved", "1", "issues given up unresolved that day"},
};

static_assert(std::size(kPanelLayout) == Workforce::kPanelFields);
static_assert(std::size(kSegmentDayLayout) == kSegmentDayFieldCount);
static_assert(std::size(kSegmentLayout) == kSegmentFieldCount);

namespace layout {

namespace {
std::vector<std::int64_t> index(std::uint32_t n) {
  std::vector<std::int64_t> out(n);
  for (std::uint32_t i = 0; i < n; ++i) out[i] = i;
  return out;
}
}  // namespace

Coordinate replication(std::uint32_t replications) {
  return {"replication", index(replications), "1", "replication index"};
}

Coordinate interval(std::uint32_t intervals, double interval_s) {
  std::vector<double> starts(intervals);
  for (std::uint32_t i = 0; i < intervals; ++i) starts[i] = i * interval_s;
  return {"interval", starts, "s", "start of the interval since the simulation start"};
}

Coordinate day(std::uint32_t days) { return {"day", index(days), "day", "day since the simulation start"}; }

Coordinate agent(std::uint32_t seats) { return {"agent", index(seats), "1", "seat index (shifts in scenario order)"}; }

Coordinate segment(const std::vector<std::string>& names) { return {"segment", names, "", "customer segment"}; }

Coordinate call_type(const std::vector<std::string>& names) { return {"call_type", names, "", "call type"}; }

namespace {
// The attributes of a variable that is money, or none.
Attributes money(bool is_money, const std::string& currency) {
  return is_money ? Attributes{{"currency", currency}} : Attributes{};
}

// Each of `which` over (replication[, period][, call_type]) from values laid out
// [metric][replication][period][type].
Dataset metric_dataset(const std::string& name, const std::vector<double>& values, std::uint32_t replications,
                       const Coordinate* period, const std::vector<std::string>* types, std::span<const Metric> which,
                       const std::string& currency) {
  Dataset d{name, {replication(replications)}, {}, {}};
  if (period) d.dims.push_back(*period);
  if (types) d.dims.push_back(call_type(*types));
  std::vector<std::string> dims;
  std::size_t cells = 1;
  for (const Coordinate& c : d.dims) {
    dims.push_back(c.name);
    cells *= c.size();
  }
  for (std::size_t m = 0; m < which.size(); ++m)
    d.variables.push_back(Variable{which[m].name, dims,
                                   std::vector<double>(values.begin() + m * cells, values.begin() + (m + 1) * cells),
                                   which[m].units, which[m].long_name, money(which[m].money, currency)});
  return d;
}
}  // namespace

Dataset metrics(const std::string& name, const std::vector<double>& values, std::uint32_t replications,
                const Coordinate* period, const std::string& currency) {
  return metric_dataset(name, values, replications, period, nullptr, models::metrics(), currency);
}

Dataset call_types(const std::string& name, const std::vector<double>& values, std::uint32_t replications,
                   const Coordinate* period, const std::vector<std::string>& types, const std::string& currency) {
  return metric_dataset(name, values, replications, period, &types, type_metrics(), currency);
}

namespace {
// One variable per field from records laid out [cell][field].
template <class T, std::size_t N>
void add_columns(Dataset& d, const std::vector<T>& records, const FieldInfo (&fields)[N],
                 const std::vector<std::string>& dims, const std::string& currency = "") {
  const std::size_t cells = records.size() / N;
  for (std::size_t f = 0; f < N; ++f) {
    std::vector<double> column(cells);
    for (std::size_t i = 0; i < cells; ++i) column[i] = records[i * N + f];
    d.variables.push_back(Variable{fields[f].name, dims, std::move(column), fields[f].units, fields[f].long_name,
                                   money(fields[f].money, currency)});
  }
}
}  // namespace

Dataset agents(const std::vector<float>& panel, std::uint32_t replications, std::uint32_t days, std::uint32_t seats) {
  Dataset d{"agents", {replication(replications), day(days), agent(seats)}, {}, {}};
  add_columns(d, panel, kPanelLayout, {"replication", "day", "agent"});
  const std::vector<std::string> statuses(std::begin(Workforce::kPanelStatusNames),
                                          std::end(Workforce::kPanelStatusNames));
  d.variables[Workforce::kPanelStatusField].attrs = flags(statuses);
  return d;
}

Dataset segments(const std::vector<double>& totals, std::uint32_t replications, const std::vector<std::string>& names,
                 const std::string& currency) {
  Dataset d{"segments",
            {replication(replications), segment(names)},
            {},
            {{"period", std::string("the whole horizon, at its end")}}};
  add_columns(d, totals, kSegmentLayout, {"replication", "segment"}, currency);
  return d;
}

Dataset segments_daily(const std::vector<double>& days, std::uint32_t replications, std::uint32_t n_days,
                       const std::vector<std::string>& names) {
  Dataset d{"segments_daily", {replication(replications), day(n_days), segment(names)}, {}, {}};
  add_columns(d, days, kSegmentDayLayout, {"replication", "day", "segment"});
  return d;
}

Dataset summary(const std::vector<Summary>& per_metric) {
  std::vector<std::string> names;
  for (const auto& m : models::metrics()) names.emplace_back(m.name);
  Dataset d{"summary", {Coordinate{"metric", names, "", "KPI name"}}, {}, {{"confidence_level", 0.95}}};
  const std::size_t n = per_metric.size();
  std::vector<double> mean(n), sd(n), lo(n), hi(n), count(n);
  for (std::size_t m = 0; m < n; ++m) {
    mean[m] = per_metric[m].mean;
    sd[m] = per_metric[m].std;
    lo[m] = per_metric[m].ci_low;
    hi[m] = per_metric[m].ci_high;
    count[m] = per_metric[m].n;
  }
  d.variables = {Variable{"mean", {"metric"}, mean, "", "mean over replications"},
                 Variable{"std", {"metric"}, sd, "", "standard deviation over replications"},
                 Variable{"ci95_low", {"metric"}, lo, "", "lower end of the 95% Student-t interval"},
                 Variable{"ci95_high", {"metric"}, hi, "", "upper end of the 95% Student-t interval"},
                 Variable{"n", {"metric"}, count, "1", "replications with a defined value"}};
  return d;
}

void add_time_coordinates(Dataset& d, std::uint32_t start_weekday) {
  struct Axis {
    const char *dim, *name, *units, *long_name;
    double per_day;  // the units' steps in a day
  };
  static const Axis axes[] = {
      {"day", "date", "days since 2001-01-01 00:00:00",
       "nominal date of the day (2001-01-01 is a Monday; day 0 falls on the scenario's start weekday)", 1.0},
      {"interval", "time", "seconds since 2001-01-01 00:00:00",
       "nominal start of the interval (2001-01-01 is a Monday; day 0 falls on the scenario's start weekday)",
       kSecondsPerDay}};
  for (const Axis& a : axes) {
    const auto dim = std::find_if(d.dims.begin(), d.dims.end(), [&](const Coordinate& c) { return c.name == a.dim; });
    if (dim == d.dims.end()) continue;
    std::vector<double> values;
    std::visit(
        [&](const auto& steps) {
          if constexpr (!std::is_same_v<std::decay_t<decltype(steps)>, std::vector<std::string>>)
            for (const auto step : steps) values.push_back(static_cast<double>(step) + start_weekday * a.per_day);
        },
        dim->values);
    for (Variable& v : d.variables)
      if (std::find(v.dims.begin(), v.dims.end(), a.dim) != v.dims.end()) v.attrs.emplace_back("coordinates", a.name);
    d.variables.push_back(Variable{a.name,
                                   {a.dim},
                                   std::move(values),
                                   a.units,
                                   a.long_name,
                                   {{"standard_name", std::string("time")}, {"calendar", std::string("standard")}}});
  }
}

}  // namespace layout

}  // namespace cxsim::models
