// The model's reading of the spec: the schema's defaults compiled in, call types inheriting
// their sections' distributions, durations of every kind.
#include "models/spec.hpp"

#include <gtest/gtest.h>

#include <cmath>

using namespace cxsim::models;

TEST(Spec, DefaultsAreTheSchemas) {
  const ScenarioSpec s;  // spot checks of docs/scenarios.md's defaults
  EXPECT_EQ(s.simulation.horizon_days, 7);
  EXPECT_EQ(s.simulation.start_weekday, Weekday::Mon);
  EXPECT_EQ(s.service.handle_time_dist, DistKind::Lognormal);
  EXPECT_EQ(s.customers.fcr, 0.72);
  EXPECT_EQ(s.recognition.criterion, Criterion::Csat);
  EXPECT_FALSE(s.recognition.manager_cadence_days.has_value());
  EXPECT_FALSE(s.customers.enabled);
  EXPECT_FALSE(s.workforce.enabled);
  EXPECT_EQ(s.satisfaction.cutpoints, (std::vector<double>{-2.5, -1.2, -0.2, 0.88}));
  EXPECT_EQ(ShiftSpec{}.days, 0x7f);
}

TEST(Spec, UnitsOfTheSimulationSection) {
  ScenarioSpec s;
  s.simulation.horizon_days = 3;
  s.simulation.warmup_days = 0.5;
  s.simulation.interval_minutes = 15;
  s.simulation.start_weekday = Weekday::Thu;
  EXPECT_EQ(horizon_s(s), 3 * 86400.0);
  EXPECT_EQ(warmup_s(s), 43200.0);
  EXPECT_EQ(interval_s(s), 900.0);
  EXPECT_EQ(start_weekday(s), 3u);
}

TEST(Spec, WithoutCallTypesOneDefaultTypeTakesTheSections) {
  ScenarioSpec s;
  s.service.handle_time_dist = DistKind::Deterministic;
  s.service.mean_handle_time_s = 123.0;
  s.callers.patience_dist = DistKind::None;
  const auto types = call_types(s);
  ASSERT_EQ(types.size(), 1u);
  EXPECT_EQ(types[0].name, "default");
  EXPECT_EQ(types[0].share, 1.0);
  EXPECT_EQ(types[0].handle_time.mean(), 123.0);
  EXPECT_TRUE(types[0].patience.is_none());
}

TEST(Spec, CallTypesInheritTheirSectionsKeyByKey) {
  ScenarioSpec s;
  s.service.handle_time_dist = DistKind::Empirical;
  s.service.handle_time_table_s = std::vector<double>{100.0, 300.0};  // mean 200
  s.callers.patience_dist = DistKind::Exponential;
  s.callers.mean_patience_s = 345.0;
  CallTypeSpec inherits, own_mean, own_dist;
  inherits.name = "inherits";
  own_mean.name = "own_mean";
  own_mean.mean_patience_s = 639.0;  // the section's exponential, its own mean
  own_dist.name = "own_dist";
  own_dist.handle_time_dist = DistKind::Deterministic;  // its own kind drops the section's table
  own_dist.mean_handle_time_s = 50.0;
  s.call_types = {inherits, own_mean, own_dist};
  const auto types = call_types(s);
  EXPECT_DOUBLE_EQ(types[0].handle_time.mean(), 200.0);
  EXPECT_DOUBLE_EQ(types[0].patience.mean(), 345.0);
  EXPECT_DOUBLE_EQ(types[1].patience.mean(), 639.0);
  EXPECT_EQ(types[1].patience.kind(), cxsim::sim::Distribution::Kind::Exponential);
  EXPECT_EQ(types[2].handle_time.kind(), cxsim::sim::Distribution::Kind::Deterministic);
  EXPECT_DOUBLE_EQ(types[2].handle_time.mean(), 50.0);
}

TEST(Spec, DurationOfEveryKind) {
  using K = cxsim::sim::Distribution::Kind;
  EXPECT_EQ(duration(DistKind::None, 1.0, 1.0, std::nullopt).kind(), K::None);
  EXPECT_DOUBLE_EQ(duration(DistKind::Exponential, 60.0, 5.0, std::nullopt).mean(), 60.0);
  EXPECT_DOUBLE_EQ(duration(DistKind::Lognormal, 60.0, 1.2, std::nullopt).mean(), 60.0);
  EXPECT_DOUBLE_EQ(duration(DistKind::Gamma, 60.0, 0.5, std::nullopt).mean(), 60.0);
  EXPECT_EQ(duration(DistKind::Deterministic, 60.0, 1.0, std::nullopt).kind(), K::Deterministic);
  EXPECT_DOUBLE_EQ(duration(DistKind::Empirical, 1.0, 1.0, std::vector<double>{10.0, 30.0}).mean(), 20.0);
  const Curve curve{std::vector<double>{100.0, 200.0}, std::vector<double>{0.5, 0.0}};  // ∫S = 75 + 25
  EXPECT_DOUBLE_EQ(duration(DistKind::Survival, 1.0, 1.0, std::nullopt, curve).mean(), 100.0);
}

TEST(Spec, CallTypesInheritTheSurvivalCurveUnlessTheySetTheirOwnDistribution) {
  ScenarioSpec s;
  s.callers.patience_dist = DistKind::Survival;
  s.callers.patience_survival_s = std::vector<double>{100.0, 200.0};
  s.callers.patience_survival = std::vector<double>{0.5, 0.0};  // mean 100 s
  CallTypeSpec inherits, own_values, own_dist;
  inherits.name = "inherits";
  own_values.name = "own_values";
  own_values.patience_survival = std::vector<double>{1.0, 0.0};  // the section's times: mean 100 + 50
  own_dist.name = "own_dist";
  own_dist.patience_dist = DistKind::Exponential;  // its own kind drops the section's curve
  own_dist.mean_patience_s = 60.0;
  s.call_types = {inherits, own_values, own_dist};
  const auto types = call_types(s);
  EXPECT_EQ(types[0].patience.kind(), cxsim::sim::Distribution::Kind::Survival);
  EXPECT_DOUBLE_EQ(types[0].patience.mean(), 100.0);
  EXPECT_DOUBLE_EQ(types[1].patience.mean(), 150.0);
  EXPECT_EQ(types[2].patience.kind(), cxsim::sim::Distribution::Kind::Exponential);
  EXPECT_DOUBLE_EQ(types[2].patience.mean(), 60.0);
}

TEST(Spec, WeeklyTableByIntervalOfTheWeek) {
  // Two 12-hour slots a day, half-hour intervals: 24 intervals per slot, Monday first.
  std::vector<std::vector<double>> table;
  for (int d = 0; d < 7; ++d) table.push_back({10.0 * d, 10.0 * d + 1.0});
  const std::vector<double> v = by_week_interval(table, 48, 1.0);
  ASSERT_EQ(v.size(), 7u * 48u);
  for (std::uint32_t k = 0; k < v.size(); ++k) EXPECT_EQ(v[k], 10.0 * (k / 48) + (k % 48 >= 24 ? 1.0 : 0.0)) << k;
  EXPECT_EQ(by_week_interval(std::nullopt, 24, 1.0), std::vector<double>(7 * 24, 1.0));
}
