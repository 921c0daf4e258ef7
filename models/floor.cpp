// The agent floor: shifts on and off, the idle list, and the workforce's day on the floor.
#include "models/floor.hpp"

#include <cmath>

namespace cxsim::models {

std::vector<Shift> shifts(const AgentsSpec& spec) {
  std::vector<Shift> out;
  if (spec.count)
    out.push_back(Shift{0.0, std::numeric_limits<double>::infinity(), 0x7f, static_cast<std::uint32_t>(*spec.count)});
  for (const ShiftSpec& s : spec.shifts)
    out.push_back(Shift{s.start, s.length_hours * 3600.0, s.days, static_cast<std::uint32_t>(s.count)});
  return out;
}

Floor::Floor(const ScenarioSpec& spec, Ledger& ledger, Workforce& workforce)
    : spec_(spec), ledger_(ledger), workforce_(workforce), shifts_(shifts(spec.agents)) {
  for (std::uint32_t s = 0; s < shifts_.size(); ++s) {
    shift_first_agent_.push_back(static_cast<std::uint32_t>(agent_shift_.size()));
    agent_shift_.resize(agent_shift_.size() + shifts_[s].count, s);
  }
  const auto seats = static_cast<std::uint32_t>(agent_shift_.size());
  shift_on_.assign(shifts_.size(), 0);
  state_.assign(seats, State::Off);
  leaving_.assign(seats, 0);
  call_.assign(seats, kNone);
  floor_since_.assign(seats, 0.0);
  idle_prev_.assign(seats, kNone);
  idle_next_.assign(seats, kNone);
}

std::uint32_t Floor::take_idle() {
  const std::uint32_t agent = idle_head_;
  if (agent != kNone) idle_remove(agent);
  return agent;
}

void Floor::make_idle(std::uint32_t agent) {
  state_[agent] = State::Idle;
  idle_prev_[agent] = idle_tail_;
  idle_next_[agent] = kNone;
  (idle_tail_ != kNone ? idle_next_[idle_tail_] : idle_head_) = agent;
  idle_tail_ = agent;
}

void Floor::idle_remove(std::uint32_t agent) {
  const std::uint32_t prev = idle_prev_[agent], next = idle_next_[agent];
  (prev != kNone ? idle_next_[prev] : idle_head_) = next;
  (next != kNone ? idle_prev_[next] : idle_tail_) = prev;
}

void Floor::start_call(std::uint32_t agent, std::uint32_t slot, double t) {
  state_[agent] = State::Busy;
  call_[agent] = slot;
  ledger_.busy.add(t, 1.0);
}

std::uint32_t Floor::end_call(std::uint32_t agent) {
  const std::uint32_t slot = call_[agent];
  call_[agent] = kNone;
  return slot;
}

bool Floor::leave_if_due(std::uint32_t agent, double t) {
  if (!leaving_[agent]) return false;
  leaving_[agent] = 0;
  off(agent, t);
  return true;
}

void Floor::join(std::uint32_t agent, double t, std::vector<std::uint32_t>& joined) {
  ledger_.staffed.add(t, 1.0);
  floor_since_[agent] = t;
  joined.push_back(agent);
}

void Floor::leave(std::uint32_t agent, double t) {
  if (state_[agent] == State::Idle) {
    idle_remove(agent);
    off(agent, t);
  } else if (state_[agent] != State::Off) {
    leaving_[agent] = 1;  // finishes the current call first
  }
}

void Floor::off(std::uint32_t agent, double t) {
  state_[agent] = State::Off;
  ledger_.staffed.add(t, -1.0);
  workforce_.record_on_floor(agent, t - floor_since_[agent]);
}

void Floor::shift_start(std::uint32_t shift, double t, std::vector<std::uint32_t>& joined) {
  shift_on_[shift] = 1;
  const std::uint32_t first = shift_first_agent_[shift];
  for (std::uint32_t a = first; a < first + shifts_[shift].count; ++a) {
    if (!workforce_.available(a)) continue;
    if (state_[a] != State::Off) {
      leaving_[a] = 0;  // still finishing a call from the previous shift: stays on
      continue;
    }
    join(a, t, joined);
  }
}

void Floor::shift_end(std::uint32_t shift, double t) {
  shift_on_[shift] = 0;
  const std::uint32_t first = shift_first_agent_[shift];
  for (std::uint32_t a = first; a < first + shifts_[shift].count; ++a) leave(a, t);
}

void Floor::start_day(double t, std::vector<std::uint32_t>& joined, std::vector<float>& panel) {
  for (std::uint32_t a = 0; a < state_.size(); ++a) {  // the day so far, for occupancy
    if (state_[a] == State::Off) continue;
    workforce_.record_on_floor(a, t - floor_since_[a]);
    floor_since_[a] = t;
  }
  const bool employees = spec_.workforce.enabled;
  if (employees && t > 0.0) workforce_.panel(t, panel);  // the day that ended
  workforce_.start_day(t);
  if (employees) {
    for (std::uint32_t a = 0; a < state_.size(); ++a) {
      if (!workforce_.available(a)) {
        leave(a, t);
      } else if (shift_on_[agent_shift_[a]]) {
        if (state_[a] == State::Off)
          join(a, t, joined);
        else
          leaving_[a] = 0;
      }
    }
  }
  const Workforce::Day& d = workforce_.today();
  double* c = ledger_.now();
  c[kQuits] += d.quits;
  c[kHires] += d.hires;
  c[kAwards] += d.awards;
  ledger_.employed.set(t, d.employed);
  ledger_.training.set(t, d.training);
  ledger_.vacant.set(t, d.vacant);
  ledger_.absent.set(t, d.absent);
  ledger_.active.set(t, d.active);
  ledger_.multiplier_sum.set(t, d.multiplier_sum);
  ledger_.exhaustion_sum.set(t, d.exhaustion_sum);
  ledger_.engagement_sum.set(t, d.engagement_sum);
}

void Floor::finish(double t, std::vector<float>& panel) {
  if (spec_.workforce.enabled) workforce_.panel(t, panel);
}

}  // namespace cxsim::models
