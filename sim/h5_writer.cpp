// netCDF-4-compatible HDF5 output: see h5_writer.hpp.
#include "sim/h5_writer.hpp"

#include "sim/checksum.hpp"

#include <hdf5_hl.h>
#include <zlib.h>

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cstring>
#include <mutex>
#include <system_error>

#if !H5_VERSION_GE(1, 10, 2)
#error "cxsim needs HDF5 1.10.2 or later (H5Dwrite_chunk)"
#endif

namespace cxsim::sim::h5 {

namespace {

std::recursive_mutex& mutex() {
  static std::recursive_mutex m;
  return m;
}

// Every HDF5 call is made holding this guard: one thread in the library at a time, and in a
// thread whose automatic error printing is off (HDF5 keeps that setting per thread; failures
// become exceptions instead). The first guard also asks the library not to clean up at exit,
// before anything initialises it: see File::discard for the file that cleanup would crash on.
class Guard {
 public:
  Guard() : lock_(mutex()) {
    static const bool no_atexit = (H5dont_atexit(), true);
    (void)no_atexit;
    thread_local bool quiet = false;
    if (!quiet) {
      H5Eset_auto2(H5E_DEFAULT, nullptr, nullptr);
      quiet = true;
    }
  }

 private:
  std::lock_guard<std::recursive_mutex> lock_;
};

// Why the last HDF5 call of this thread failed: the innermost message of its error stack, or,
// for a failed read or write, the system's reason (HDF5 quotes it as "error message = '...'").
std::string reason() {
  std::string innermost;
  H5Ewalk2(
      H5E_DEFAULT, H5E_WALK_UPWARD,
      [](unsigned n, const H5E_error2_t* e, void* out) -> herr_t {
        if (n == 0 && e->desc) *static_cast<std::string*>(out) = e->desc;
        return 0;
      },
      &innermost);
  H5Eclear2(H5E_DEFAULT);
  const std::string quote = "error message = '";
  if (const auto at = innermost.find(quote); at != std::string::npos) {
    const auto from = at + quote.size();
    return innermost.substr(from, innermost.find('\'', from) - from);
  }
  return innermost;
}

[[noreturn]] void fail(const char* what) { throw Error(std::string(what) + ": " + reason()); }

hid_t check(hid_t id, const char* what) {
  if (id < 0) fail(what);
  return id;
}

void ok(herr_t status, const char* what) {
  if (status < 0) fail(what);
}

hid_t native(FieldType t) {
  switch (t) {
    case FieldType::F64: return H5T_NATIVE_DOUBLE;
    case FieldType::F32: return H5T_NATIVE_FLOAT;
    case FieldType::I64: return H5T_NATIVE_INT64;
    case FieldType::U64: return H5T_NATIVE_UINT64;
    case FieldType::I32: return H5T_NATIVE_INT32;
    case FieldType::U32: return H5T_NATIVE_UINT32;
    case FieldType::U16: return H5T_NATIVE_UINT16;
    case FieldType::U8: return H5T_NATIVE_UINT8;
  }
  return H5T_NATIVE_DOUBLE;
}

Handle string_type(std::size_t size) {
  Handle type(check(H5Tcopy(H5T_C_S1), "copy string type"));
  ok(H5Tset_size(type.id(), size), "set string size");
  ok(H5Tset_cset(type.id(), H5T_CSET_UTF8), "set string charset");
  return type;
}

// Track creation order as netCDF-4 does, so netCDF-C readers accept the file too; no
// modification times, so the bytes of a file depend on its contents only.
Handle creation_order_plist(hid_t cls) {
  Handle plist(check(H5Pcreate(cls), "create property list"));
  ok(H5Pset_obj_track_times(plist.id(), false), "object times");
  const unsigned flags = H5P_CRT_ORDER_TRACKED | H5P_CRT_ORDER_INDEXED;
  if (cls == H5P_FILE_CREATE || cls == H5P_GROUP_CREATE)
    ok(H5Pset_link_creation_order(plist.id(), flags), "link creation order");
  ok(H5Pset_attr_creation_order(plist.id(), flags), "attribute creation order");
  return plist;
}

void write_attribute(hid_t obj, const std::string& name, hid_t type, const void* value) {
  Handle space(check(H5Screate(H5S_SCALAR), "scalar space"));
  if (H5Aexists(obj, name.c_str()) > 0) ok(H5Adelete(obj, name.c_str()), "delete attribute");
  Handle attr(check(H5Acreate2(obj, name.c_str(), type, space.id(), H5P_DEFAULT, H5P_DEFAULT), "create attribute"));
  ok(H5Awrite(attr.id(), type, value), "write attribute");
}

// A one-dimensional attribute of `count` values of `type`.
void write_list_attribute(hid_t obj, const std::string& name, hid_t type, const void* values, hsize_t count) {
  Handle space(check(H5Screate_simple(1, &count, nullptr), "attribute space"));
  if (H5Aexists(obj, name.c_str()) > 0) ok(H5Adelete(obj, name.c_str()), "delete attribute");
  Handle attr(check(H5Acreate2(obj, name.c_str(), type, space.id(), H5P_DEFAULT, H5P_DEFAULT), "create attribute"));
  ok(H5Awrite(attr.id(), type, values), "write attribute");
}

void write_string_attribute(hid_t obj, const std::string& name, const std::string& value) {
  // Variable-length UTF-8: netCDF-4's NC_STRING, and a str (not bytes) in h5py.
  Handle type = string_type(H5T_VARIABLE);
  const char* text = value.c_str();
  write_attribute(obj, name, type.id(), &text);
}

}  // namespace

std::string library_version() {
  Guard guard;
  unsigned major = 0, minor = 0, release = 0;
  H5get_libversion(&major, &minor, &release);
  return std::to_string(major) + "." + std::to_string(minor) + "." + std::to_string(release);
}

Handle::Handle(hid_t id) : id_(id) {}

Handle::~Handle() { close(); }

herr_t Handle::close() noexcept {
  if (id_ < 0) return 0;
  Guard guard;
  herr_t status = 0;
  switch (H5Iget_type(id_)) {  // H5I_BADID once the file's close has closed it (File::discard)
    case H5I_GROUP: status = H5Gclose(id_); break;
    case H5I_DATASET: status = H5Dclose(id_); break;
    case H5I_DATATYPE: status = H5Tclose(id_); break;
    case H5I_DATASPACE: status = H5Sclose(id_); break;
    case H5I_GENPROP_LST: status = H5Pclose(id_); break;
    case H5I_ATTR: status = H5Aclose(id_); break;
    case H5I_FILE: status = H5Fclose(id_); break;
    default: break;
  }
  id_ = H5I_INVALID_HID;
  return status;
}

Handle::Handle(Handle&& other) noexcept : id_(other.id_) { other.id_ = H5I_INVALID_HID; }

Handle& Handle::operator=(Handle&& other) noexcept {
  if (this != &other) {
    Handle tmp(std::move(*this));
    id_ = other.id_;
    other.id_ = H5I_INVALID_HID;
  }
  return *this;
}

Group Group::subgroup(const std::string& name) {
  Guard guard;
  Handle gcpl = creation_order_plist(H5P_GROUP_CREATE);
  Handle g(check(H5Gcreate2(id(), name.c_str(), H5P_DEFAULT, gcpl.id(), H5P_DEFAULT), "create group"));
  return Group(std::move(g), next_dimid_);
}

Handle Group::make_dataset(const std::string& name, hid_t type, const std::vector<hsize_t>& shape) {
  Handle space(check(H5Screate_simple(static_cast<int>(shape.size()), shape.data(), nullptr), "dataspace"));
  Handle dcpl = creation_order_plist(H5P_DATASET_CREATE);
  return Handle(
      check(H5Dcreate2(id(), name.c_str(), type, space.id(), H5P_DEFAULT, dcpl.id(), H5P_DEFAULT), "create dataset"));
}

void Group::finish_dimension(Handle& ds, const std::string& name, const std::string& units,
                             const std::string& long_name) {
  ok(H5DSset_scale(ds.id(), name.c_str()), "set dimension scale");
  const int dimid = (*next_dimid_)++;
  write_attribute(ds.id(), "_Netcdf4Dimid", H5T_NATIVE_INT, &dimid);
  if (!units.empty()) write_string_attribute(ds.id(), "units", units);
  if (!long_name.empty()) write_string_attribute(ds.id(), "long_name", long_name);
}

void Group::dimension(const std::string& name, std::span<const double> coords, const std::string& units,
                      const std::string& long_name) {
  Guard guard;
  Handle ds = make_dataset(name, H5T_NATIVE_DOUBLE, {coords.size()});
  ok(H5Dwrite(ds.id(), H5T_NATIVE_DOUBLE, H5S_ALL, H5S_ALL, H5P_DEFAULT, coords.data()), "write coordinate");
  finish_dimension(ds, name, units, long_name);
}

void Group::dimension(const std::string& name, std::span<const std::int64_t> coords, const std::string& units,
                      const std::string& long_name) {
  Guard guard;
  Handle ds = make_dataset(name, H5T_NATIVE_INT64, {coords.size()});
  ok(H5Dwrite(ds.id(), H5T_NATIVE_INT64, H5S_ALL, H5S_ALL, H5P_DEFAULT, coords.data()), "write coordinate");
  finish_dimension(ds, name, units, long_name);
}

void Group::dimension(const std::string& name, const std::vector<std::string>& coords, const std::string& long_name) {
  Guard guard;
  Handle type = string_type(H5T_VARIABLE);
  Handle ds = make_dataset(name, type.id(), {coords.size()});
  std::vector<const char*> ptrs;
  for (const auto& s : coords) ptrs.push_back(s.c_str());
  ok(H5Dwrite(ds.id(), type.id(), H5S_ALL, H5S_ALL, H5P_DEFAULT, ptrs.data()), "write string coordinate");
  finish_dimension(ds, name, "", long_name);
}

Handle Group::variable(const std::string& name, const std::vector<std::string>& dims, std::span<const double> data,
                       const std::string& units, const std::string& long_name) {
  Guard guard;
  std::vector<Handle> scales;
  std::vector<hsize_t> shape;
  hsize_t total = 1;
  for (const auto& dim : dims) {
    Handle scale(check(H5Dopen2(id(), dim.c_str(), H5P_DEFAULT), "open dimension"));
    Handle space(check(H5Dget_space(scale.id()), "dimension space"));
    hsize_t n = 0;
    H5Sget_simple_extent_dims(space.id(), &n, nullptr);
    shape.push_back(n);
    total *= n;
    scales.push_back(std::move(scale));
  }
  if (total != data.size()) throw std::logic_error("variable " + name + ": shape mismatch");
  Handle ds = make_dataset(name, H5T_NATIVE_DOUBLE, shape);
  ok(H5Dwrite(ds.id(), H5T_NATIVE_DOUBLE, H5S_ALL, H5S_ALL, H5P_DEFAULT, data.data()), "write variable");
  for (unsigned i = 0; i < scales.size(); ++i)
    ok(H5DSattach_scale(ds.id(), scales[i].id(), i), "attach dimension scale");
  if (!units.empty()) write_string_attribute(ds.id(), "units", units);
  if (!long_name.empty()) write_string_attribute(ds.id(), "long_name", long_name);
  return ds;
}

void Attributes::set(const std::string& name, const std::string& value) {
  Guard guard;
  write_string_attribute(object_, name, value);
}

void Attributes::set(const std::string& name, double value) {
  Guard guard;
  write_attribute(object_, name, H5T_NATIVE_DOUBLE, &value);
}

void Attributes::set(const std::string& name, std::int64_t value) {
  Guard guard;
  write_attribute(object_, name, H5T_NATIVE_INT64, &value);
}

void Attributes::set(const std::string& name, std::uint64_t value) {
  Guard guard;
  write_attribute(object_, name, H5T_NATIVE_UINT64, &value);
}

void Attributes::set(const std::string& name, const std::vector<std::string>& values) {
  Guard guard;
  Handle type = string_type(H5T_VARIABLE);
  std::vector<const char*> ptrs;
  for (const auto& v : values) ptrs.push_back(v.c_str());
  write_list_attribute(object_, name, type.id(), ptrs.data(), ptrs.size());
}

void Attributes::set(const std::string& name, std::span<const double> values) {
  Guard guard;
  write_list_attribute(object_, name, H5T_NATIVE_DOUBLE, values.data(), values.size());
}

void Attributes::set(const std::string& name, std::span<const std::uint8_t> values) {
  Guard guard;
  write_list_attribute(object_, name, H5T_NATIVE_UINT8, values.data(), values.size());
}

namespace {

// The gzip level of every table. Level 1 deflates the call log ~25% faster than level 4 (the
// former setting) for ~2% more bytes, which zeroing its padding more than pays back; a table
// without padding (the customer summary) comes out ~4% larger than at level 4.
constexpr int kDeflateLevel = 1;

// HDF5's shuffle filter (H5Z_FILTER_SHUFFLE) over a chunk of `chunk` records of `size` bytes:
// byte j of record i goes to out[j * chunk + i]. Records from `count` on are zeros, and so are
// the bytes of a record that `covered` marks as padding.
void shuffle(const unsigned char* in, std::size_t count, std::size_t chunk, std::size_t size,
             const unsigned char* covered, unsigned char* out) {
  constexpr std::size_t kBlock = 128;  // records per pass, so that reads stay in the L1 cache
  for (std::size_t i0 = 0; i0 < count; i0 += kBlock) {
    const std::size_t m = std::min(kBlock, count - i0);
    const unsigned char* block = in + i0 * size;
    for (std::size_t j = 0; j < size; ++j) {
      unsigned char* plane = out + j * chunk + i0;
      if (!covered[j]) {
        std::memset(plane, 0, m);
        continue;
      }
      for (std::size_t i = 0; i < m; ++i) plane[i] = block[i * size + j];
    }
  }
  if (count < chunk)
    for (std::size_t j = 0; j < size; ++j) std::memset(out + j * chunk + count, 0, chunk - count);
}

}  // namespace

Table::Table(const Group& group, const std::string& name, std::span<const Field> fields, std::size_t record_size,
             std::size_t chunk_records)
    : record_size_(record_size), chunk_records_(chunk_records), covered_(record_size, 0) {
  if (record_size == 0 || chunk_records == 0) throw std::logic_error("table " + name + ": empty records or chunks");
  Guard guard;
  type_ = Handle(check(H5Tcreate(H5T_COMPOUND, record_size), "compound type"));
  for (const auto& f : fields) {
    ok(H5Tinsert(type_.id(), f.name, f.offset, native(f.type)), "compound member");
    const std::size_t width = H5Tget_size(native(f.type));
    std::fill_n(covered_.begin() + static_cast<std::ptrdiff_t>(f.offset), width, 1);
  }
  const hsize_t zero = 0, unlimited = H5S_UNLIMITED, chunk = chunk_records;
  Handle space(check(H5Screate_simple(1, &zero, &unlimited), "table space"));
  Handle dcpl(check(H5Pcreate(H5P_DATASET_CREATE), "table plist"));
  ok(H5Pset_chunk(dcpl.id(), 1, &chunk), "chunk");
  // Declared for readers; append() applies them itself (see write_chunk).
  ok(H5Pset_shuffle(dcpl.id()), "shuffle");
  ok(H5Pset_deflate(dcpl.id(), kDeflateLevel), "deflate");
  dataset_ =
      Handle(check(H5Dcreate2(group.id(), name.c_str(), type_.id(), space.id(), H5P_DEFAULT, dcpl.id(), H5P_DEFAULT),
                   "create table"));
}

void Table::append(const void* records, std::size_t count) {
  const auto* in = static_cast<const unsigned char*>(records);
  while (count > 0) {
    const std::size_t held = tail_.size() / record_size_;  // records in a partial last chunk
    const hsize_t first = size_ - held;
    if (held == 0 && count >= chunk_records_) {
      write_chunk(in, chunk_records_, first);  // a whole chunk, straight from the caller
      in += chunk_records_ * record_size_;
      count -= chunk_records_;
      continue;
    }
    const std::size_t n = std::min(count, chunk_records_ - held);
    tail_.insert(tail_.end(), in, in + n * record_size_);
    write_chunk(tail_.data(), held + n, first);
    if (held + n == chunk_records_) tail_.clear();
    in += n * record_size_;
    count -= n;
  }
}

void Table::write_chunk(const unsigned char* records, std::size_t count, hsize_t first) {
  // Outside the lock: what the dataset's filter pipeline would do, shuffle then deflate.
  const std::size_t bytes = chunk_records_ * record_size_;
  if (shuffled_.empty()) {
    shuffled_.resize(bytes);
    compressed_.resize(compressBound(bytes));
  }
  shuffle(records, count, chunk_records_, record_size_, covered_.data(), shuffled_.data());
  uLongf compressed_size = compressed_.size();
  if (compress2(compressed_.data(), &compressed_size, shuffled_.data(), bytes, kDeflateLevel) != Z_OK)
    throw Error("cannot compress a table chunk (zlib)");

  Guard guard;
  const hsize_t end = first + count;
  if (end > size_) {
    ok(H5Dset_extent(dataset_.id(), &end), "extend table");
    size_ = end;
  }
  // Filter mask 0: every filter of the pipeline has been applied.
  ok(H5Dwrite_chunk(dataset_.id(), H5P_DEFAULT, 0, &first, compressed_size, compressed_.data()), "write table chunk");
}

namespace {
// Object headers, superblock and B-trees of the 1.8 format carry checksums, so a reader detects
// a corrupted file instead of following garbage; HDF5 1.8 and later and netCDF-C 4 read it.
Handle create_file(const std::filesystem::path& partial) {
  Guard guard;
  Handle fcpl = creation_order_plist(H5P_FILE_CREATE);
  Handle fapl(check(H5Pcreate(H5P_FILE_ACCESS), "create property list"));
  ok(H5Pset_libver_bounds(fapl.id(), H5F_LIBVER_V18, H5F_LIBVER_V18), "file format version");
  ok(H5Pset_fclose_degree(fapl.id(), H5F_CLOSE_STRONG), "file close degree");
  return Handle(check(H5Fcreate(partial.c_str(), H5F_ACC_TRUNC, fcpl.id(), fapl.id()), "cannot create the file"));
}

Handle open_root(const Handle& file) {
  Guard guard;
  return Handle(check(H5Gopen2(file.id(), "/", H5P_DEFAULT), "open root group"));
}
}  // namespace

File::File(std::filesystem::path path)
    : path_(std::move(path)),
      partial_(path_.string() + ".partial"),
      file_(create_file(partial_)),
      root_(open_root(file_), &next_dimid_) {}

File::~File() {
  if (!committed_) discard();
}

void File::commit() {
  {
    Guard guard;
    root_ = Group(Handle(), &next_dimid_);
    // Flushed first: a close that fails to write leaves HDF5 1.10 unable to close the file again.
    ok(H5Fflush(file_.id(), H5F_SCOPE_LOCAL), "cannot write the file");
    ok(file_.close(), "cannot close the file");  // strong close degree: its open objects too
  }
  try {
    seal(partial_);
  } catch (const std::runtime_error& e) {
    throw Error(e.what());
  }
  std::error_code error;
  std::filesystem::rename(partial_, path_, error);
  if (error) throw Error("cannot rename " + partial_.string() + ": " + error.message());
  committed_ = true;
}

void File::discard() noexcept {
  Guard guard;
  root_ = Group(Handle(), &next_dimid_);
  if (file_.id() >= 0) {
    int* fd = nullptr;
    H5Fget_vfd_handle(file_.id(), H5P_DEFAULT, reinterpret_cast<void**>(&fd));
    bool clean = H5Fflush(file_.id(), H5F_SCOPE_LOCAL) >= 0;
    // A full disk: the partial file's bytes are dropped, which frees the space the flush needs.
    if (!clean && fd && ftruncate(*fd, 0) == 0) clean = H5Fflush(file_.id(), H5F_SCOPE_LOCAL) >= 0;
    if (clean) {
      file_.close();
    } else {
      // Still unwritable (a file-size limit): closing would fail, and HDF5 1.10 then frees the
      // file under an id it keeps, which crashes the next close, or the library's cleanup at
      // exit. The file is left open, emptied; nothing else refers to it.
      if (fd) (void)ftruncate(*fd, 0);
      file_.release();
    }
    H5Eclear2(H5E_DEFAULT);
  }
  std::error_code ignored;
  std::filesystem::remove(partial_, ignored);
}

}  // namespace cxsim::sim::h5
