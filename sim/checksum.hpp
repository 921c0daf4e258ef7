// A file's integrity seal: a CRC-32 of its bytes, appended as a fixed-size trailer.
//
// HDF5 readers ignore bytes past the end of the file's allocated space, so a sealed results
// file is still a plain HDF5 (netCDF-4) file; cxsim checks the seal before any HDF5 library
// parses the file, because metadata checksums do not cover everything a reader follows (the
// global heap) and a corrupted file can crash or hang libhdf5.
#pragma once

#include <filesystem>

namespace cxsim::sim {

enum class Seal { Intact, Missing, Broken };

// Appends the trailer to a closed file.
void seal(const std::filesystem::path& path);

// Whether the file ends with a trailer whose CRC-32 matches the bytes before it.
Seal check_seal(const std::filesystem::path& path);

}  // namespace cxsim::sim
