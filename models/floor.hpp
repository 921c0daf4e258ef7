// The agent floor: who is on duty (on a tour: a shift's occurrence, a rostered tour or its
// overtime), who of them is on the phone (idle, busy or in after-call work) and who is off
// the phone (breaks, training, coaching), the idle agents longest-idle first, and the daily
// workforce changes that take employees off the floor or put them on it.
#pragma once

#include <cstdint>
#include <deque>
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
  // `agents` employees (the workforce must hold as many).
  Floor(const ScenarioSpec& spec, Ledger& ledger, Workforce& workforce, std::uint32_t agents);
  Floor(ScenarioSpec&&, Ledger&, Workforce&, std::uint32_t) = delete;  // holds the spec by reference

  // The longest-idle agent, taken off the idle list; kNone if nobody is idle.
  std::uint32_t take_idle();
  // The agent waits for a call.
  void make_idle(std::uint32_t agent);
  // The agent answers the call in `slot`; ends it (returning the slot); wraps up; is free.
  void start_call(std::uint32_t agent, std::uint32_t slot, double t);
  std::uint32_t end_call(std::uint32_t agent);
  void wrap(std::uint32_t agent) { state_[agent] = State::Wrap; }
  void end_work(double t) { ledger_.busy.add(t, -1.0); }
  // An agent just freed leaves the phone if their tour ended, the workforce took them off
  // meanwhile, or a break is owed (the floor had more agents on the phone than wanted).
  bool leave_if_due(std::uint32_t agent, double t);
  // The call each agent is on (kNone: none), for the calls in service at the horizon.
  const std::vector<std::uint32_t>& calls() const { return call_; }

  // Tours. An agent whose tour starts goes on the phone if they work today (appended to
  // `joined`, to be offered work); at its end they leave (after the current call).
  void tour_start(std::uint32_t agent, double t, std::vector<std::uint32_t>& joined);
  void tour_end(std::uint32_t agent, double t);
  bool on_duty(std::uint32_t agent) const { return on_duty_[agent] != 0; }
  // Agents on duty and working today, and those of them on the phone (not leaving it).
  std::uint32_t present() const { return present_; }
  std::uint32_t on_phone() const { return phone_; }
  // Up to `n` idle agents, longest idle first (left on the idle list).
  std::vector<std::uint32_t> idle_agents(std::uint32_t n) const;
  // Puts on the phone all present agents but `off` of them: idle agents go off the phone
  // first, then the next agents to finish a call; agents off the phone longest come back first.
  void set_off_phone(std::uint32_t off, double t, std::vector<std::uint32_t>& joined);

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
  void off_phone(std::uint32_t agent, double t, bool on);

  const ScenarioSpec& spec_;
  Ledger& ledger_;
  Workforce& workforce_;
  // Per agent: on duty, state, leaving the phone after the current call, off the phone while
  // on duty, the call, on the floor since.
  std::vector<std::uint8_t> on_duty_;
  std::vector<State> state_;
  std::vector<std::uint8_t> leaving_, off_phone_;
  std::vector<std::uint32_t> call_;
  std::vector<double> floor_since_;
  std::uint32_t present_ = 0, phone_ = 0, breaks_owed_ = 0;
  std::deque<std::uint32_t> off_phone_queue_;  // longest off the phone first (stale entries skipped)
  // Idle agents as a doubly linked list, longest idle first.
  std::vector<std::uint32_t> idle_prev_, idle_next_;
  std::uint32_t idle_head_ = kNone, idle_tail_ = kNone;
};

}  // namespace cxsim::models
