// Engine speed: the event calendar alone, and whole Erlang-A replications (calls per second per core).
#include <benchmark/benchmark.h>

#include <limits>

#include "models/contact_centre.hpp"
#include "models/kpi.hpp"
#include "sim/event_queue.hpp"

using namespace cxsim;

namespace {

// A hold model: a calendar of `size` events where each pop schedules one replacement, up to
// one time unit ahead; the calendar's buckets are a tenth of that wide.
void BM_EventQueueHold(benchmark::State& state) {
  sim::EventQueue q(0.1);
  auto rng = sim::make_stream(1, 0, 0);
  for (int i = 0; i < state.range(0); ++i) q.schedule(sim::uniform(rng), 0, 0, 0);
  sim::Event e;
  for (auto _ : state) {
    q.pop(e);
    q.schedule(e.time + sim::uniform(rng), 0, 0, 0);
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_EventQueueHold)->Arg(64)->Arg(1024)->Arg(16384);

// One replication of scenarios/erlang_a.toml's model (M/M/n+M, no IVR, no call log) on one core.
void BM_ErlangA(benchmark::State& state) {
  const auto agents = static_cast<std::uint32_t>(state.range(0));
  const double aht = 180.0, calls_per_hour = agents * 3600.0 / aht;  // a load of ρ = 1
  models::ScenarioSpec spec;                                         // the schema's defaults: the behavioural model off
  spec.simulation.horizon_days = 50;
  spec.arrivals.calls_per_hour = calls_per_hour;
  spec.service.handle_time_dist = models::DistKind::Exponential;
  spec.service.mean_handle_time_s = aht;
  spec.callers.patience_dist = models::DistKind::Exponential;
  spec.callers.mean_patience_s = 300.0;
  spec.agents.count = agents;
  double calls = 0.0;
  std::uint32_t rep = 0;
  for (auto _ : state) {
    const auto counters = models::ContactCentre(spec, 1, rep++, nullptr, nullptr).run();
    calls += models::sum_from(counters, 0)[models::kArrivals];
  }
  state.counters["calls_per_s"] = benchmark::Counter(calls, benchmark::Counter::kIsRate);
}
BENCHMARK(BM_ErlangA)->Arg(14)->Arg(100)->Arg(1000)->Unit(benchmark::kMillisecond)->UseRealTime();

}  // namespace
