// One register_*() per area of the module.
#pragma once

#include <pybind11/pybind11.h>

#include "models/spec.hpp"

namespace cxsim::bindings {
void register_spec(pybind11::module_& m);
void register_run(pybind11::module_& m);
void register_staffing(pybind11::module_& m);
// The engine's spec from the nested dict of cxsim's translation (register_spec.cpp).
models::ScenarioSpec spec_from_python(pybind11::handle value);
}  // namespace cxsim::bindings
