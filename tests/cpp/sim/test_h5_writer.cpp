// HDF5 writer: atomic commit, dimension scales attached, compound tables appended in chunks.
#include "sim/h5_writer.hpp"

#include <gtest/gtest.h>
#include <hdf5_hl.h>

#include <filesystem>
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
    f.root().attribute("a", 1.0);
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
