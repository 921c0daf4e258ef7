// Workforce: off means full, identical, always-available staff; on, the daily pipeline works.
#include "models/workforce.hpp"

#include <gtest/gtest.h>

using namespace cxsim::models;

TEST(Workforce, OffMeansEveryoneWorksAtFullSpeed) {
  WorkforceSpec spec;  // enabled = false
  Workforce w(spec, 10, cxsim::sim::make_stream(1, 0, 6));
  w.start_day(0.0);
  for (std::uint32_t s = 0; s < 10; ++s) {
    EXPECT_TRUE(w.available(s));
    EXPECT_EQ(w.talk_multiplier(s), 1.0);
  }
  EXPECT_EQ(w.today().employed, 10.0);
  EXPECT_EQ(w.today().quits, 0.0);
}

TEST(Workforce, QuitsOpenVacanciesFilledAfterDelayAndTraining) {
  WorkforceSpec spec;
  spec.enabled = true;
  spec.quit_rate_per_s = 1e9;  // everyone quits on day 0
  spec.hiring_delay_s = 2 * kSecondsPerDay;
  spec.training_s = 3 * kSecondsPerDay;
  Workforce w(spec, 5, cxsim::sim::make_stream(1, 0, 6));
  w.start_day(0.0);
  EXPECT_EQ(w.today().quits, 5.0);
  EXPECT_EQ(w.today().vacant, 5.0);
  EXPECT_FALSE(w.available(0));
  spec.quit_rate_per_s = 0.0;  // the spec is held by reference: nobody quits from now on
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
  WorkforceSpec spec;
  spec.enabled = true;
  spec.new_hire_handle_time_factor = 1.5;
  spec.learning_time_s = 1e12;     // no learning within the test
  spec.initial_mean_tenure_s = 1e-9;
  Workforce w(spec, 3, cxsim::sim::make_stream(1, 0, 6));
  w.start_day(0.0);
  for (std::uint32_t s = 0; s < 3; ++s) EXPECT_NEAR(w.talk_multiplier(s), 1.5, 1e-6);  // half a day of learning
}
