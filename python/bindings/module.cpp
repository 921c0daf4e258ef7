// The cxsim._core extension module.
#include "python/bindings/register.hpp"

PYBIND11_MODULE(_core, m) {
  m.doc() = "cxsim's C++ engine; use the cxsim package, not this module";
  cxsim::bindings::register_spec(m);
  cxsim::bindings::register_run(m);
  cxsim::bindings::register_staffing(m);
}
