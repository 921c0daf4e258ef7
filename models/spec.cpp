// The model's reading of the scenario spec: duration distributions and call types.
#include "models/spec.hpp"

namespace cxsim::models {

sim::Distribution duration(DistKind kind, double mean, double cv, const Table& table, const Curve& curve) {
  switch (kind) {
    case DistKind::None: return sim::Distribution::none();
    case DistKind::Exponential: return sim::Distribution::exponential(mean);
    case DistKind::Lognormal: return sim::Distribution::lognormal(mean, cv);
    case DistKind::Gamma: return sim::Distribution::gamma(mean, cv);
    case DistKind::Deterministic: return sim::Distribution::deterministic(mean);
    case DistKind::Empirical: return sim::Distribution::empirical(table.value_or(std::vector<double>{}));
    case DistKind::Survival:
      return sim::Distribution::survival(curve.times_s.value_or(std::vector<double>{}),
                                         curve.survival.value_or(std::vector<double>{}));
  }
  return sim::Distribution::none();
}

namespace {
// A type's own distribution keys over its section's: each key its own where set; the data
// (table, curve) the section's only while the type keeps the section's distribution.
sim::Distribution inherited(DistKind kind, double mean, double cv, const Table& table, const Curve& curve,
                            const std::optional<DistKind>& own_kind, const std::optional<double>& own_mean,
                            const std::optional<double>& own_cv, const Table& own_table, const Curve& own_curve) {
  const auto data = [&](const Table& own, const Table& section) -> const Table& {
    return own_kind || own ? own : section;
  };
  return duration(own_kind.value_or(kind), own_mean.value_or(mean), own_cv.value_or(cv), data(own_table, table),
                  Curve{data(own_curve.times_s, curve.times_s), data(own_curve.survival, curve.survival)});
}
}  // namespace

std::vector<CallType> call_types(const ScenarioSpec& spec) {
  const ServiceSpec& s = spec.service;
  const CallersSpec& c = spec.callers;
  std::vector<CallTypeSpec> types = spec.call_types;
  if (types.empty()) {
    types.emplace_back();
    types.back().name = "default";
  }
  std::vector<CallType> out;
  for (const CallTypeSpec& t : types) {
    sim::Distribution talk =
        inherited(s.handle_time_dist, s.mean_handle_time_s, s.handle_time_cv, s.handle_time_table_s, {},
                  t.handle_time_dist, t.mean_handle_time_s, t.handle_time_cv, t.handle_time_table_s, {});
    const double median = talk.median();
    out.push_back(CallType{t.name, t.share, static_cast<std::uint8_t>(t.priority), t.containment, std::move(talk),
                           inherited(c.patience_dist, c.mean_patience_s, c.patience_cv, c.patience_table_s,
                                     {c.patience_survival_s, c.patience_survival}, t.patience_dist, t.mean_patience_s,
                                     t.patience_cv, t.patience_table_s, {t.patience_survival_s, t.patience_survival}),
                           median});
  }
  return out;
}

std::vector<double> by_week_interval(const std::optional<std::vector<std::vector<double>>>& table,
                                     std::uint32_t intervals_per_day, double unset) {
  if (!table) return std::vector<double>(7 * std::size_t{intervals_per_day}, unset);
  std::vector<double> out;
  out.reserve(7 * std::size_t{intervals_per_day});
  const std::size_t per_slot = intervals_per_day / table->front().size();
  for (const auto& row : *table)
    for (std::uint32_t k = 0; k < intervals_per_day; ++k) out.push_back(row[k / per_slot]);
  return out;
}

}  // namespace cxsim::models
