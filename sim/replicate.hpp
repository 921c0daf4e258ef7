// Runs independent replications on a pool of threads; results never depend on the thread count.
#pragma once

#include <algorithm>
#include <atomic>
#include <cstdint>
#include <exception>
#include <mutex>
#include <thread>
#include <vector>

namespace cxsim::sim {

// Progress shared with the caller (a progress bar polls it) and a cancellation flag.
struct Progress {
  std::atomic<std::uint64_t> done{0};
  std::atomic<std::uint64_t> total{0};
  std::atomic<bool> cancelled{false};
};

// Thrown out of a run whose Progress was cancelled.
struct Cancelled : std::exception {
  const char* what() const noexcept override { return "run cancelled"; }
};

// Calls body(r) for r in [0, n) on up to `threads` threads (0 means all cores). Each
// replication owns its state and writes only its own result slot, so the outcome is the
// same for any thread count. The exception of the lowest failing replication is rethrown.
template <class Body>
void run_replications(std::uint32_t n, std::uint32_t threads, Body&& body) {
  if (threads == 0) threads = std::max(1u, std::thread::hardware_concurrency());
  threads = std::min(threads, std::max(n, 1u));
  std::atomic<std::uint32_t> next{0};
  std::vector<std::exception_ptr> errors(n);
  auto worker = [&] {
    for (std::uint32_t r = next++; r < n; r = next++) {
      try {
        body(r);
      } catch (...) {
        errors[r] = std::current_exception();
      }
    }
  };
  if (threads == 1) {
    worker();
  } else {
    std::vector<std::thread> pool;
    for (std::uint32_t t = 0; t < threads; ++t) pool.emplace_back(worker);
    for (auto& th : pool) th.join();
  }
  for (auto& e : errors)
    if (e) std::rethrow_exception(e);
}

}  // namespace cxsim::sim
