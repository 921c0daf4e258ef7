// The integrity seal of a results file: see checksum.hpp.
#include "sim/checksum.hpp"

#include <zlib.h>

#include <algorithm>
#include <array>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <stdexcept>
#include <string>
#include <vector>

namespace cxsim::sim {

namespace {

// "\ncxsim-crc32 0123abcd\n": the magic, eight hex digits of the CRC, a newline.
constexpr char kMagic[] = "\ncxsim-crc32 ";
constexpr std::size_t kMagicSize = sizeof(kMagic) - 1;
constexpr std::size_t kTrailerSize = kMagicSize + 8 + 1;

// The CRC-32 (zlib's) of the first `size` bytes of `in`, or false if they cannot be read.
bool crc_of(std::ifstream& in, std::uintmax_t size, uLong& crc) {
  crc = crc32(0L, Z_NULL, 0);
  std::vector<char> block(1 << 20);
  in.seekg(0);
  while (size > 0) {
    const auto n = static_cast<std::streamsize>(std::min<std::uintmax_t>(size, block.size()));
    if (!in.read(block.data(), n)) return false;
    crc = crc32(crc, reinterpret_cast<const Bytef*>(block.data()), static_cast<uInt>(n));
    size -= static_cast<std::uintmax_t>(n);
  }
  return true;
}

}  // namespace

void seal(const std::filesystem::path& path) {
  const std::uintmax_t size = std::filesystem::file_size(path);
  uLong crc = 0;
  {
    std::ifstream in(path, std::ios::binary);
    if (!in || !crc_of(in, size, crc)) throw std::runtime_error("cannot read " + path.string() + " to seal it");
  }
  std::array<char, kTrailerSize + 1> trailer{};
  std::snprintf(trailer.data(), trailer.size(), "%s%08lx\n", kMagic, static_cast<unsigned long>(crc & 0xFFFFFFFFUL));
  std::ofstream out(path, std::ios::binary | std::ios::app);
  out.write(trailer.data(), kTrailerSize);
  out.close();
  if (!out) throw std::runtime_error("cannot write the seal of " + path.string());
}

Seal check_seal(const std::filesystem::path& path) {
  std::error_code error;
  const std::uintmax_t size = std::filesystem::file_size(path, error);
  if (error || size < kTrailerSize) return Seal::Missing;
  std::ifstream in(path, std::ios::binary);
  std::array<char, kTrailerSize + 1> trailer{};
  in.seekg(static_cast<std::streamoff>(size - kTrailerSize));
  if (!in.read(trailer.data(), kTrailerSize) || std::memcmp(trailer.data(), kMagic, kMagicSize) != 0 ||
      trailer[kTrailerSize - 1] != '\n')
    return Seal::Missing;
  char* end = nullptr;
  const unsigned long stored = std::strtoul(trailer.data() + kMagicSize, &end, 16);
  if (end != trailer.data() + kMagicSize + 8) return Seal::Broken;
  uLong crc = 0;
  if (!crc_of(in, size - kTrailerSize, crc)) return Seal::Broken;
  return (crc & 0xFFFFFFFFUL) == stored ? Seal::Intact : Seal::Broken;
}

}  // namespace cxsim::sim
