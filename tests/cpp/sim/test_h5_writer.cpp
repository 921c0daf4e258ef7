// HDF5 writer: atomic commit, dimension scales attached, compound tables appended in chunks.
#include "sim/h5_writer.hpp"

#include <gtest/gtest.h>
#include <hdf5_hl.h>

#include <algorithm>
#include <cstring>
#include <filesystem>
#include <limits>
#include <string>
#include <thread>
#include <vector>

namespace fs = std::filesystem;
using namespace cxsim::sim::h5;

namespace {
fs::path temp_path(const char* name) { return fs::temp_directory_path() / name; }

struct Rec {
  double x;
  std::uint32_t k;
};
}  // namespace

TEST(H5File, UncommittedFileLeavesNothingBehind) {
  const auto path = temp_path("cxsim_uncommitted.h5");
  fs::remove(path);
  {
    File f(path);
    f.root().attributes().set("a", 1.0);
    EXPECT_TRUE(fs::exists(path.string() + ".partial"));
  }
  EXPECT_FALSE(fs::exists(path));
  EXPECT_FALSE(fs::exists(path.string() + ".partial"));
}

TEST(H5File, CommittedFileHasScalesUnitsAndTable) {
  const auto path = temp_path("cxsim_committed.h5");
  fs::remove(path);
  {
    File f(path);
    Group g = f.root().subgroup("g");
    const std::vector<double> t{0.0, 60.0, 120.0};
    g.dimension("t", t, "s", "time");
    const std::vector<double> v{1.0, 2.0, 3.0};
    g.variable("v", {"t"}, v, "1", "values");
    const Field fields[] = {{"x", offsetof(Rec, x), FieldType::F64}, {"k", offsetof(Rec, k), FieldType::U32}};
    {
      Table table(g, "log", fields, sizeof(Rec), 4);
      const std::vector<Rec> a{{1.5, 1}, {2.5, 2}, {3.5, 3}}, b{{4.5, 4}, {5.5, 5}};
      table.append(a.data(), a.size());
      table.append(b.data(), b.size());
    }
    f.commit();
  }
  ASSERT_TRUE(fs::exists(path));
  EXPECT_FALSE(fs::exists(path.string() + ".partial"));

  const hid_t file = H5Fopen(path.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT);
  const hid_t v = H5Dopen2(file, "/g/v", H5P_DEFAULT);
  const hid_t t = H5Dopen2(file, "/g/t", H5P_DEFAULT);
  EXPECT_EQ(H5DSis_scale(t), 1);
  EXPECT_EQ(H5DSis_attached(v, t, 0), 1);
  EXPECT_EQ(H5Aexists(v, "units"), 1);
  std::vector<double> back(3);
  H5Dread(v, H5T_NATIVE_DOUBLE, H5S_ALL, H5S_ALL, H5P_DEFAULT, back.data());
  EXPECT_EQ(back, (std::vector<double>{1.0, 2.0, 3.0}));
  const hid_t log = H5Dopen2(file, "/g/log", H5P_DEFAULT);
  const hid_t space = H5Dget_space(log);
  hsize_t n = 0;
  H5Sget_simple_extent_dims(space, &n, nullptr);
  EXPECT_EQ(n, 5u);
  H5Sclose(space);
  H5Dclose(log);
  H5Dclose(t);
  H5Dclose(v);
  H5Fclose(file);
  fs::remove(path);
}

