// Bindings for the staffing arithmetic: Erlang A.
#include "models/staffing.hpp"
#include "python/bindings/register.hpp"

namespace py = pybind11;

namespace cxsim::bindings {

void register_staffing(py::module_& m) {
  m.def(
      "erlang_a",
      [](double lam, double mu, double theta, std::uint32_t n, double t) {
        const models::ErlangA e = models::erlang_a(lam, mu, theta, n, t);
        py::dict out;
        out["p_wait"] = e.p_wait;
        out["p_abandon"] = e.p_abandon;
        out["service_level"] = e.service_level;
        out["occupancy"] = e.occupancy;
        out["mean_wait"] = e.mean_wait;
        return out;
      },
      py::arg("lam"), py::arg("mu"), py::arg("theta"), py::arg("n"), py::arg("t"),
      "Erlang A (M/M/n+M) in steady state, rates per second (theta > 0): p_wait, p_abandon, service_level "
      "(answered within t seconds / arrivals), occupancy and mean_wait (seconds, of all arrivals).");
}

}  // namespace cxsim::bindings
