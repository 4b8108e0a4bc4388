"""What every command shares: messages on stderr, the project, the store, checked number options."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from kg.project import ProjectPaths
from kg.store.base import Store

EXIT_OK, EXIT_INVALID, EXIT_ERROR = 0, 1, 2


def say(message: str) -> None:
    """A progress or error line, on stderr so that stdout holds only results."""
    print(message, file=sys.stderr, flush=True)


def quiet(_: str) -> None:
    return None


def project(args: argparse.Namespace) -> ProjectPaths:
    """The project the command works on (``--project``, ``KG_HOME`` or the working directory's)."""
    return ProjectPaths.discover(getattr(args, "project", None))


def optional_project(args: argparse.Namespace) -> ProjectPaths | None:
    """The project if there is one: commands over a remote endpoint do not need one."""
    return ProjectPaths.find(getattr(args, "project", None))


def build_dir(args: argparse.Namespace) -> Path:
    """The built graph's folder: ``--build``, or ``kg build``'s ``--out`` (an export's ``--out`` is its file)."""
    chosen = args.build if hasattr(args, "build") else getattr(args, "out", None)
    return Path(chosen) if chosen else project(args).build


def open_store(args: argparse.Namespace) -> Store:
    from kg.store import endpoint_setting
    from kg.store import open_store as open_chosen

    if endpoint_setting(getattr(args, "endpoint", None)):
        return open_chosen(Path("."), args.endpoint)
    return open_chosen(build_dir(args), None)


def positive_int(text: str) -> int:
    """An argparse type: a whole number of at least 1 (``--limit 0`` and ``-1`` are refused)."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a whole number, got {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1, got {value}")
    return value


def positive_float(text: str) -> float:
    """An argparse type: a number of seconds above zero (``--timeout 0`` and ``-1`` are refused)."""
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a number of seconds, got {text!r}") from None
    if not value > 0 or value != value or value == float("inf"):
        raise argparse.ArgumentTypeError(f"must be a number of seconds above 0, got {text}")
    return value


def endpoint_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--endpoint", metavar="URL", help="remote SPARQL endpoint URL (default: KG_ENDPOINT, else the embedded store)"
    )
    parser.add_argument("--build", metavar="DIR", help="folder of the built graph (default: the project's build/)")
