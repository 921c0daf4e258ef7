// A netCDF-4-compatible HDF5 writer: dimension scales, units, compound tables, atomic commit.
#pragma once

#include <hdf5.h>

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <span>
#include <stdexcept>
#include <string>
#include <vector>

namespace cxsim::sim::h5 {

// A file that cannot be written (a full disk, a failed HDF5 call), with the reason.
class Error : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// The version of the libhdf5 this code runs against, as "major.minor.release".
std::string library_version();

enum class FieldType { F64, F32, I64, U64, I32, U32, U16, U8 };

// One member of a compound record, for HDF5 compound datasets (and NumPy structured dtypes).
struct Field {
  const char* name;
  std::size_t offset;
  FieldType type;
};

// An HDF5 object handle that closes itself.
class Handle {
 public:
  Handle() = default;
  explicit Handle(hid_t id);
  ~Handle();
  Handle(Handle&& other) noexcept;
  Handle& operator=(Handle&& other) noexcept;
  Handle(const Handle&) = delete;
  Handle& operator=(const Handle&) = delete;
  hid_t id() const { return id_; }
  // Closes the object now; negative if HDF5 failed to. The handle is empty afterwards.
  herr_t close() noexcept;
  // Forgets the object without closing it.
  void release() { id_ = H5I_INVALID_HID; }

 private:
  hid_t id_ = H5I_INVALID_HID;
};

// The attributes of an HDF5 object (a group or a variable), which must stay open while they
// are written. Writing an attribute that exists replaces it.
class Attributes {
 public:
  explicit Attributes(hid_t object) : object_(object) {}
  void set(const std::string& name, const std::string& value);
  void set(const std::string& name, double value);
  void set(const std::string& name, std::int64_t value);
  void set(const std::string& name, std::uint64_t value);
  // A list of strings (a code table: the name of code i at index i).
  void set(const std::string& name, const std::vector<std::string>& values);
  // A list of numbers (CF's flag_values, in the type of the variable they describe).
  void set(const std::string& name, std::span<const double> values);
  void set(const std::string& name, std::span<const std::uint8_t> values);

 private:
  hid_t object_;
};

// A group laid out as a netCDF-4 group: its dimensions are dimension scales with a coordinate
// variable each, and its variables name their dimensions and carry `units` and `long_name`.
class Group {
 public:
  Group(Handle handle, int* next_dimid) : handle_(std::move(handle)), next_dimid_(next_dimid) {}

  Group subgroup(const std::string& name);
  void dimension(const std::string& name, std::span<const double> coords, const std::string& units,
                 const std::string& long_name);
  void dimension(const std::string& name, std::span<const std::int64_t> coords, const std::string& units,
                 const std::string& long_name);
  void dimension(const std::string& name, const std::vector<std::string>& coords, const std::string& long_name);
  // `data` is row-major over `dims` (names of dimensions already declared in this group); the
  // variable is returned open, for more attributes.
  Handle variable(const std::string& name, const std::vector<std::string>& dims, std::span<const double> data,
                  const std::string& units, const std::string& long_name);
  Attributes attributes() const { return Attributes(id()); }
  hid_t id() const { return handle_.id(); }

 private:
  Handle make_dataset(const std::string& name, hid_t type, const std::vector<hsize_t>& shape);
  void finish_dimension(Handle& ds, const std::string& name, const std::string& units, const std::string& long_name);

  Handle handle_;
  int* next_dimid_;
};

// An appendable, chunked, gzip-compressed 1-D dataset of compound records.
//
// The dataset declares HDF5's standard shuffle + deflate filters, so any HDF5 reader decodes it,
// but append() applies them itself, in the calling thread and outside the library-wide HDF5 lock,
// and hands HDF5 only finished chunks (H5Dwrite_chunk): tables appended from several threads
// compress in parallel. Bytes of a record that no field covers (padding) are stored as zeros.
// One thread at a time may use a given Table.
class Table {
 public:
  Table(const Group& group, const std::string& name, std::span<const Field> fields, std::size_t record_size,
        std::size_t chunk_records);
  // Appends `count` records laid out as described by the fields, `record_size` bytes apart.
  // They are in the dataset when it returns: a last, partial chunk is written as such, and
  // written again (recompressed) if a later append adds to it, so appending whole chunks is
  // cheapest.
  void append(const void* records, std::size_t count);
  Handle& dataset() { return dataset_; }

 private:
  // Shuffles, compresses and writes the chunk starting at record `first` (a multiple of the
  // chunk size), whose first `count` records are at `records`; the rest of the chunk is zeros.
  void write_chunk(const unsigned char* records, std::size_t count, hsize_t first);

  Handle type_;
  Handle dataset_;
  hsize_t size_ = 0;
  std::size_t record_size_;
  std::size_t chunk_records_;
  std::vector<unsigned char> covered_;     // per byte of a record: 1 if some field holds it
  std::vector<unsigned char> tail_;        // the records of the last chunk, if partial
  std::vector<unsigned char> shuffled_;    // one chunk, byte-shuffled
  std::vector<unsigned char> compressed_;  // one chunk, shuffled and deflated
};

// A results file written under `<path>.partial`, sealed (sim/checksum.hpp) and renamed to
// `path` by commit(); if the writer is destroyed without commit (an error, a cancelled run, a
// full disk) the partial file is removed, so a file at `path` is always complete. Closing the
// file closes every object still open in it (their handles then close nothing).
class File {
 public:
  explicit File(std::filesystem::path path);
  ~File();
  File(const File&) = delete;
  File& operator=(const File&) = delete;

  Group& root() { return root_; }
  // Writes everything out, closes the file and renames it into place; throws Error if it cannot.
  void commit();

 private:
  void discard() noexcept;

  std::filesystem::path path_;
  std::filesystem::path partial_;
  Handle file_;
  int next_dimid_ = 0;
  Group root_;
  bool committed_ = false;
};

}  // namespace cxsim::sim::h5
