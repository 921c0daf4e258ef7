// The roster: days off where staff is to spare, at most one tour per employee per day, hours
// within the contract, overtime only by acceptance and within the weekly limit (call-ins on a
// day off included).
#include "models/roster.hpp"

#include <gtest/gtest.h>

#include <set>

#include "models/floor.hpp"

namespace cxsim::models {
namespace {

constexpr double kSlot = 1800.0;
const std::vector<Tour> kEightHours = {{0, 16}, {16, 32}, {32, 48}};  // three 8-hour tours a day

struct Week {
  std::vector<int> tours_worked;
  double overtime_s = 0.0;
  int unfilled = 0;
};

// Seven employees on a contract of two 8-hour days a week (the workforce off: all present).
Week run_week(std::size_t tours_a_day, double uptake) {
  ScenarioSpec spec;
  spec.workforce.contract_hours_week = 16.0;
  spec.workforce.contract_days_week = 2;
  spec.intraday.overtime_max_hours_week = 8.0;
  spec.intraday.overtime_uptake = uptake;
  const std::uint32_t n = 7;
  Workforce w(spec, n, n, sim::make_stream(1, 0, 6));
  w.start_day(0.0);
  Roster r(spec, n);
  r.start_week(std::vector<double>(7, static_cast<double>(tours_a_day)), w);
  sim::Engine rng = sim::make_stream(1, 0, 11);
  const std::vector<Tour> tours(kEightHours.begin(), kEightHours.begin() + static_cast<long>(tours_a_day));
  Week out{std::vector<int>(n, 0)};
  for (std::uint32_t day = 0; day < 7; ++day) {
    std::set<std::uint32_t> today;
    for (const Roster::Assignment& a : r.assign(tours, kSlot, day, w, rng)) {
      if (a.agent == kNone) {
        ++out.unfilled;
        continue;
      }
      EXPECT_TRUE(today.insert(a.agent).second) << "two tours in a day";
      ++out.tours_worked[a.agent];
      out.overtime_s += a.overtime_s;
    }
  }
  return out;
}

TEST(Roster, DaysOffBalanceTheWeekSoEveryTourIsWorkedWithinContract) {
  // 14 tours a week for 7 employees × 2 contracted days: every tour worked, two each, no overtime.
  const Week week = run_week(2, 0.0);
  EXPECT_EQ(week.unfilled, 0);
  for (int worked : week.tours_worked) EXPECT_EQ(worked, 2);
  EXPECT_EQ(week.overtime_s, 0.0);
}

TEST(Roster, ExtraToursAreOvertimeOnlyWhenAccepted) {
  // 21 tours: 14 within contract, 7 more as call-ins on a day off (8 h each, the weekly limit).
  const Week accepted = run_week(3, 1.0);
  EXPECT_EQ(accepted.unfilled, 0);
  EXPECT_EQ(accepted.overtime_s, 7 * 8 * 3600.0);
  for (int worked : accepted.tours_worked) EXPECT_EQ(worked, 3);
  const Week declined = run_week(3, 0.0);
  EXPECT_EQ(declined.unfilled, 7);
  EXPECT_EQ(declined.overtime_s, 0.0);
}

}  // namespace
}  // namespace cxsim::models
