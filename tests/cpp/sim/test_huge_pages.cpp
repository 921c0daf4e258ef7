// The huge-page allocator: whole 2 MB pages, aligned, usable as any vector's storage.
#include "sim/huge_pages.hpp"

#include <gtest/gtest.h>

#include <cstdint>
#include <numeric>
#include <vector>

TEST(HugePageAllocator, VectorStorageIsPageAlignedAndGrows) {
  std::vector<std::uint32_t, cxsim::sim::HugePageAllocator<std::uint32_t>> v;
  v.reserve(3);
  EXPECT_EQ(reinterpret_cast<std::uintptr_t>(v.data()) % (2u << 20), 0u);
  for (std::uint32_t i = 0; i < 1'000'000; ++i) v.push_back(i);  // reallocates past the first page
  EXPECT_EQ(reinterpret_cast<std::uintptr_t>(v.data()) % (2u << 20), 0u);
  EXPECT_EQ(std::accumulate(v.begin(), v.end(), std::uint64_t{0}), 999'999ull * 1'000'000ull / 2);
}
