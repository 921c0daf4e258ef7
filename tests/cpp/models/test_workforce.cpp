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
  spec.workforce.quit_rate_monthly = 1e9;           // everyone quits on day 0
  spec.workforce.initial_mean_tenure_days = 100.0;  // all working at the start
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
  spec.workforce.initial_mean_tenure_days = 1e6;    // all working at the start
  spec.policy.aht_pressure_quit_multiplier = 1.2;
  const std::uint32_t seats = 20000;
  for (const bool target : {false, true}) {
    for (const bool started : {false, true}) {
      if (target) spec.policy.aht_target_s = 150.0;
      Workforce w(spec, seats, seats, cxsim::sim::make_stream(4, 0, 6));
      w.set_policy(started, started, 0.0);
      w.start_day(0.0);
      const double p = -std::expm1(-0.05 * (target && started ? 1.2 : 1.0));
      EXPECT_NEAR(w.today().quits, seats * p, 4 * std::sqrt(seats * p * (1 - p))) << target << started;
    }
  }
}

TEST(Workforce, SteadyStateAgesFollowTheRenewalEquilibrium) {
  // Hazard h (×e for the first A days): S(a) = e^(−heA·[a<A]...) and the equilibrium age density
  // S(a)/E[T]. Its mean by numerical integration, the share vacant D/(D + E[T]), against
  // 200,000 draws.
  const double h = 0.03 / 30.44, e = 2.0, A = 90.0, D = 21.0;
  const auto S = [&](double a) { return a < A ? std::exp(-h * e * a) : std::exp(-h * e * A - h * (a - A)); };
  double mean_employment = 0.0, age_moment = 0.0;
  for (double a = 0.005; a < 40000.0; a += 0.01) {
    mean_employment += S(a) * 0.01;
    age_moment += a * S(a) * 0.01;
  }
  cxsim::sim::Engine rng = cxsim::sim::make_stream(9, 0, 1);
  const int n = 200000;
  double vacant = 0.0, ages = 0.0, employed = 0.0;
  for (int i = 0; i < n; ++i) {
    const double age = steady_state_age(cxsim::sim::uniform(rng), cxsim::sim::uniform(rng), h, e, A, D);
    if (age < 0.0) {
      vacant += 1.0;
      EXPECT_GE(age, -D);
    } else {
      ages += age;
      employed += 1.0;
    }
  }
  const double p_vacant = D / (D + mean_employment);
  EXPECT_NEAR(vacant / n, p_vacant, 4.0 * std::sqrt(p_vacant * (1 - p_vacant) / n));
  const double mean_age = age_moment / mean_employment;
  // The equilibrium age is roughly exponential: its standard deviation is about its mean.
  EXPECT_NEAR(ages / employed, mean_age, 4.0 * mean_age / std::sqrt(employed));
}
