// The roster: who works the day's tours. Each week every employee gets their days off (7 −
// workforce.contract_days_week), on the days with the most staff to spare; each day the tours
// go to the employees working that day with the fewest hours so far this week, then (as
// overtime) to those on a day off; hours beyond the contract are overtime, worked only by
// those who accept it and within the weekly overtime limit; a tour nobody takes stays unfilled.
#pragma once

#include <algorithm>
#include <cstdint>
#include <vector>

#include "models/spec.hpp"
#include "models/staffing.hpp"
#include "models/workforce.hpp"
#include "sim/rng.hpp"

namespace cxsim::models {

class Roster {
 public:
  Roster(const ScenarioSpec& spec, std::uint32_t employees);
  Roster(ScenarioSpec&&, std::uint32_t) = delete;  // holds the spec by reference

  struct Assignment {
    std::uint32_t agent;  // kNone (floor.hpp): unfilled
    double overtime_s;    // the part of the tour beyond the agent's contracted hours
  };
  // A new week: hours so far reset, and days off given out, one employee after the other, on
  // the days where the most employees are to spare over the tours of that day (`tours[d]`, d
  // = 0 today) grossed up for absence.
  void start_week(const std::vector<double>& tours, const Workforce& workforce);
  // Assigns the tours of day `day` of the week (slots of `slot_s` seconds) to the employees
  // available and not off today, at most one each. An employee whose tour would pass their
  // contracted hours is offered it as overtime, accepted with intraday.overtime_uptake (one
  // draw per offer) within intraday.overtime_max_hours_week.
  std::vector<Assignment> assign(const std::vector<Tour>& tours, double slot_s, std::uint32_t day,
                                 const Workforce& workforce, sim::Engine& rng);
  // Overtime an agent may still work this week, and booking hours worked beyond the plan.
  double overtime_left_s(std::uint32_t agent) const;
  void add_overtime(std::uint32_t agent, double seconds) { overtime_s_[agent] += seconds; }
  // Hours an agent did not work after all (voluntary time off).
  void remove_hours(std::uint32_t agent, double seconds) {
    worked_s_[agent] = std::max(0.0, worked_s_[agent] - seconds);
  }

 private:
  const ScenarioSpec& spec_;
  std::vector<double> worked_s_, overtime_s_;  // this week: contracted hours worked, overtime
  std::vector<std::uint8_t> days_off_;         // bit d: off on day d of the week
  std::vector<std::uint32_t> order_;
};

}  // namespace cxsim::models
