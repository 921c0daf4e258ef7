// The agent floor's shifts from the spec, and its idle list (longest idle first).
#include "models/floor.hpp"

#include <gtest/gtest.h>

#include <cmath>

using namespace cxsim::models;

TEST(Floor, AgentsCountIsOneShiftAroundTheClock) {
  AgentsSpec agents;
  agents.count = 7;
  const auto s = shifts(agents);
  ASSERT_EQ(s.size(), 1u);
  EXPECT_EQ(s[0].start_s, 0.0);
  EXPECT_TRUE(std::isinf(s[0].length_s));
  EXPECT_EQ(s[0].weekdays, 0x7f);
  EXPECT_EQ(s[0].count, 7u);
}

TEST(Floor, ShiftsKeepTheirStartLengthAndDays) {
  AgentsSpec agents;
  agents.shifts = {ShiftSpec{.name = "early", .start = 7.5 * 3600, .length_hours = 8.5, .days = 0x1f, .count = 12},
                   ShiftSpec{.name = "weekend", .start = 9 * 3600, .length_hours = 8.0, .days = 0x60, .count = 4}};
  const auto s = shifts(agents);
  ASSERT_EQ(s.size(), 2u);
  EXPECT_EQ(s[0].start_s, 27000.0);
  EXPECT_EQ(s[0].length_s, 8.5 * 3600);
  EXPECT_EQ(s[1].weekdays, 0x60);  // Saturday and Sunday
  EXPECT_EQ(s[1].count, 4u);
}

TEST(Floor, IdleAgentsAreTakenLongestIdleFirst) {
  ScenarioSpec spec;
  spec.agents.count = 4;
  Ledger ledger(1);
  Workforce workforce(spec, 4, 4, cxsim::sim::make_stream(1, 0, 6));
  Floor floor(spec, ledger, workforce, 4);
  floor.make_idle(2);
  floor.make_idle(0);
  floor.make_idle(3);
  EXPECT_EQ(floor.take_idle(), 2u);
  floor.make_idle(2);  // back at the end of the line
  EXPECT_EQ(floor.take_idle(), 0u);
  EXPECT_EQ(floor.take_idle(), 3u);
  EXPECT_EQ(floor.take_idle(), 2u);
  EXPECT_EQ(floor.take_idle(), kNone);
}
