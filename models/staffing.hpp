// Staffing arithmetic: Erlang A (M/M/n+M) in closed form, the agents a service-level target
// needs, and a day's staffing requirement covered by contiguous tours.
#pragma once

#include <cstdint>
#include <vector>

namespace cxsim::models {

// Steady state of M/M/n+M (Erlang A; Garnett, Mandelbaum & Reiman 2002), rates per second,
// θ > 0.
struct ErlangA {
  double p_wait;         // P(W > 0)
  double p_abandon;      // P(Ab)
  double service_level;  // P(served and W <= t): answered within t / arrivals
  double occupancy;      // ρ(1 − P(Ab))
  double mean_wait;      // E[W] of all arrivals, seconds: P(Ab)/θ (Little's law on the abandons)
};
ErlangA erlang_a(double lambda, double mu, double theta, std::uint32_t n, double t);

// The fewest agents whose Erlang-A service level reaches `target` and whose occupancy stays at
// or below `max_occupancy` (0 when nothing arrives).
std::uint32_t agents_needed(double lambda, double mu, double theta, double t, double target, double max_occupancy);

// A tour: one agent on duty over slots [start, end) of a day.
struct Tour {
  std::uint32_t start, end;
};
// Tours covering `need[k]` agents in each slot k of a day, each between `min_slots` and
// `max_slots` long (shorter only where the day ends). Walking the day: tours whose maximum is
// reached end; if more agents are on duty than needed, the longest-running tours that have
// reached their minimum end; if fewer, new tours start. Tours still running at the day's end
// end there.
std::vector<Tour> cover(const std::vector<std::uint32_t>& need, std::uint32_t min_slots, std::uint32_t max_slots);

}  // namespace cxsim::models
