// One register_*() per area of the module.
#pragma once

#include <pybind11/pybind11.h>

namespace cxsim::bindings {
void register_spec(pybind11::module_& m);
void register_run(pybind11::module_& m);
}  // namespace cxsim::bindings
