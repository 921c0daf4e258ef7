// Event calendar: total order (time, priority, insertion) and cancellable timers.
#include "sim/event_queue.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <set>
#include <tuple>
#include <vector>

#include "sim/rng.hpp"

using cxsim::sim::Event;
using cxsim::sim::EventQueue;

TEST(EventQueue, OrdersByTimeThenPriorityThenInsertion) {
  EventQueue q(0.75);  // the events fall into three buckets of the calendar
  q.schedule(2.0, 0, 1, 0);
  q.schedule(1.0, 5, 2, 0);
  q.schedule(1.0, 1, 3, 0);
  q.schedule(1.0, 1, 4, 0);
  q.schedule(0.5, 9, 5, 0);
  std::vector<std::uint32_t> kinds;
  Event e;
  while (q.pop(e)) kinds.push_back(e.kind);
  EXPECT_EQ(kinds, (std::vector<std::uint32_t>{5, 3, 4, 2, 1}));
}

TEST(EventQueue, CancelledTimerNeverFires) {
  EventQueue q(1.0);
  auto t1 = q.schedule_timer(1.0, 0, 1, 10);
  q.schedule_timer(2.0, 0, 2, 20);
  q.cancel(t1);
  Event e;
  ASSERT_TRUE(q.pop(e));
  EXPECT_EQ(e.kind, 2u);
  EXPECT_FALSE(q.pop(e));
}

TEST(EventQueue, CancelAfterFiringAndSlotReuseAreHarmless) {
  EventQueue q(1.5);
  auto first = q.schedule_timer(1.0, 0, 1, 0);
  Event e;
  ASSERT_TRUE(q.pop(e));
  auto second = q.schedule_timer(2.0, 0, 2, 0);  // reuses the freed slot
  q.cancel(first);                               // stale handle: must not cancel `second`
  ASSERT_TRUE(q.pop(e));
  EXPECT_EQ(e.kind, 2u);
  q.cancel(second);
  q.cancel(second);
  EXPECT_FALSE(q.pop(e));
}

class EventQueueRandomLoad : public ::testing::TestWithParam<double> {};

TEST_P(EventQueueRandomLoad, MatchesSortedReference) {
  // Random pushes, pops and cancellations against a sorted vector as the reference; events
  // fall both into the heap and into the calendar's buckets, on and off their boundaries.
  auto rng = cxsim::sim::make_stream(7, 0, 0);
  EventQueue q(GetParam());
  using Key = std::tuple<double, int, std::uint64_t>;
  std::vector<std::pair<Key, std::uint32_t>> reference;
  std::vector<std::pair<EventQueue::Timer, std::uint32_t>> timers;
  std::uint64_t seq = 0;
  std::uint32_t id = 0;
  double now = 0.0;
  for (int step = 0; step < 20000; ++step) {
    const double u = cxsim::sim::uniform(rng);
    if (u < 0.5) {
      const double t = now + std::floor(cxsim::sim::uniform(rng) * 20.0);  // many ties
      const int prio = static_cast<int>(cxsim::sim::uniform(rng) * 3);
      timers.emplace_back(q.schedule_timer(t, static_cast<std::uint8_t>(prio), 0, id), id);
      reference.push_back({{t, prio, seq++}, id++});
    } else if (u < 0.6 && !timers.empty()) {
      const auto k = static_cast<std::size_t>(cxsim::sim::uniform(rng) * timers.size());
      q.cancel(timers[k].first);
      std::erase_if(reference, [&](auto& r) { return r.second == timers[k].second; });
      timers.erase(timers.begin() + static_cast<std::ptrdiff_t>(k));
    } else if (!reference.empty()) {
      Event e;
      ASSERT_TRUE(q.pop(e));
      const auto best = std::min_element(reference.begin(), reference.end());
      EXPECT_EQ(e.target, best->second);
      now = e.time;
      std::erase_if(timers, [&](auto& t) { return t.second == best->second; });
      reference.erase(best);
    }
  }
}

