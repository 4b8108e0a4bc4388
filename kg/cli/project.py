"""``kg init`` and ``kg add``: a new project, and a new report in it."""

from __future__ import annotations

import argparse
from pathlib import Path

from kg.cli.common import EXIT_ERROR, EXIT_OK, project, say


def cmd_init(args: argparse.Namespace) -> int:
    from kg.project.init import init_project

    paths = init_project(Path(args.folder))
    print(f"Created an empty project in {paths.root}")
    print(f"  next: cd {args.folder} && kg add REPORT.pdf --id REPORT && kg build && kg app")
    return EXIT_OK


def cmd_add(args: argparse.Namespace) -> int:
    from kg.sources.add import add_report
    from kg.sources.add_many import LIBRARY_SUFFIXES, report_id_for
    from kg.sources.report_entry import ReportFacts

    sources = [Path(r) for r in args.report]
    one = len(sources) == 1 and not sources[0].is_dir() and sources[0].suffix.lower() not in LIBRARY_SUFFIXES
    if not one:
        return _add_many(args, sources)
    facts = ReportFacts(
        title=args.title or "",
        authors=tuple(args.author or ()),
        year=args.year or "",
        kind=args.kind or "",
        url=args.url or "",
    )
    bib = Path(args.bib) if args.bib else None
    report_id = args.id or report_id_for(sources[0].stem)
    added = add_report(project(args), sources[0], report_id, progress=say, bib_file=bib, facts=facts)
    print(f"Added report '{report_id}' ({added}). Run `kg build` to rebuild the graph with it.")
    return EXIT_OK


def _add_many(args: argparse.Namespace, sources: list[Path]) -> int:
    """Several files, a folder or a reference manager's export: the good ones added, the bad listed."""
    from kg.errors import InputError
    from kg.sources.add_many import add_reports

    single = [f"--{n}" for n in ("id", "title", "author", "year", "kind", "url", "bib") if getattr(args, n)]
    if single:
        raise InputError(
            str(sources[0]),
            0,
            f"{', '.join(single)} describe one report; with several, a folder or an export, "
            "each report's id is its file's name or its entry's key, and its facts come from the export",
        )
    outcome = add_reports(project(args), sources, progress=say)
    for line in outcome.failed:
        say(line)
    print(
        f"Added {len(outcome.added)} report(s)"
        + (f"; {len(outcome.failed)} failed (listed above)" if outcome.failed else "")
        + ". Run `kg build` to rebuild the graph with them."
    )
    return EXIT_ERROR if outcome.failed else EXIT_OK


def add_parsers(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "init",
        help="create an empty project folder (corpus/, bib/, annotations/, gazetteer.ttl)",
        description="Create a new project in FOLDER (new or empty): corpus/ for the report texts, bib/ for their "
        "BibTeX, annotations/ for the curated layer and a gazetteer.ttl extending the default one. Then `kg add`, "
        "`kg build`, `kg query` and `kg app` work inside it.",
    )
    p.add_argument("folder", metavar="DIR", help="the folder to create")
    p.set_defaults(func=cmd_init)

    from kg.kinds import WORK_KINDS

    p = sub.add_parser(
        "add",
        help="add a report (a PDF, at most 50 MB, or a UTF-8 text, at most 10 MB): store its text and its entry; the "
        "next build extracts it and reads its own reference list",
        description="Add a report to the project. A PDF's text layer is stored in corpus/ID.txt (the exact text every "
        "anchor points into) with corpus/ID.pages.json (where each page starts); a .txt or .md file is copied "
        "unchanged. The report's own BibTeX entry is appended to bib/reports.bib: its facts come from the flags, "
        "else from the --bib entry keyed by the id, else from the PDF's metadata and first page (title, authors, "
        "year) or the text's first line (title); the entry's basis field says which. The report's own reference "
        "list or notes are read at every build, and its citations resolve to them: no BibTeX is needed. A --bib "
        "file (a Zotero, JabRef or biblatex export as it is; any standard entry type, no 'kind' field needed) is "
        "kept in bib/added/ID.bib, and its entries take the place of the parsed ones they match by key or by "
        "author and year. Refused, with nothing written: an empty file, a file in another format, a text that is "
        "not UTF-8, a damaged or encrypted PDF, a PDF without a text layer (a scan: run OCR first), a text over "
        "10 MB, a PDF over 50 MB, 5,000 pages, 100,000 characters on a page or 10 MB of text. A PDF is read in a "
        "process of its own with a memory ceiling (KG_PDF_MEMORY_MB, default 1024) and a deadline (KG_PDF_TIMEOUT, "
        "default 300 s). Adds at once take turns to write the project.",
    )
    p.add_argument(
        "report",
        metavar="FILE",
        nargs="+",
        help="the report: a PDF (at most 50 MB) or a UTF-8 text file (.txt, .md; at most 10 MB); or several, a "
        "folder of them, or a reference manager's export (.bib or CSL-JSON .json) whose entries name their PDFs "
        "in a file field (Zotero, Better BibTeX): each is added with its entry's facts, and those that fail are "
        "listed at the end (exit status 2)",
    )
    p.add_argument("--id", help="the report's key (letters, digits, - and _; default: the file's name)")
    p.add_argument(
        "--title", help="the report's title (default: the PDF's metadata or first page, the text's first line)"
    )
    p.add_argument(
        "--author",
        action="append",
        metavar="NAME",
        help="an author or organisation; repeat for each (default: the PDF's)",
    )
    p.add_argument("--year", help="the year it was published (default: from the PDF's first page or metadata)")
    p.add_argument(
        "--kind",
        choices=sorted(WORK_KINDS),
        metavar="KIND",
        help=f"what kind of work it is (default: report): {', '.join(sorted(WORK_KINDS))}",
    )
    p.add_argument("--url", help="where it is published")
    p.add_argument(
        "--bib",
        metavar="FILE",
        help="optional BibTeX file: the report's own entry (key = --id) and/or the works it cites, as exported",
    )
    p.set_defaults(func=cmd_add)
