// Named random-number streams derived deterministically from (root seed, replication, purpose).
#pragma once

#include <boost/random/mersenne_twister.hpp>
#include <boost/random/seed_seq.hpp>
#include <boost/random/uniform_01.hpp>
#include <cstdint>

namespace cxsim::sim {

// Boost's engines and distributions give the same output with every standard library,
// which std:: distributions do not.
using Engine = boost::random::mt19937_64;

// One engine per (replication, purpose): two scenarios that differ only in a policy draw the
// same callers from the same streams (common random numbers), and no stream depends on how
// many numbers another one consumed.
inline Engine make_stream(std::uint64_t root_seed, std::uint64_t replication, std::uint32_t purpose) {
  const auto lo = [](std::uint64_t v) { return static_cast<std::uint32_t>(v); };
  const auto hi = [](std::uint64_t v) { return static_cast<std::uint32_t>(v >> 32); };
  boost::random::seed_seq seq{lo(root_seed), hi(root_seed), lo(replication), hi(replication), purpose};
  return Engine(seq);
}

// A uniform draw on [0, 1).
inline double uniform(Engine& engine) { return boost::random::uniform_01<double>()(engine); }

}  // namespace cxsim::sim
