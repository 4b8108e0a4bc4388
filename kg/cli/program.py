"""The parser of every command and the one entry point that runs it, with its exit codes."""

from __future__ import annotations

import argparse
import signal
import sys
import threading
from collections.abc import Sequence
from types import FrameType

from kg import __version__
from kg.cli import build, enrich, export, project, query, serve
from kg.cli.common import EXIT_ERROR, EXIT_OK, say
from kg.cli.crash import crash_line
from kg.errors import KgError, os_error_message


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="kg",
        description="Evidence knowledge graph: build, validate and query the graph of claims, "
        "statistics and the sources they rest on.",
        epilog="Exit codes: 0 success, 1 invalid data, 2 error. Docs: README.md.",
    )
    parser.add_argument("--version", action="version", version=f"kg {__version__}")
    parser.add_argument(
        "--project", metavar="DIR", help="project folder (default: KG_HOME, else the one the working directory is in)"
    )
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    project.add_parsers(sub)
    build.add_parsers(sub)
    enrich.add_parsers(sub)
    query.add_parsers(sub)
    export.add_parsers(sub)
    serve.add_parsers(sub)
    return parser


def _interrupt(signum: int, frame: FrameType | None) -> None:
    del signum, frame
    raise KeyboardInterrupt


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    in_main = threading.current_thread() is threading.main_thread()
    previous = signal.signal(signal.SIGTERM, _interrupt) if in_main else None
    try:
        return int(args.func(args))
    except KgError as exc:
        say(f"error: {exc}")
        return EXIT_ERROR
    except KeyboardInterrupt:
        say("interrupted")
        return EXIT_ERROR
    except BrokenPipeError:  # the reader (head, less) closed the pipe: not an error
        sys.stderr.close()
        return EXIT_OK
    except OSError as exc:  # a full disk, a read-only folder, a file-size limit: the file and what happened
        say(f"error: {os_error_message(exc)}; files are replaced whole or not at all, so the previous ones are intact")
        return EXIT_ERROR
    except Exception as exc:  # a fault of the tool: one line, the traceback in a file (kg.cli.crash)
        say(crash_line(exc))
        return EXIT_ERROR
    finally:
        if in_main:
            signal.signal(signal.SIGTERM, previous)
