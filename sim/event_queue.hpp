// The future-event set: a 4-ary min-heap with a total order and cancellable timers.
#pragma once

#include <bit>
#include <cmath>
#include <cstdint>
#include <limits>
#include <map>
#include <vector>

namespace cxsim::sim {

// What the model sees when an event fires: its time, its kind and the entity it targets.
struct Event {
  double time = 0.0;
  std::uint32_t kind = 0;
  std::uint32_t target = 0;
};

// Events are ordered by (time, priority, insertion sequence), so ties never depend on the
// heap's layout; times are non-negative (simulation time starts at 0). Timers can be
// cancelled: a cancelled timer stays in the heap but is skipped when it reaches the top (lazy
// deletion keeps push and pop O(log n)).
//
// Events beyond the bucket that the clock has reached wait in a calendar of buckets of
// `bucket_width` and join the heap when the clock reaches their bucket, so the heap holds
// only the near future (a contact centre's repeat contacts, days ahead, would otherwise
// double its depth). The order is the same: the sequence is taken when an event is scheduled.
class EventQueue {
 public:
  struct Timer {
    std::uint32_t slot = kNoSlot;
    std::uint32_t generation = 0;
  };

  explicit EventQueue(double bucket_width) : width_(bucket_width), near_end_(bucket_width) {}

  void schedule(double time, std::uint8_t priority, std::uint32_t kind, std::uint32_t target) {
    push(Entry{time + 0.0, order(priority), kind, target, kNoSlot, 0});
  }

  Timer schedule_timer(double time, std::uint8_t priority, std::uint32_t kind, std::uint32_t target) {
    std::uint32_t slot;
    if (free_slots_.empty()) {
      slot = static_cast<std::uint32_t>(generations_.size());
      generations_.push_back(0);
    } else {
      slot = free_slots_.back();
      free_slots_.pop_back();
    }
    push(Entry{time + 0.0, order(priority), kind, target, slot, generations_[slot]});
    return Timer{slot, generations_[slot]};
  }

  // Cancelling a timer that already fired or was cancelled does nothing.
  void cancel(Timer timer) {
    if (timer.slot == kNoSlot || generations_[timer.slot] != timer.generation) return;
    release(timer.slot);
  }

  // Removes the next live event into `out`; false when none is left.
  bool pop(Event& out) {
    for (;;) {
      flush_next_bucket_if_heap_empty();
      if (heap_.empty()) return false;
      const Entry top = heap_.front();
      remove_top();
      if (top.slot != kNoSlot) {
        if (generations_[top.slot] != top.generation) continue;  // cancelled
        release(top.slot);
      }
      out = Event{top.time, top.kind, top.target};
      return true;
    }
  }

  // Number of entries held, cancelled timers not yet skipped included.
  std::size_t size() const { return heap_.size() + pending_count_; }

  void clear() {
    heap_.clear();
    pending_.clear();
    pending_count_ = 0;
    near_end_ = width_;
    generations_.clear();
    free_slots_.clear();
    sequence_ = 0;
  }

 private:
  static constexpr std::uint32_t kNoSlot = std::numeric_limits<std::uint32_t>::max();
  static constexpr int kSequenceBits = 56;

  struct Entry {
    double time;
    std::uint64_t order;  // priority in the top 8 bits, insertion sequence below
    std::uint32_t kind;
    std::uint32_t target;
    std::uint32_t slot;
    std::uint32_t generation;
  };

  // Non-negative doubles order as their bit patterns do, so (time, order) compares as one
  // 128-bit integer: no branch on the times' equality in the heap's inner loop.
  static unsigned __int128 key(const Entry& e) {
    return static_cast<unsigned __int128>(std::bit_cast<std::uint64_t>(e.time)) << 64 | e.order;
  }
  static bool before(const Entry& a, const Entry& b) { return key(a) < key(b); }

  std::uint64_t order(std::uint8_t priority) {
    return (static_cast<std::uint64_t>(priority) << kSequenceBits) | sequence_++;
  }

  void release(std::uint32_t slot) {
    ++generations_[slot];
    free_slots_.push_back(slot);
  }

  // The heap holds exactly the events before near_end_, the buckets those from there on, so
  // the heap's top is the next event whenever the heap is not empty.
  void push(const Entry& e) {
    if (e.time < near_end_) {
      heap_push(e);
    } else {
      pending_[std::floor(e.time / width_)].push_back(e);
      ++pending_count_;
    }
  }

  void flush_next_bucket_if_heap_empty() {
    if (!heap_.empty() || pending_.empty()) return;
    auto first = pending_.begin();
    near_end_ = (first->first + 1.0) * width_;
    for (const Entry& e : first->second) heap_push(e);
    pending_count_ -= first->second.size();
    pending_.erase(first);
  }

  void heap_push(const Entry& e) {
    std::size_t i = heap_.size();
    heap_.push_back(e);
    while (i > 0) {
      const std::size_t parent = (i - 1) / 4;
      if (!before(e, heap_[parent])) break;
      heap_[i] = heap_[parent];
      i = parent;
    }
    heap_[i] = e;
  }

  // Which of four children is the smallest is a coin toss, so a branch on it would often
  // mispredict; the sift-down selects with masks instead. GCC 12 compiles ternaries on these
  // 128-bit comparisons into jumps, and even this select when its mask is written
  // -int64_t(condition); as written here it compiles to none (checked in the assembly, -O3).
  template <class T>
  static T pick(bool condition, T yes, T no) {
    return no ^ ((yes ^ no) & (T{0} - T{condition}));
  }

  // The offset (0 to 3) of the smallest of the four entries from `c`: the smaller of each
  // pair, then the smaller of the two. The minima are carried in registers: reloading them by
  // the chosen index puts a load on the dependency chain, which measured slower.
  static std::size_t smallest_of_four(const Entry* c) {
    const unsigned __int128 k0 = key(c[0]), k1 = key(c[1]), k2 = key(c[2]), k3 = key(c[3]);
    const bool second = k1 < k0, fourth = k3 < k2;
    const unsigned __int128 min01 = pick(second, k1, k0), min23 = pick(fourth, k3, k2);
    return pick<std::size_t>(min23 < min01, 2 + std::size_t{fourth}, second);
  }

  // The children of i are 4i + 1 to 4i + 4; every parent but the last has all four.
  void remove_top() {
    const Entry last = heap_.back();
    heap_.pop_back();
    const std::size_t n = heap_.size();
    if (n == 0) return;
    Entry* const h = heap_.data();
    const unsigned __int128 last_key = key(last);
    std::size_t i = 0;
    for (;;) {
      const std::size_t first = 4 * i + 1;
      std::size_t best;
      if (first + 4 <= n) {
        best = first + smallest_of_four(h + first);
      } else if (first < n) {  // the last parent, with one to three children: at most once
        best = first;
        for (std::size_t c = first + 1; c < n; ++c)
          if (before(h[c], h[best])) best = c;
      } else {
        break;
      }
      if (!(key(h[best]) < last_key)) break;
      h[i] = h[best];
      i = best;
    }
    h[i] = last;
  }

  double width_;
  double near_end_;  // the end of the last bucket moved into the heap
  std::vector<Entry> heap_;
  std::map<double, std::vector<Entry>> pending_;  // bucket index (time / width, floored) -> its events
  std::size_t pending_count_ = 0;
  std::vector<std::uint32_t> generations_;
  std::vector<std::uint32_t> free_slots_;
  std::uint64_t sequence_ = 0;
};

}  // namespace cxsim::sim
