# make demo: install what is missing, build, compare the policies and write their report. make test: the same set-up, then every test.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
APT_PACKAGES := gcc g++ make ninja-build pkg-config zlib1g-dev libeigen3-dev libboost-dev \
                googletest libgtest-dev libbenchmark-dev clang-format chromium
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
JOBS ?= $(shell nproc)

.PHONY: demo test lint system-deps python cpp cpp-test sanitize bench docs screenshots clean

DEMO_METRICS := customer_churn_rate_annual,customers_churned,fcr,repeat_contact_rate,csat_mean,agent_attrition_rate_annual,engagement_mean,exhaustion_mean,abandon_rate,cost_total,net_value

# Six simulated months of the baseline, a strict AHT target and a praise programme, compared
# under common random numbers; each policy's effect split into its pathways; the HTML report.
DEMO_SET := -r 8 --seed 1 --set simulation.horizon_days=182 --overwrite
demo: python
	mkdir -p results
	$(BIN)/cxsim compare scenarios/baseline.toml scenarios/aht_target.toml scenarios/praise_program.toml \
	  $(DEMO_SET) --metrics $(DEMO_METRICS) -o results/demo.h5
	$(BIN)/cxsim explain scenarios/baseline.toml scenarios/aht_target.toml $(DEMO_SET) -o results/demo_aht_target.h5
	$(BIN)/cxsim explain scenarios/baseline.toml scenarios/praise_program.toml $(DEMO_SET) \
	  -o results/demo_praise_program.h5
	$(BIN)/cxsim report results/demo.h5 --explanation results/demo_aht_target.h5 \
	  --explanation results/demo_praise_program.h5 -o results/demo.html --overwrite

test: python cpp-test lint
	$(BIN)/python -m pytest -q

# ruff on the Python (notebooks included), clang-format on the C++ (.clang-format).
lint: python
	$(BIN)/ruff check python tests bench cmake notebooks docs
	clang-format --dry-run --Werror $$(git ls-files '*.cpp' '*.hpp')

# Debian packages, installed only where missing.
system-deps:
	@missing=$$(for p in $(APT_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || echo $$p; done); \
	if [ -n "$$missing" ]; then \
	  echo "installing Debian packages:" $$missing; \
	  $(SUDO) apt-get update -qq && $(SUDO) DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing; \
	fi

# The package, editable, in a virtual environment in the checkout (h5py from PyPI, with its own
# HDF5: the engine's is private to it, see cmake/hdf5.cmake).
$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(VENV)/.deps: pyproject.toml | system-deps $(BIN)/python
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q "scikit-build-core>=0.10" "pybind11>=2.12" cmake ninja
	touch $@

# The engine's static HDF5, built once for both build trees.
HDF5_ROOT := $(abspath build/hdf5/hdf5-install)
$(HDF5_ROOT)/lib/libhdf5.a: cmake/hdf5.cmake cmake/hdf5/CMakeLists.txt | $(VENV)/.deps
	$(BIN)/cmake -S cmake/hdf5 -B build/hdf5 -G Ninja -DCMAKE_MAKE_PROGRAM=$(abspath $(BIN))/ninja
	$(BIN)/cmake --build build/hdf5

# Rebuilt (incrementally, in build/python) whenever the C++ or the build files change.
CXX_SOURCES := $(shell find sim models python/bindings cmake -type f) CMakeLists.txt python/cxsim/schema.py
$(VENV)/.installed: $(VENV)/.deps $(HDF5_ROOT)/lib/libhdf5.a $(CXX_SOURCES)
	$(BIN)/pip install -q --no-build-isolation -Cbuild-dir=build/python \
	  -Ccmake.define.CXSIM_HDF5_ROOT=$(HDF5_ROOT) -e ".[test,bench,dask]"
	touch $@

python: system-deps $(VENV)/.installed

# The C++ engine's own tests and benchmarks, in their own build tree.
build/cpp/build.ninja: CMakeLists.txt | system-deps $(VENV)/.installed
	$(BIN)/cmake -S . -B build/cpp -G Ninja -DCMAKE_MAKE_PROGRAM=$(abspath $(BIN))/ninja \
	  -DCXSIM_BUILD_PYTHON=OFF -DCXSIM_BUILD_TESTS=ON -DCXSIM_BUILD_BENCH=ON -DCMAKE_BUILD_TYPE=Release \
	  -DCXSIM_HDF5_ROOT=$(HDF5_ROOT)

cpp: build/cpp/build.ninja
	$(BIN)/cmake --build build/cpp -j $(JOBS)

cpp-test: cpp
	$(BIN)/ctest --test-dir build/cpp --output-on-failure -j $(JOBS)

# The C++ tests, a short run of every mechanism from Python and every allowed extreme of the
# schema (tests/python/test_extremes.py) under AddressSanitizer and UndefinedBehaviorSanitizer
# (float-cast-overflow included; any finding stops with an error), in their own build tree;
# tests/sanitize_run.py loads the sanitized module with libasan preloaded.
SANITIZE := -fsanitize=address,undefined,float-cast-overflow -fno-sanitize-recover=all -fno-omit-frame-pointer
SANITIZED_PYTHON := LD_PRELOAD=$$(g++ -print-file-name=libasan.so) ASAN_OPTIONS=detect_leaks=0 \
  UBSAN_OPTIONS=print_stacktrace=1 $(BIN)/python tests/sanitize_run.py $$(ls build/sanitize/python/bindings/_core*.so)
sanitize: python
	$(BIN)/cmake -S . -B build/sanitize -G Ninja -DCMAKE_MAKE_PROGRAM=$(abspath $(BIN))/ninja \
	  -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCXSIM_BUILD_TESTS=ON -DCXSIM_HDF5_ROOT=$(HDF5_ROOT) \
	  -DCMAKE_CXX_FLAGS="$(SANITIZE)" -DPython_EXECUTABLE=$(abspath $(BIN))/python \
	  -Dpybind11_DIR=$$($(BIN)/python -m pybind11 --cmakedir)
	$(BIN)/cmake --build build/sanitize -j $(JOBS)
	UBSAN_OPTIONS=print_stacktrace=1 $(BIN)/ctest --test-dir build/sanitize --output-on-failure -j $(JOBS)
	$(SANITIZED_PYTHON) cxsim run scenarios/praise_program.toml -r 2 -q --set simulation.horizon_days=21 \
	  --set simulation.warmup_days=7 --set customers.count=100000 --set callback.enabled=true \
	  --call-log --customer-summary -o build/sanitize/run.h5 --overwrite
	$(SANITIZED_PYTHON) cxsim summary build/sanitize/run.h5 > /dev/null
	$(SANITIZED_PYTHON) pytest -q -p no:cacheprovider tests/python/test_extremes.py
	@echo "sanitize: no findings"

bench: cpp python
	build/cpp/bench/cxsim_bench --benchmark_counters_tabular=true
	$(BIN)/python bench/compare_ciw.py
	$(BIN)/python bench/full_model.py
	$(BIN)/python bench/command_line.py
	$(BIN)/python bench/experiments.py
	$(BIN)/python bench/calllog.py
	$(BIN)/python bench/explain.py

docs: python
	$(BIN)/cxsim schema --markdown > docs/scenarios.md

# The README's screenshots of one report of each kind (docs/reports.md), checked in the browser.
screenshots: python
	$(BIN)/python docs/screenshots.py

clean:
	rm -rf build $(VENV) results