// Bucket widths from far below the spread of event times (most events wait in buckets) to far
// above it (the calendar is never used).
INSTANTIATE_TEST_SUITE_P(BucketWidths, EventQueueRandomLoad, ::testing::Values(0.5, 1.0, 7.0, 1e9));

TEST(EventQueue, FarEventsJoinInOrderWithNearOnes) {
  EventQueue q(10.0);
  q.schedule(95.0, 0, 1, 0);  // bucket 9
  q.schedule(5.0, 0, 2, 0);   // the heap
  q.schedule(95.0, 0, 3, 0);  // bucket 9, after kind 1
  q.schedule(30.0, 1, 4, 0);  // bucket 3
  q.schedule(30.0, 0, 5, 0);  // bucket 3, priority first
  EXPECT_EQ(q.size(), 5u);
  std::vector<std::uint32_t> kinds;
  Event e;
  ASSERT_TRUE(q.pop(e));
  kinds.push_back(e.kind);
  q.schedule(94.0, 0, 6, 0);  // scheduled late, still before the bucket's earlier entries
  q.schedule(std::numeric_limits<double>::infinity(), 0, 7, 0);
  while (q.pop(e)) kinds.push_back(e.kind);
  EXPECT_EQ(kinds, (std::vector<std::uint32_t>{2, 5, 4, 6, 1, 3, 7}));
}

TEST(EventQueue, PopsInSortedOrderWithManyTies) {
  // Every heap size from 1 to 300 gives the sift-down every shape of the last parent's partial
  // group of children; times take only five values, so most comparisons are decided by the
  // priority or the insertion sequence. The reference is the sorted (time, priority, sequence).
  auto rng = cxsim::sim::make_stream(11, 0, 0);
  using Key = std::tuple<double, int, std::uint32_t>;
  for (std::uint32_t n = 1; n <= 300; ++n) {
    EventQueue q(1e9);  // one bucket: everything goes through the heap
    std::vector<Key> reference;
    for (std::uint32_t i = 0; i < n; ++i) {
      const double t = std::floor(cxsim::sim::uniform(rng) * 5.0);
      const int prio = static_cast<int>(cxsim::sim::uniform(rng) * 3);
      q.schedule(t, static_cast<std::uint8_t>(prio), 0, i);
      reference.emplace_back(t, prio, i);
    }
    std::sort(reference.begin(), reference.end());
    Event e;
    for (const auto& [t, prio, i] : reference) {
      ASSERT_TRUE(q.pop(e));
      ASSERT_EQ(e.target, i) << "heap of " << n;
      ASSERT_EQ(e.time, t);
    }
    EXPECT_FALSE(q.pop(e));
  }
}

TEST(EventQueue, HoldWithTiesKeepsTheTotalOrder) {
  // A hold model (each pop schedules one event at or after the popped time) on heaps of up to
  // 5,000 entries, with ties on the time; an ordered set of the keys is the reference.
  auto rng = cxsim::sim::make_stream(12, 0, 0);
  using Key = std::tuple<double, int, std::uint64_t>;
  for (const std::uint32_t size : {5u, 63u, 64u, 65u, 1000u, 5000u}) {
    EventQueue q(1e9);
    std::set<Key> reference;
    std::uint64_t seq = 0;
    const auto schedule = [&](double now) {
      const double t = now + std::floor(cxsim::sim::uniform(rng) * 4.0);
      const int prio = static_cast<int>(cxsim::sim::uniform(rng) * 3);
      q.schedule(t, static_cast<std::uint8_t>(prio), 0, static_cast<std::uint32_t>(seq));
      reference.emplace(t, prio, seq++);
    };
    for (std::uint32_t i = 0; i < size; ++i) schedule(0.0);
    Event e;
    for (int step = 0; step < 20000; ++step) {
      ASSERT_TRUE(q.pop(e));
      const auto [t, prio, id] = *reference.begin();
      reference.erase(reference.begin());
      ASSERT_EQ(e.target, id) << "heap of " << size << ", step " << step;
      ASSERT_EQ(e.time, t);
      schedule(e.time);
    }
  }
}
