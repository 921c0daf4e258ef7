// The scenario spec to and from Python: a nested dict with one entry per schema key (the
// section's table, an array's list of tables). Generic over the generated structs' visit(),
// so no key is named here; an unknown or missing key is an error, never silently dropped.
#include <pybind11/stl.h>

#include <stdexcept>
#include <string>
#include <type_traits>

#include "models/spec.hpp"
#include "python/bindings/register.hpp"

namespace py = pybind11;

namespace cxsim::bindings {

namespace {

using models::EnumNames;
using models::ScenarioSpec;

template <class T>
concept Struct = requires(T& t) {
  T::visit(t, [](const char*, auto&) {});
};
template <class T>
concept Enum = std::is_enum_v<T>;
template <class T>
struct IsOptional : std::false_type {};
template <class T>
struct IsOptional<std::optional<T>> : std::true_type {};
template <class T>
struct IsTables : std::false_type {};  // an array of tables
template <Struct T>
struct IsTables<std::vector<T>> : std::true_type {};

[[noreturn]] void fail(const std::string& key, const std::string& what) {
  throw std::invalid_argument("engine spec: " + key + ": " + what);
}

template <Struct S>
void read_struct(py::handle value, S& out, const std::string& prefix);

template <class T>
void read(py::handle value, T& out, const std::string& key) {
  if constexpr (IsOptional<T>::value) {
    if (value.is_none()) {
      out.reset();
    } else {
      typename T::value_type inner{};
      read(value, inner, key);
      out = std::move(inner);
    }
  } else if constexpr (Struct<T>) {
    read_struct(value, out, key + ".");
  } else if constexpr (IsTables<T>::value) {
    if (!py::isinstance<py::list>(value)) fail(key, "must be a list of tables");
    out.clear();
    for (py::handle item : value.cast<py::list>()) read_struct(item, out.emplace_back(), key + "[].");
  } else if constexpr (Enum<T>) {
    const auto name = value.cast<std::string>();
    const auto& names = EnumNames<T>::names;
    for (std::size_t i = 0; i < names.size(); ++i)
      if (names[i] == name) {
        out = static_cast<T>(i);
        return;
      }
    fail(key, "unknown value '" + name + "'");
  } else {
    try {
      out = value.cast<T>();
    } catch (const py::cast_error&) {
      fail(key, "cannot hold " + py::repr(value).cast<std::string>());
    }
  }
}

template <Struct S>
void read_struct(py::handle value, S& out, const std::string& prefix) {
  if (!py::isinstance<py::dict>(value)) fail(prefix, "must be a table");
  const auto table = value.cast<py::dict>();
  std::size_t used = 0;
  S::visit(out, [&](const char* name, auto& field) {
    if (!table.contains(name)) fail(prefix + name, "missing");
    read(table[name], field, prefix + name);
    ++used;
  });
  if (used == table.size()) return;
  for (auto item : table) {  // a key no field took
    bool known = false;
    S::visit(out, [&](const char* name, auto&) { known = known || item.first.cast<std::string>() == name; });
    if (!known) fail(prefix + item.first.cast<std::string>(), "reaches no engine field");
  }
}

template <class T>
py::object write(const T& value) {
  if constexpr (IsOptional<T>::value) {
    return value ? write(*value) : py::none();
  } else if constexpr (Struct<T>) {
    py::dict out;
    T::visit(value, [&](const char* name, const auto& field) { out[name] = write(field); });
    return std::move(out);
  } else if constexpr (IsTables<T>::value) {
    py::list out;
    for (const auto& item : value) out.append(write(item));
    return std::move(out);
  } else if constexpr (Enum<T>) {
    return py::str(std::string(EnumNames<T>::names[static_cast<std::size_t>(value)]));
  } else if constexpr (std::is_same_v<T, std::uint8_t>) {
    return py::int_(value);
  } else {
    return py::cast(value);
  }
}

}  // namespace

ScenarioSpec spec_from_python(py::handle value) {
  ScenarioSpec spec;
  read_struct(value, spec, "");
  return spec;
}

void register_spec(py::module_& m) {
  m.def(
      "engine_spec", [](py::dict spec) { return write(spec_from_python(spec)); }, py::arg("spec"),
      "The spec as the engine holds it, read back: every key it took, with the value it took.");
  m.def(
      "default_spec", [] { return write(ScenarioSpec{}); },
      "The engine's defaults (the schema's, compiled in), as a nested dict.");
}

}  // namespace cxsim::bindings
