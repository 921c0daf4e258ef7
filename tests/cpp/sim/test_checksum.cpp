// The CRC-32 seal of a results file: intact as written, broken by any flipped byte, missing
// when the trailer is absent or cut.
#include "sim/checksum.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <string>

namespace fs = std::filesystem;
using cxsim::sim::Seal;

namespace {
fs::path write_file(const char* name, const std::string& bytes) {
  const fs::path path = fs::temp_directory_path() / name;
  std::ofstream(path, std::ios::binary) << bytes;
  return path;
}

std::string read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}
}  // namespace

TEST(Seal, WrittenFileIsIntactAndEndsWithTheCrcOfItsBytes) {
  const auto path = write_file("cxsim_seal.bin", "123456789");
  cxsim::sim::seal(path);
  EXPECT_EQ(cxsim::sim::check_seal(path), Seal::Intact);
  // The CRC-32 check value of "123456789" is cbf43926 (the standard test vector).
  EXPECT_EQ(read_file(path), std::string("123456789\ncxsim-crc32 cbf43926\n"));
  fs::remove(path);
}

TEST(Seal, AnyFlippedByteBreaksIt) {
  const std::string body(5000, 'x');
  const auto path = write_file("cxsim_seal_flip.bin", body);
  cxsim::sim::seal(path);
  const std::string sealed = read_file(path);
  for (std::size_t at : {std::size_t{0}, std::size_t{2500}, body.size() - 1, sealed.size() - 3}) {
    std::string bad = sealed;
    bad[at] = static_cast<char>(bad[at] ^ 0x01);
    write_file("cxsim_seal_flip.bin", bad);
    EXPECT_NE(cxsim::sim::check_seal(path), Seal::Intact) << at;
  }
  fs::remove(path);
}

TEST(Seal, AbsentOrCutTrailerIsMissing) {
  const auto path = write_file("cxsim_seal_none.bin", "plain bytes, no trailer at all");
  EXPECT_EQ(cxsim::sim::check_seal(path), Seal::Missing);
  cxsim::sim::seal(path);
  const std::string sealed = read_file(path);
  write_file("cxsim_seal_none.bin", sealed.substr(0, sealed.size() - 5));
  EXPECT_EQ(cxsim::sim::check_seal(path), Seal::Missing);
  EXPECT_EQ(cxsim::sim::check_seal(fs::temp_directory_path() / "cxsim_no_such_file"), Seal::Missing);
  fs::remove(path);
}
