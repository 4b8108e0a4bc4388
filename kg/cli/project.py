"""``kg init`` and ``kg add``: a new project, and a new report in it."""

from __future__ import annotations

import argparse
from pathlib import Path

from kg.cli.common import EXIT_OK, project, say


def cmd_init(args: argparse.Namespace) -> int:
    from kg.project.init import init_project

    paths = init_project(Path(args.folder))
    print(f"Created an empty project in {paths.root}")
    print(f"  next: cd {args.folder} && kg add REPORT.txt --bib REPORT.bib --id REPORT && kg build && kg app")
    return EXIT_OK


def cmd_add(args: argparse.Namespace) -> int:
    from kg.sources.add import add_report

    added = add_report(project(args), Path(args.text), Path(args.bib), args.id, progress=say)
    print(f"Added report '{args.id}' ({added}). Run `kg build` to rebuild the graph with it.")
    return EXIT_OK


def add_parsers(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "init",
        help="create an empty project folder (corpus/, bib/, annotations/, gazetteer.ttl)",
        description="Create a new project in FOLDER (new or empty): corpus/ for the report texts, bib/ for their "
        "BibTeX, annotations/ for the curated layer and a gazetteer.ttl extending the default one. Then `kg add`, "
        "`kg build`, `kg query` and `kg app` work inside it.",
    )
    p.add_argument("folder", help="the folder to create")
    p.set_defaults(func=cmd_init)

    p = sub.add_parser(
        "add",
        help="add a new report: copy its text, record its BibTeX, extract it on the next build",
        description="Add a report to the project: its text is copied unchanged into corpus/ (every anchor points "
        "into it), its own BibTeX entry appended to bib/reports.bib and the works it cites kept in "
        "bib/added/ID.bib. Refused, with nothing written: an empty file, a file that is not text (a PDF, a "
        "word-processor file), a text that is not UTF-8, or one over 10 MB.",
    )
    p.add_argument("text", help="the report's plain-text file (UTF-8, at most 10 MB)")
    p.add_argument(
        "--bib", required=True, help="BibTeX file: the report's own entry (key = --id) and the works it cites"
    )
    p.add_argument("--id", required=True, help="the report's key (letters, digits, - and _)")
    p.set_defaults(func=cmd_add)
