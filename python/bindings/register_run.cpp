// Bindings for running a scenario, progress, KPI metadata and the HDF5 library version.
#include <pybind11/numpy.h>
#include <pybind11/stl.h>

#include "models/customers.hpp"
#include "models/kpi.hpp"
#include "models/run.hpp"
#include "models/workforce.hpp"
#include "python/bindings/register.hpp"
#include "sim/h5_writer.hpp"

namespace py = pybind11;

namespace cxsim::bindings {

namespace {
py::array_t<double> array(const std::vector<double>& v, std::vector<py::ssize_t> shape) {
  py::array_t<double> out(shape);
  std::copy(v.begin(), v.end(), out.mutable_data());
  return out;
}
}  // namespace

void register_run(py::module_& m) {
  py::register_exception<sim::Cancelled>(m, "Cancelled");

  py::class_<sim::Progress>(m, "Progress")
      .def(py::init<>())
      .def_property_readonly("done", [](const sim::Progress& p) { return p.done.load(); })
      .def_property_readonly("total", [](const sim::Progress& p) { return p.total.load(); })
      .def("set_total", [](sim::Progress& p, std::uint64_t total) { p.total = total; })
      .def("cancel", [](sim::Progress& p) { p.cancelled = true; });

  using models::RunResult;
  py::class_<RunResult>(m, "RunResult")
      .def_readonly("replications", &RunResult::replications)
      .def_readonly("intervals", &RunResult::intervals)
      .def_readonly("days", &RunResult::days)
      .def_readonly("first_reported_interval", &RunResult::first_reported_interval)
      .def_readonly("interval_s", &RunResult::interval_s)
      .def_readonly("started_utc", &RunResult::started_utc)
      .def_readonly("wall_time_s", &RunResult::wall_time_s)
      .def_readonly("events", &RunResult::events)
      .def_property_readonly("interval_metrics", [](const RunResult& r) {
        return array(r.interval_metrics, {static_cast<py::ssize_t>(models::metrics().size()),
                                          r.replications, r.intervals});
      })
      .def_property_readonly("daily_metrics", [](const RunResult& r) {
        return array(r.daily_metrics, {static_cast<py::ssize_t>(models::metrics().size()),
                                       r.replications, r.days});
      })
      .def_property_readonly("run_metrics", [](const RunResult& r) {
        return array(r.run_metrics,
                     {static_cast<py::ssize_t>(models::metrics().size()), r.replications});
      })
      .def_readonly("agents", &RunResult::agents)
      .def_property_readonly("agent_panel", [](const RunResult& r) {
        const auto fields = static_cast<py::ssize_t>(models::Workforce::kPanelFields);
        py::array_t<float> out({static_cast<py::ssize_t>(r.agents ? r.replications : 0),
                                static_cast<py::ssize_t>(r.agents ? r.days : 0),
                                static_cast<py::ssize_t>(r.agents), fields});
        std::copy(r.agent_panel.begin(), r.agent_panel.end(), out.mutable_data());
        return out;
      })
      .def_property_readonly("daily_quartiles", [](const RunResult& r) {
        const auto n = static_cast<py::ssize_t>(r.daily_quartiles.empty() ? 0 : 6);
        return array(r.daily_quartiles, {n, static_cast<py::ssize_t>(n ? r.replications : 0),
                                         static_cast<py::ssize_t>(n ? r.days : 0)});
      })
      .def_readonly("segments", &RunResult::segments)
      .def_property_readonly("segment_totals", [](const RunResult& r) {
        return array(r.segment_totals, {static_cast<py::ssize_t>(r.segments.empty() ? 0 : r.replications),
                                        static_cast<py::ssize_t>(r.segments.size()),
                                        static_cast<py::ssize_t>(models::kSegmentFieldCount)});
      })
      .def_property_readonly("summary", [](const RunResult& r) {
        std::vector<double> flat;
        for (const auto& s : r.summary)
          flat.insert(flat.end(), {s.mean, s.std, s.ci_low, s.ci_high, static_cast<double>(s.n)});
        return array(flat, {static_cast<py::ssize_t>(r.summary.size()), 5});
      });

  m.def(
      "run",
      [](py::dict spec_dict, std::uint32_t replications, std::uint64_t seed, std::uint32_t threads,
         std::string output, bool call_log, bool customer_summary, std::map<std::string, std::string> attributes,
         sim::Progress* progress) {
        const models::ScenarioSpec spec = spec_from_python(spec_dict);
        models::RunOptions options{replications, seed, threads, std::move(output), call_log,
                                   customer_summary, std::move(attributes)};
        py::gil_scoped_release release;
        return models::run(spec, options, progress);
      },
      py::arg("spec"), py::arg("replications"), py::arg("seed"), py::arg("threads"),
      py::arg("output"), py::arg("call_log"), py::arg("customer_summary"), py::arg("attributes"),
      py::arg("progress"));

  m.def("metrics", [] {
    std::vector<std::tuple<std::string, std::string, std::string>> out;
    for (const auto& metric : models::metrics()) out.emplace_back(metric.name, metric.units, metric.long_name);
    return out;
  });
  m.def("hdf5_version", &sim::h5::library_version);
  m.def("quartile_names", [] { return std::vector<std::string>(models::kQuartileNames, models::kQuartileNames + 6); });
  m.def("segment_fields", [] {
    std::vector<std::tuple<std::string, std::string, std::string>> out;
    for (const auto& f : models::kSegmentFields) out.emplace_back(f[0], f[1], f[2]);
    return out;
  });
}

}  // namespace cxsim::bindings
