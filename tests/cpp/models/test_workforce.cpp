// Workforce: off means full, identical, always-available staff; on, the daily pipeline works.
#include "models/workforce.hpp"

#include <gtest/gtest.h>

#include <cmath>

using namespace cxsim::models;

TEST(Workforce, OffMeansEveryoneWorksAtFullSpeed) {
  ScenarioSpec spec;  // the schema's default: workforce.enabled = false
  Workforce w(spec, 10, 10, cxsim::sim::make_stream(1, 0, 6));
  w.start_day(0.0);
  for (std::uint32_t s = 0; s < 10; ++s) {
    EXPECT_TRUE(w.available(s));
    EXPECT_EQ(w.talk_multiplier(s), 1.0);
  }
  EXPECT_EQ(w.today().employed, 10.0);
  EXPECT_EQ(w.today().quits, 0.0);
}

TEST(Workforce, QuitsOpenVacanciesFilledAfterDelayAndTraining) {
  ScenarioSpec spec;
  spec.workforce.enabled = true;
  spec.workforce.absence_probability = 0.0;
  spec.workforce.quit_rate_monthly = 1e9;  // everyone quits on day 0
  spec.workforce.hiring_delay_days = 2;
  spec.workforce.training_days = 3;
  Workforce w(spec, 5, 5, cxsim::sim::make_stream(1, 0, 6));
  w.start_day(0.0);
  EXPECT_EQ(w.today().quits, 5.0);
  EXPECT_EQ(w.today().vacant, 5.0);
  EXPECT_FALSE(w.available(0));
  spec.workforce.quit_rate_monthly = 0.0;  // the spec is held by reference: nobody quits from now on
  w.start_day(1 * kSecondsPerDay);
  EXPECT_EQ(w.today().vacant, 5.0);
  w.start_day(2 * kSecondsPerDay);  // hires start training
  EXPECT_EQ(w.today().hires, 5.0);
  EXPECT_EQ(w.today().training, 5.0);
  EXPECT_FALSE(w.available(0));
  w.start_day(5 * kSecondsPerDay);  // training done
  EXPECT_EQ(w.today().active, 5.0);
  EXPECT_TRUE(w.available(0));
}

TEST(Workforce, NewHiresStartAtTheConfiguredFactor) {
  ScenarioSpec spec;
  spec.workforce.enabled = true;
  spec.workforce.handle_time_spread_cv = 0.0;  // every agent at the same speed
  spec.workforce.new_hire_handle_time_factor = 1.5;
  spec.workforce.learning_time_days = 1e7;  // no learning within the test
  spec.workforce.initial_mean_tenure_days = 1e-12;
  Workforce w(spec, 3, 3, cxsim::sim::make_stream(1, 0, 6));
  w.start_day(0.0);
  for (std::uint32_t s = 0; s < 3; ++s) EXPECT_NEAR(w.talk_multiplier(s), 1.5, 1e-6);  // half a day of learning
}

TEST(Workforce, AnAhtTargetMultipliesTheQuitHazard) {
  // Day-one quits among 20,000 tenured, rested agents: binomial with p = 1 − e^(−h·m), h the
  // daily hazard and m the pressure multiplier, which applies only while a target is set and
  // the policy has started.
  ScenarioSpec spec;
  spec.workforce.enabled = true;
  spec.workforce.early_quit_multiplier = 1.0;
  spec.workforce.quit_rate_monthly = 0.05 * 30.44;  // a daily hazard of 0.05
  spec.policy.aht_pressure_quit_multiplier = 1.2;
  const std::uint32_t seats = 20000;
  for (const bool target : {false, true}) {
    for (const bool started : {false, true}) {
      if (target) spec.policy.aht_target_s = 150.0;
      Workforce w(spec, seats, seats, cxsim::sim::make_stream(4, 0, 6));
      w.set_policy(started, 0.0);
      w.start_day(0.0);
      const double p = -std::expm1(-0.05 * (target && started ? 1.2 : 1.0));
      EXPECT_NEAR(w.today().quits, seats * p, 4 * std::sqrt(seats * p * (1 - p))) << target << started;
    }
  }
}