namespace {
// A record with padding: 4 bytes after `k`, 7 after `c`.
struct Wide {
  double x;
  std::uint32_t k;
  double y;
  std::uint8_t c;
};

std::vector<Wide> wide_records(std::size_t n, std::uint32_t seed) {
  std::vector<Wide> v(n);
  for (std::size_t i = 0; i < n; ++i) {
    std::memset(&v[i], 0xA5, sizeof(Wide));  // padding that must not reach the file
    v[i].x = static_cast<double>(i) * 0.25 + seed;
    v[i].k = static_cast<std::uint32_t>(i * 2654435761u) ^ seed;
    v[i].y = i % 7 == 0 ? std::numeric_limits<double>::quiet_NaN() : -static_cast<double>(i);
    v[i].c = static_cast<std::uint8_t>(i % 251);
  }
  return v;
}

const Field kWideFields[] = {{"x", offsetof(Wide, x), FieldType::F64},
                             {"k", offsetof(Wide, k), FieldType::U32},
                             {"y", offsetof(Wide, y), FieldType::F64},
                             {"c", offsetof(Wide, c), FieldType::U8}};

// Reads /name back through HDF5's own filter pipeline, into a buffer first filled with 0xFF.
std::vector<Wide> read_wide(const fs::path& path, const char* name) {
  const hid_t file = H5Fopen(path.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT);
  const hid_t ds = H5Dopen2(file, name, H5P_DEFAULT);
  const hid_t space = H5Dget_space(ds);
  hsize_t n = 0;
  H5Sget_simple_extent_dims(space, &n, nullptr);
  const hid_t type = H5Dget_type(ds);
  std::vector<Wide> back(n);
  if (n > 0) std::memset(back.data(), 0xFF, n * sizeof(Wide));
  EXPECT_GE(H5Dread(ds, type, H5S_ALL, H5S_ALL, H5P_DEFAULT, back.data()), 0);
  // Readers see the standard filters: shuffle, then deflate.
  const hid_t dcpl = H5Dget_create_plist(ds);
  EXPECT_EQ(H5Pget_nfilters(dcpl), 2);
  unsigned flags = 0, level = 0;
  std::size_t nvalues = 1;
  EXPECT_EQ(H5Pget_filter2(dcpl, 0, &flags, &nvalues, &level, 0, nullptr, nullptr), H5Z_FILTER_SHUFFLE);
  nvalues = 1;
  EXPECT_EQ(H5Pget_filter2(dcpl, 1, &flags, &nvalues, &level, 0, nullptr, nullptr), H5Z_FILTER_DEFLATE);
  H5Pclose(dcpl);
  H5Tclose(type);
  H5Sclose(space);
  H5Dclose(ds);
  H5Fclose(file);
  return back;
}

void expect_same(const std::vector<Wide>& got, const std::vector<Wide>& want) {
  ASSERT_EQ(got.size(), want.size());
  for (std::size_t i = 0; i < got.size(); ++i) {
    EXPECT_EQ(got[i].x, want[i].x) << i;
    EXPECT_EQ(got[i].k, want[i].k) << i;
    EXPECT_EQ(std::memcmp(&got[i].y, &want[i].y, sizeof(double)), 0) << i;  // NaN too
    EXPECT_EQ(got[i].c, want[i].c) << i;
    // Padding is stored as zeros.
    const auto* bytes = reinterpret_cast<const unsigned char*>(&got[i]);
    for (std::size_t b = offsetof(Wide, k) + 4; b < offsetof(Wide, y); ++b) EXPECT_EQ(bytes[b], 0) << i;
    for (std::size_t b = offsetof(Wide, c) + 1; b < sizeof(Wide); ++b) EXPECT_EQ(bytes[b], 0) << i;
  }
}
}  // namespace

TEST(H5Table, ChunksCompressedOutsideHdf5ReadBackThroughItsFilters) {
  const auto path = temp_path("cxsim_table_chunks.h5");
  fs::remove(path);
  constexpr std::size_t kChunk = 1000;
  const auto all = wide_records(5 * kChunk + 123, 0);
  {
    File f(path);
    {
      Table whole(f.root(), "whole", kWideFields, sizeof(Wide), kChunk);
      // Three whole chunks in one append, then one, then a partial chunk.
      whole.append(all.data(), 3 * kChunk);
      whole.append(all.data() + 3 * kChunk, kChunk);
      whole.append(all.data() + 4 * kChunk, all.size() - 4 * kChunk);
      Table ragged(f.root(), "ragged", kWideFields, sizeof(Wide), kChunk);
      // Appends that start and end inside chunks, so partial chunks are written again.
      const std::size_t sizes[] = {1, 998, 2, 1500, 0, 2500, 7, all.size() - 5008};
      std::size_t done = 0;
      for (std::size_t n : sizes) {
        ragged.append(all.data() + done, n);
        done += n;
      }
      ASSERT_EQ(done, all.size());
      Table empty(f.root(), "empty", kWideFields, sizeof(Wide), kChunk);
    }
    f.commit();
  }
  expect_same(read_wide(path, "/whole"), all);
  expect_same(read_wide(path, "/ragged"), all);
  EXPECT_TRUE(read_wide(path, "/empty").empty());
  fs::remove(path);
}

TEST(H5Table, TablesAppendedFromSeveralThreads) {
  const auto path = temp_path("cxsim_table_threads.h5");
  fs::remove(path);
  constexpr std::size_t kChunk = 512;
  const std::size_t kThreads = 4;
  std::vector<std::vector<Wide>> data;
  for (std::size_t t = 0; t < kThreads; ++t) data.push_back(wide_records(20 * kChunk + 17 * t, t));
  {
    File f(path);
    Group g = f.root().subgroup("calls");
    std::vector<std::thread> threads;
    for (std::size_t t = 0; t < kThreads; ++t)
      threads.emplace_back([&, t] {
        Table table(g, "t" + std::to_string(t), kWideFields, sizeof(Wide), kChunk);
        for (std::size_t i = 0; i < data[t].size(); i += kChunk)
          table.append(data[t].data() + i, std::min(kChunk, data[t].size() - i));
      });
    for (auto& th : threads) th.join();
    f.commit();
  }
  for (std::size_t t = 0; t < kThreads; ++t)
    expect_same(read_wide(path, ("/calls/t" + std::to_string(t)).c_str()), data[t]);
  fs::remove(path);
}
