// Bindings for running a scenario, progress, the results' layout and KPI metadata.
#include <pybind11/numpy.h>
#include <pybind11/stl.h>

#include "models/channels.hpp"
#include "models/contact_centre.hpp"
#include "models/kpi.hpp"
#include "models/run.hpp"
#include "python/bindings/register.hpp"
#include "sim/checksum.hpp"
#include "sim/h5_writer.hpp"

namespace py = pybind11;

namespace cxsim::bindings {

namespace {

models::Channel channel(const std::string& name) {
  const auto& table = models::channel_table();
  for (std::size_t i = 0; i < table.size(); ++i)
    if (table[i].name == name) return static_cast<models::Channel>(i);
  throw std::invalid_argument("no channel " + name);
}

template <class T>
py::array_t<T> array(const std::vector<T>& v, std::vector<py::ssize_t> shape) {
  py::array_t<T> out(shape);
  std::copy(v.begin(), v.end(), out.mutable_data());
  return out;
}

py::object coordinate_values(const models::Coordinate& c) {
  return std::visit(
      [](const auto& v) -> py::object {
        using T = typename std::decay_t<decltype(v)>::value_type;
        if constexpr (std::is_same_v<T, std::string>)
          return py::cast(v);
        else
          return array(v, {static_cast<py::ssize_t>(v.size())});
      },
      c.values);
}

// Attributes as a dict; lists of numbers as NumPy arrays, as h5py reads them.
py::dict attributes(const models::Attributes& attrs) {
  py::dict out;
  for (const auto& [key, value] : attrs)
    std::visit(
        [&](const auto& x) {
          using T = std::decay_t<decltype(x)>;
          if constexpr (std::is_same_v<T, std::vector<double>> || std::is_same_v<T, std::vector<std::uint8_t>>)
            out[py::str(key)] = array(x, {static_cast<py::ssize_t>(x.size())});
          else
            out[py::str(key)] = py::cast(x);
        },
        value);
  return out;
}

// A group as plain Python: {"name", "dims": [(name, values, units, long_name)],
// "variables": [(name, dims, array, units, long_name, attrs)], "attrs": {...}}.
py::dict dataset(const models::Dataset& d) {
  py::list dims, variables;
  std::map<std::string, py::ssize_t> sizes;
  for (const auto& c : d.dims) {
    sizes[c.name] = static_cast<py::ssize_t>(c.size());
    dims.append(py::make_tuple(c.name, coordinate_values(c), c.units, c.long_name));
  }
  for (const auto& v : d.variables) {
    std::vector<py::ssize_t> shape;
    for (const auto& dim : v.dims) shape.push_back(sizes.at(dim));
    variables.append(py::make_tuple(v.name, py::tuple(py::cast(v.dims)), array(v.data, shape), v.units, v.long_name,
                                    attributes(v.attrs)));
  }
  py::dict out;
  out["name"] = d.name;
  out["dims"] = dims;
  out["variables"] = variables;
  out["attrs"] = attributes(d.attrs);
  return out;
}

}  // namespace

void register_run(py::module_& m) {
  py::register_exception<sim::Cancelled>(m, "Cancelled");
  py::register_exception<models::Overloaded>(m, "Overloaded");
  py::register_exception<sim::h5::Error>(m, "FileError", PyExc_OSError);

  py::class_<sim::Progress>(m, "Progress")
      .def(py::init<>())
      .def_property_readonly("done", [](const sim::Progress& p) { return p.done.load(); })
      .def_property_readonly("total", [](const sim::Progress& p) { return p.total.load(); })
      .def("set_total", [](sim::Progress& p, std::uint64_t total) { p.total = total; })
      .def("cancel", [](sim::Progress& p) { p.cancelled = true; });

  using models::RunResult;
  py::class_<RunResult>(m, "RunResult")
      .def_readonly("replications", &RunResult::replications)
      .def("group_names",
           [](const RunResult& r) {
             std::vector<std::string> names;
             for (const auto& d : r.datasets) names.push_back(d.name);
             return names;
           })
      .def(
          "dataset", [](const RunResult& r, const std::string& name) { return dataset(r.group(name)); },
          py::arg("name"));

  m.def(
      "run",
      [](py::dict spec_dict, std::uint32_t replications, std::uint64_t seed, std::uint32_t threads, std::string output,
         bool call_log, bool customer_summary, std::map<std::string, std::string> attributes, sim::Progress* progress,
         std::uint32_t first_replication, std::optional<py::dict> reference_dict, std::vector<std::string> hold) {
        const models::ScenarioSpec spec = spec_from_python(spec_dict);
        std::optional<models::ScenarioSpec> reference;
        if (reference_dict) reference = spec_from_python(*reference_dict);
        models::RunOptions options{
            replications,     seed, threads, std::move(output), call_log, customer_summary, std::move(attributes),
            first_replication};
        options.counterfactual.reference = reference ? &*reference : nullptr;
        for (const std::string& name : hold) {
          if (!reference) throw std::invalid_argument("holding a channel needs a reference scenario");
          options.counterfactual.held.set(static_cast<std::size_t>(channel(name)));
        }
        py::gil_scoped_release release;
        return models::run(spec, options, progress);
      },
      py::arg("spec"), py::arg("replications"), py::arg("seed"), py::arg("threads"), py::arg("output"),
      py::arg("call_log"), py::arg("customer_summary"), py::arg("attributes"), py::arg("progress"),
      py::arg("first_replication") = 0, py::arg("reference") = py::none(),
      py::arg("hold") = std::vector<std::string>{});

  m.def(
      "channels",
      [] {
        std::vector<std::tuple<std::string, std::string, std::string>> out;
        for (const auto& c : models::channel_table()) out.emplace_back(c.name, c.lever, c.link);
        return out;
      },
      "Every channel: (name, lever, what it links).");
  m.def(
      "channels_in_play",
      [](py::dict spec, py::dict reference) {
        std::vector<std::string> out;
        const auto& table = models::channel_table();
        for (models::Channel c : models::channels_in_play(spec_from_python(spec), spec_from_python(reference)))
          out.emplace_back(table[static_cast<std::size_t>(c)].name);
        return out;
      },
      py::arg("spec"), py::arg("reference"),
      "The channels of the levers that differ between a scenario and its reference, in table order.");

  m.def("metrics", [] {
    std::vector<std::tuple<std::string, std::string, std::string, bool>> out;
    for (const auto& metric : models::metrics())
      out.emplace_back(metric.name, metric.units, metric.long_name, metric.money);
    return out;
  });
  m.attr("CONVENTIONS") = models::kConventions;
  m.attr("RUN_TITLE") = models::kRunTitle;
  m.def("provenance", [] {
    py::dict out;
    for (const auto& [key, value] : models::provenance()) out[py::str(key)] = value;
    return out;
  });
  m.def("hdf5_version", &sim::h5::library_version);
  m.def("seal_file", [](const std::string& path) { sim::seal(path); });
  m.def("check_seal", [](const std::string& path) {
    switch (sim::check_seal(path)) {
      case sim::Seal::Intact: return "intact";
      case sim::Seal::Missing: return "missing";
      case sim::Seal::Broken: return "broken";
    }
    return "broken";
  });
}

}  // namespace cxsim::bindings
