"""`make sanitize`: loads the engine module built with sanitizers (the first argument) in place
of the installed one, then runs the cxsim command (`cxsim ARGS...`) or pytest (`pytest ARGS...`)
with the remaining arguments."""

import importlib.util
import sys

spec = importlib.util.spec_from_file_location("cxsim._core", sys.argv[1])
core = importlib.util.module_from_spec(spec)
sys.modules["cxsim._core"] = core
spec.loader.exec_module(core)

import cxsim.api  # noqa: E402 - after the sanitized module is in place

assert cxsim.api._core is core, "the installed engine was loaded, not the sanitized one"
tool, args = sys.argv[2], sys.argv[3:]
if tool == "pytest":
    import pytest

    sys.exit(pytest.main(args))
from cxsim.cli import main  # noqa: E402

sys.argv = ["cxsim", *args]
main()
