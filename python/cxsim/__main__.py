"""python -m cxsim: the same as the cxsim command."""

from .cli import main

main()
