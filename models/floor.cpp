// The agent floor: shifts on and off, the idle list, and the workforce's day on the floor.
#include "models/floor.hpp"

#include <algorithm>
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

Floor::Floor(const ScenarioSpec& spec, Ledger& ledger, Workforce& workforce, std::uint32_t agents)
    : spec_(spec),
      ledger_(ledger),
      workforce_(workforce),
      on_duty_(agents, 0),
      state_(agents, State::Off),
      leaving_(agents, 0),
      off_phone_(agents, 0),
      call_(agents, kNone),
      floor_since_(agents, 0.0),
      idle_prev_(agents, kNone),
      idle_next_(agents, kNone) {}

std::uint32_t Floor::take_idle() {
  const std::uint32_t agent = idle_head_;
  if (agent != kNone) idle_remove(agent);
  return agent;
}

std::vector<std::uint32_t> Floor::idle_agents(std::uint32_t n) const {
  std::vector<std::uint32_t> out;
  for (std::uint32_t a = idle_head_; a != kNone && out.size() < n; a = idle_next_[a]) out.push_back(a);
  return out;
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
  if (leaving_[agent]) {
    leaving_[agent] = 0;
    off(agent, t);
    return true;
  }
  if (breaks_owed_ == 0) return false;
  --breaks_owed_;
  --phone_;
  off(agent, t);
  return true;
}

void Floor::join(std::uint32_t agent, double t, std::vector<std::uint32_t>& joined) {
  ledger_.staffed.add(t, 1.0);
  ++phone_;
  floor_since_[agent] = t;
  joined.push_back(agent);
}

void Floor::leave(std::uint32_t agent, double t) {
  if (state_[agent] == State::Idle) {
    idle_remove(agent);
    --phone_;
    off(agent, t);
  } else if (state_[agent] != State::Off && !leaving_[agent]) {
    leaving_[agent] = 1;  // finishes the current call first
    --phone_;
  }
}

void Floor::off(std::uint32_t agent, double t) {
  state_[agent] = State::Off;
  ledger_.staffed.add(t, -1.0);
  workforce_.record_on_floor(agent, t - floor_since_[agent]);
  if (on_duty_[agent] && workforce_.available(agent)) off_phone(agent, t, true);
}

void Floor::off_phone(std::uint32_t agent, double t, bool on) {
  if (on == (off_phone_[agent] != 0)) return;
  off_phone_[agent] = on ? 1 : 0;
  ledger_.off_phone.add(t, on ? 1.0 : -1.0);
  if (on) off_phone_queue_.push_back(agent);
}

void Floor::tour_start(std::uint32_t agent, double t, std::vector<std::uint32_t>& joined) {
  on_duty_[agent] = 1;
  if (!workforce_.available(agent)) return;
  ++present_;
  if (state_[agent] != State::Off) {  // still finishing a call from the previous tour: stays on
    if (leaving_[agent]) {
      leaving_[agent] = 0;
      ++phone_;
    }
    return;
  }
  join(agent, t, joined);
}

void Floor::tour_end(std::uint32_t agent, double t) {
  if (!on_duty_[agent]) return;
  on_duty_[agent] = 0;
  if (workforce_.available(agent)) --present_;
  off_phone(agent, t, false);
  leave(agent, t);
}

void Floor::set_off_phone(std::uint32_t off_count, double t, std::vector<std::uint32_t>& joined) {
  const std::uint32_t target = present_ - std::min(off_count, present_);
  breaks_owed_ = 0;
  while (phone_ > target) {
    const std::uint32_t agent = take_idle();
    if (agent == kNone) {
      breaks_owed_ = phone_ - target;  // the next agents to finish a call
      break;
    }
    --phone_;
    off(agent, t);
  }
  while (phone_ < target && !off_phone_queue_.empty()) {
    const std::uint32_t agent = off_phone_queue_.front();
    off_phone_queue_.pop_front();
    if (!off_phone_[agent]) continue;  // back on the phone or off duty since
    off_phone(agent, t, false);
    join(agent, t, joined);
  }
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
    present_ = 0;
    for (std::uint32_t a = 0; a < state_.size(); ++a) {
      if (!workforce_.available(a)) {
        off_phone(a, t, false);
        leave(a, t);
      } else if (on_duty_[a]) {
        ++present_;
        if (state_[a] == State::Off) {
          if (!off_phone_[a]) join(a, t, joined);
        } else if (leaving_[a]) {
          leaving_[a] = 0;
          ++phone_;
        }
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
