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
  Ledger ledger(1, 1);
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

TEST(Floor, OffPhoneWorkTakesIdleAgentsFirstThenTheNextToFinishACall) {
  ScenarioSpec spec;
  spec.agents.count = 4;
  Ledger ledger(1, 1);
  Workforce workforce(spec, 4, 4, cxsim::sim::make_stream(1, 0, 6));
  Floor floor(spec, ledger, workforce, 4);
  std::vector<std::uint32_t> joined;
  for (std::uint32_t a = 0; a < 4; ++a) floor.tour_start(a, 0.0, joined);
  ASSERT_EQ(joined.size(), 4u);
  for (std::uint32_t a : joined) floor.make_idle(a);
  joined.clear();
  EXPECT_EQ(floor.present(), 4u);
  EXPECT_EQ(floor.on_phone(), 4u);
  floor.set_off_phone(1, 0.0, joined);  // the longest idle (agent 0) goes off the phone
  EXPECT_EQ(floor.on_phone(), 3u);
  EXPECT_EQ(ledger.off_phone.level(), 1.0);
  EXPECT_EQ(floor.take_idle(), 1u);
  floor.make_idle(1);
  floor.set_off_phone(0, 10.0, joined);  // back on the phone
  EXPECT_EQ(joined, std::vector<std::uint32_t>{0});
  EXPECT_EQ(floor.on_phone(), 4u);
  EXPECT_EQ(ledger.off_phone.level(), 0.0);
  floor.make_idle(0);
  // Everyone busy: two breaks are owed, taken by the next two agents to finish a call.
  for (std::uint32_t i = 0; i < 4; ++i) floor.start_call(floor.take_idle(), i, 20.0);
  joined.clear();
  floor.set_off_phone(2, 30.0, joined);
  EXPECT_EQ(floor.on_phone(), 4u);  // until they finish
  EXPECT_TRUE(floor.leave_if_due(3, 40.0));
  EXPECT_TRUE(floor.leave_if_due(1, 41.0));
  EXPECT_FALSE(floor.leave_if_due(2, 42.0));
  EXPECT_EQ(floor.on_phone(), 2u);
  EXPECT_EQ(ledger.off_phone.level(), 2.0);
  // A tour's end takes an agent off duty, off the phone included.
  floor.tour_end(3, 50.0);
  EXPECT_EQ(floor.present(), 3u);
  EXPECT_EQ(ledger.off_phone.level(), 1.0);
}
