// Parallel replications: every index runs once, whatever the thread count; errors propagate.
#include "sim/replicate.hpp"

#include <gtest/gtest.h>

#include <stdexcept>
#include <vector>

TEST(RunReplications, EachIndexOnceForAnyThreadCount) {
  for (std::uint32_t threads : {1u, 2u, 7u}) {
    std::vector<int> hits(50, 0);
    cxsim::sim::run_replications(50, threads, [&](std::uint32_t r) { ++hits[r]; });
    EXPECT_EQ(hits, std::vector<int>(50, 1)) << threads << " threads";
  }
}

TEST(RunReplications, RethrowsTheLowestFailingReplication) {
  try {
    cxsim::sim::run_replications(10, 3, [](std::uint32_t r) {
      if (r == 4 || r == 8) throw std::runtime_error("rep " + std::to_string(r));
    });
    FAIL() << "no exception";
  } catch (const std::runtime_error& e) {
    EXPECT_STREQ(e.what(), "rep 4");
  }
}
