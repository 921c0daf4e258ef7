"""`make sanitize`: runs cxsim with the engine module built with sanitizers (the first argument),
in place of the installed one, then the cxsim command with the remaining arguments."""

import importlib.util
import sys

spec = importlib.util.spec_from_file_location("cxsim._core", sys.argv[1])
core = importlib.util.module_from_spec(spec)
sys.modules["cxsim._core"] = core
spec.loader.exec_module(core)

import cxsim.api  # noqa: E402 - after the sanitized module is in place
from cxsim.cli import main  # noqa: E402

assert cxsim.api._core is core, "the installed engine was loaded, not the sanitized one"
sys.argv = ["cxsim", *sys.argv[2:]]
main()
