"""The README's command-line reference, written from the argument parser so that it cannot drift.

The ```text block under "## The command line" in README.md is this script's output: one synopsis per
command (argparse's own usage line, without ``-h``) and the command's help under it. A new option or a
changed help is one edit in ``kg/cli/``, and the README follows:

    python scripts/cli_reference.py            # print the reference
    python scripts/cli_reference.py --write    # rewrite the README's block
    python scripts/cli_reference.py --check    # exit 1 if the README's block differs (tests/test_cli_reference.py)
"""

from __future__ import annotations

import argparse
import re
import sys
import textwrap
from pathlib import Path

from kg.cli import build_parser

README = Path(__file__).resolve().parent.parent / "README.md"
HEADING = "## The command line"
WIDTH = 118
HELP_INDENT = " " * 4
SYNOPSIS_INDENT = " " * 6


def _subcommands(parser: argparse.ArgumentParser) -> list[tuple[str, str, argparse.ArgumentParser]]:
    """(name, help, parser) of each sub-command, in the order the parser lists them."""
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            helps = {choice.dest: choice.help or "" for choice in action._choices_actions}
            return [(name, helps.get(name, ""), sub) for name, sub in action.choices.items()]
    return []


def _synopsis(parser: argparse.ArgumentParser) -> str:
    """argparse's usage line on one line, without ``usage:`` and ``[-h]``, choices as ``a|b``."""
    formatter = argparse.HelpFormatter(parser.prog, width=10_000)
    formatter.add_usage(parser.usage, parser._actions, parser._mutually_exclusive_groups, prefix="")
    line = " ".join(formatter.format_help().split())
    line = line.replace(" [-h]", "")
    for action in parser._actions:  # a repeatable option: [--author NAME]...
        if isinstance(action, argparse._AppendAction):
            shown = f"[{action.option_strings[0]} {action.metavar or action.dest.upper()}]"
            line = line.replace(shown, shown + "...")
    return re.sub(r"\{([^{}]*)\}", lambda m: m.group(1).replace(",", "|"), line)


def _groups(synopsis: str) -> list[str]:
    """The synopsis cut at spaces outside brackets, so that ``[--timeout S]`` is never split over two lines."""
    groups, depth, current = [], 0, ""
    for char in synopsis:
        depth += (char in "[(") - (char in "])")
        if char == " " and depth == 0:
            groups.append(current)
            current = ""
        else:
            current += char
    return [*groups, current]


def _entry(synopsis: str, help_text: str) -> list[str]:
    lines = [""]
    for group in _groups(synopsis):
        if lines[-1].strip() and len(lines[-1]) + 1 + len(group) > WIDTH:
            lines.append(SYNOPSIS_INDENT)
        lines[-1] += (" " if lines[-1].strip() else "") + group
    if help_text:
        lines += textwrap.wrap(help_text, WIDTH, initial_indent=HELP_INDENT, subsequent_indent=HELP_INDENT)
    return lines


def reference() -> str:
    """The reference: the global options, then every command (an ``export`` kind as a command of its own)."""
    parser = build_parser()
    lines = _entry(_synopsis(parser), "the options every command takes; --project DIR chooses the project")
    for _name, help_text, sub in _subcommands(parser):
        kinds = _subcommands(sub)
        if not kinds:
            lines += _entry(_synopsis(sub), help_text)
        for _kind, kind_help, kind_parser in kinds:
            lines += _entry(_synopsis(kind_parser), kind_help)
    return "\n".join(lines) + "\n"


def _block_span(text: str) -> tuple[int, int]:
    """Where the README's reference block (its lines, without the fences) starts and ends."""
    heading = text.index(HEADING)
    start = text.index("```text\n", heading) + len("```text\n")
    return start, text.index("```", start)


def readme_block(text: str) -> str:
    start, end = _block_span(text)
    return text[start:end]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    mode = parser.add_mutually_exclusive_group()
    mode.add_argument("--check", action="store_true", help="exit 1 if README.md's block differs from the parser")
    mode.add_argument("--write", action="store_true", help="rewrite README.md's block")
    args = parser.parse_args(argv)
    wanted = reference()
    if not (args.check or args.write):
        sys.stdout.write(wanted)
        return 0
    text = README.read_text(encoding="utf-8")
    if args.check:
        if readme_block(text) == wanted:
            return 0
        print(f"{README}: the command-line reference differs from kg's parser; run {sys.argv[0]} --write")
        return 1
    start, end = _block_span(text)
    README.write_text(text[:start] + wanted + text[end:], encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
