"""The ``kg`` command line: a thin layer over the stages, one module per group of commands.

Exit codes (as pySHACL's): 0 success / valid, 1 invalid data, 2 error (bad input, unknown
query, store failure, interrupted). Errors name the file and line when there is one, in one
line, never with a traceback. SIGTERM is treated like Ctrl+C, so an interrupted build stops
its reasoner and removes its temporary files before it exits.
"""

from kg.cli.program import build_parser, main

__all__ = ["build_parser", "main"]
