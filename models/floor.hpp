// The agent floor: the seats of each shift, who is on the floor (idle, busy or in after-call
// work), the idle agents longest-idle first, and the daily workforce changes that take
// employees off the floor or put them on it.
#pragma once

#include <cstdint>
#include <limits>
#include <vector>

#include "models/ledger.hpp"
#include "models/spec.hpp"
#include "models/workforce.hpp"

namespace cxsim::models {

inline constexpr std::uint32_t kNone = std::numeric_limits<std::uint32_t>::max();

// A shift as the floor uses it: agents.count is one shift on duty around the clock, from time 0.
struct Shift {
  double start_s;         // seconds after midnight
  double length_s;        // infinite: on duty from its first start to the horizon
  std::uint8_t weekdays;  // bit d set: works on weekday d (0 = Monday)
  std::uint32_t count;    // seats
};
std::vector<Shift> shifts(const AgentsSpec& spec);

class Floor {
 public:
  // The seats are the shifts' (the workforce must hold as many).
  Floor(const ScenarioSpec& spec, Ledger& ledger, Workforce& workforce);
  Floor(ScenarioSpec&&, Ledger&, Workforce&) = delete;  // holds the spec by reference

  const std::vector<Shift>& shift_list() const { return shifts_; }

  // The longest-idle agent, taken off the idle list; kNone if nobody is idle.
  std::uint32_t take_idle();
  // The agent waits for a call.
  void make_idle(std::uint32_t agent);
  // The agent answers the call in `slot`; ends it (returning the slot); wraps up; is free.
  void start_call(std::uint32_t agent, std::uint32_t slot, double t);
  std::uint32_t end_call(std::uint32_t agent);
  void wrap(std::uint32_t agent) { state_[agent] = State::Wrap; }
  void end_work(double t) { ledger_.busy.add(t, -1.0); }
  // An agent just freed leaves if their shift ended or the workforce took them off meanwhile.
  bool leave_if_due(std::uint32_t agent, double t);
  // The call each agent is on (kNone: none), for the calls in service at the horizon.
  const std::vector<std::uint32_t>& calls() const { return call_; }

  // Shift events. Agents who come on the floor are appended to `joined`, to be offered work.
  void shift_start(std::uint32_t shift, double t, std::vector<std::uint32_t>& joined);
  void shift_end(std::uint32_t shift, double t);
  // The start of a day: each agent's time on the floor so far is booked, the panel row of the
  // day that ended is appended, and the workforce's day (quits, hires, absences) takes agents
  // off the floor or puts them on it (appended to `joined`).
  void start_day(double t, std::vector<std::uint32_t>& joined, std::vector<float>& panel);
  // The last day's panel row, at the horizon.
  void finish(double t, std::vector<float>& panel);

 private:
  enum class State : std::uint8_t { Off, Idle, Busy, Wrap };
  void join(std::uint32_t agent, double t, std::vector<std::uint32_t>& joined);
  void leave(std::uint32_t agent, double t);  // now if idle, else after the current call
  void off(std::uint32_t agent, double t);
  void idle_remove(std::uint32_t agent);

  const ScenarioSpec& spec_;
  Ledger& ledger_;
  Workforce& workforce_;
  std::vector<Shift> shifts_;
  std::vector<std::uint32_t> shift_first_agent_, agent_shift_;
  std::vector<std::uint8_t> shift_on_;
  // Per agent: state, leaving after the current call, the call, on the floor since.
  std::vector<State> state_;
  std::vector<std::uint8_t> leaving_;
  std::vector<std::uint32_t> call_;
  std::vector<double> floor_since_;
  // Idle agents as a doubly linked list, longest idle first.
  std::vector<std::uint32_t> idle_prev_, idle_next_;
  std::uint32_t idle_head_ = kNone, idle_tail_ = kNone;
};

}  // namespace cxsim::models
