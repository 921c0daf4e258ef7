// The yardstick for the engine's speed: a minimal hand-written M/M/c+M simulation, the loop a
// competent engineer writes in a hundred lines, on the model and parameters of BM_ErlangA.
// It uses only the standard library and Boost's random numbers (the engine's generator), so
// the engine's generality is what the comparison prices: the engine should be at least as
// fast.
#include <benchmark/benchmark.h>

#include <boost/random/exponential_distribution.hpp>
#include <cstdint>
#include <deque>
#include <queue>
#include <vector>

#include "sim/rng.hpp"

namespace {

enum Kind : std::uint32_t { kArrival, kDeparture, kAbandon };

struct Ev {
  double time;
  Kind kind;
  std::uint32_t position;  // an abandon's place in the FIFO's numbering
};
struct Later {
  bool operator()(const Ev& a, const Ev& b) const { return a.time > b.time; }
};

struct Counts {
  std::uint64_t arrivals = 0, served = 0, abandoned = 0;
};

// One replication of `days` days with `servers` agents; continuous distributions make equal
// event times a null event, so the heap needs no tie-breaking.
Counts simulate(std::uint32_t servers, double arrival_rate, double mean_service, double mean_patience, double days,
                std::uint64_t replication) {
  auto arrival_rng = cxsim::sim::make_stream(1, replication, 0);
  auto service_rng = cxsim::sim::make_stream(1, replication, 1);
  auto patience_rng = cxsim::sim::make_stream(1, replication, 2);
  boost::random::exponential_distribution<double> gap(arrival_rate), service(1.0 / mean_service),
      patience(1.0 / mean_patience);
  const double horizon = days * 86400.0;

  std::priority_queue<Ev, std::vector<Ev>, Later> events;
  // Waiting callers in arrival order, numbered from `head` on. A caller who abandons is only
  // marked (lazy deletion) and is dropped when they reach the front; an abandon event for a
  // caller already answered (position below `head`) is stale and ignored.
  std::deque<bool> waiting_alive;
  std::uint32_t head = 0;
  std::uint32_t waiting = 0, busy = 0;
  Counts n;

  events.push({gap(arrival_rng), kArrival, 0});
  while (!events.empty()) {
    const Ev e = events.top();
    if (e.time >= horizon) break;
    events.pop();
    switch (e.kind) {
      case kArrival:
        ++n.arrivals;
        events.push({e.time + gap(arrival_rng), kArrival, 0});
        if (busy < servers) {
          ++busy;
          events.push({e.time + service(service_rng), kDeparture, 0});
        } else {
          const auto position = static_cast<std::uint32_t>(head + waiting_alive.size());
          waiting_alive.push_back(true);
          ++waiting;
          events.push({e.time + patience(patience_rng), kAbandon, position});
        }
        break;
      case kDeparture:
        ++n.served;
        if (waiting == 0) {
          --busy;
          break;
        }
        while (!waiting_alive.front()) {  // skip the callers who gave up
          waiting_alive.pop_front();
          ++head;
        }
        waiting_alive.pop_front();
        ++head;
        --waiting;
        events.push({e.time + service(service_rng), kDeparture, 0});
        break;
      case kAbandon:
        if (e.position < head || !waiting_alive[e.position - head]) break;  // answered
        waiting_alive[e.position - head] = false;
        --waiting;
        ++n.abandoned;
        break;
    }
    if (waiting == 0 && !waiting_alive.empty()) {  // only the dead are left: drop them now
      head += static_cast<std::uint32_t>(waiting_alive.size());
      waiting_alive.clear();
    }
  }
  return n;
}

// BM_ErlangA's model and parameters: load ρ = 1, AHT 180 s, mean patience 300 s, 50 days.
void BM_ReferenceMMcM(benchmark::State& state) {
  const auto agents = static_cast<std::uint32_t>(state.range(0));
  const double aht = 180.0, arrival_rate = agents / aht;  // per second
  double calls = 0.0, abandoned = 0.0;
  std::uint64_t rep = 0;
  for (auto _ : state) {
    const Counts n = simulate(agents, arrival_rate, aht, 300.0, 50.0, rep++);
    benchmark::DoNotOptimize(n);
    calls += static_cast<double>(n.arrivals);
    abandoned += static_cast<double>(n.abandoned);
  }
  state.counters["calls_per_s"] = benchmark::Counter(calls, benchmark::Counter::kIsRate);
  state.counters["abandon_share"] = abandoned / calls;  // a check that the model is Erlang A's
}
BENCHMARK(BM_ReferenceMMcM)->Arg(14)->Arg(100)->Arg(1000)->Unit(benchmark::kMillisecond)->UseRealTime();

}  // namespace
