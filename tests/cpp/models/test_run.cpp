// Runs: bit-identical whatever the thread count; a cancelled run leaves no file.
#include "models/run.hpp"

#include <gtest/gtest.h>

#include <cstring>
#include <filesystem>

#include "scenarios.hpp"

using namespace cxsim::models;
namespace fs = std::filesystem;

TEST(Run, ThreadCountDoesNotChangeResults) {
  const ScenarioSpec spec = cxsim::test::busy_centre();
  RunOptions options;
  options.replications = 5;
  options.seed = 77;
  options.threads = 1;
  const RunResult one = run(spec, options, nullptr);
  options.threads = 3;
  const RunResult three = run(spec, options, nullptr);
  ASSERT_EQ(one.datasets.size(), three.datasets.size());
  for (std::size_t g = 1; g < one.datasets.size(); ++g) {  // the root's attributes hold the wall time
    const auto& a = one.datasets[g].variables;
    const auto& b = three.datasets[g].variables;
    ASSERT_EQ(a.size(), b.size());
    for (std::size_t v = 0; v < a.size(); ++v) {
      ASSERT_EQ(a[v].data.size(), b[v].data.size());
      // Bitwise, NaN included: compare the bytes.
      EXPECT_EQ(std::memcmp(a[v].data.data(), b[v].data.data(), a[v].data.size() * sizeof(double)), 0)
          << one.datasets[g].name << "/" << a[v].name;
    }
  }
}

TEST(Run, CancelledRunLeavesNoFile) {
  const auto path = fs::temp_directory_path() / "cxsim_cancelled.h5";
  fs::remove(path);
  cxsim::sim::Progress progress;
  progress.cancelled = true;
  RunOptions options;
  options.output = path.string();
  options.call_log = true;
  EXPECT_THROW(run(cxsim::test::busy_centre(), options, &progress), cxsim::sim::Cancelled);
  EXPECT_FALSE(fs::exists(path));
  EXPECT_FALSE(fs::exists(path.string() + ".partial"));
}

TEST(Run, WritesTheFileAndCountsProgress) {
  const auto path = fs::temp_directory_path() / "cxsim_written.h5";
  fs::remove(path);
  cxsim::sim::Progress progress;
  RunOptions options;
  options.replications = 3;
  options.output = path.string();
  options.call_log = true;
  run(cxsim::test::busy_centre(), options, &progress);
  EXPECT_TRUE(fs::exists(path));
  EXPECT_EQ(progress.done.load(), 3u * 3u);  // replications × days
  fs::remove(path);
}
