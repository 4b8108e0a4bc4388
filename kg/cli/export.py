"""``kg export bibtex|csl-json|ris|references|nanopubs``: what a reader takes away to cite or republish."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from kg.cli.common import EXIT_INVALID, EXIT_OK, build_dir, open_store, optional_project, say


def _emit(data: bytes, out: str | None, what: str) -> None:
    """Write an export to a file (atomically) or to stdout."""
    if out:
        from kg.errors import ExportError
        from kg.project.files import write_atomically

        try:
            write_atomically(Path(out), data)
        except OSError as exc:
            raise ExportError(f"cannot write {out}: {exc.strerror or exc}") from exc
        say(f"Wrote {what} to {out}")
    else:
        sys.stdout.buffer.write(data)
        sys.stdout.flush()


def cmd_export_works(args: argparse.Namespace) -> int:
    """The works behind an item (or every work) in the format the subcommand names, read from the graph only."""
    from kg.exports.citations import FORMATS, all_works, render, works_for_item
    from kg.query import expand_iri

    paths = optional_project(args)  # over an endpoint no project folder is needed
    if args.item:
        export = works_for_item(open_store(args), expand_iri(args.item), with_report=args.with_report, paths=paths)
        if not export.entries and not export.missing:
            say(f"{args.item} rests on no cited work (no source given, or only the report's own data)")
    else:
        export = all_works(open_store(args), with_reports=args.with_report, paths=paths)
    text = render(export.entries, args.what, getattr(args, "style", "apa")) if export.entries else ""
    _emit(text.encode("utf-8"), args.out, f"{len(export.entries)} {FORMATS[args.what]}")
    if export.missing:
        say(
            f"error: no BibTeX entry in the build's bibliography for {', '.join(export.missing)} "
            "(the graph and the bibliography disagree: rebuild with `kg build`)"
        )
        return EXIT_INVALID
    return EXIT_OK


def cmd_export_nanopubs(args: argparse.Namespace) -> int:
    from kg.exports.nanopubs import DEFAULT_LICENSE, build_date, nanopubs_trig, parse_created
    from kg.store import endpoint_setting

    if args.created:
        created = parse_created(args.created)
    else:
        local_graph = None if endpoint_setting(args.endpoint) else build_dir(args) / "kg.nt"
        created = build_date(local_graph)
    key = Path(args.sign) if args.sign else None
    trig, count = nanopubs_trig(open_store(args), created, args.license or DEFAULT_LICENSE, sign_with=key)
    _emit(trig, args.out, f"{count} {'signed ' if key else ''}nanopublications")
    return EXIT_OK


def _export_options(parser: argparse.ArgumentParser, out_help: str) -> None:
    parser.add_argument("--out", metavar="FILE", help=out_help + "; written atomically")
    parser.add_argument(
        "--endpoint", metavar="URL", help="remote SPARQL endpoint URL (default: KG_ENDPOINT, else the embedded store)"
    )
    parser.add_argument("--build", metavar="DIR", help="folder of the built graph (default: build/)")


def add_parsers(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "export",
        help="export for citing: the works behind a claim or statistic (BibTeX, CSL-JSON, RIS, formatted "
        "references), or the curated claims as nanopublications",
        description="Export for citing. Exit codes: 0 written, 1 the graph and bib/ disagree (a key with no "
        "BibTeX entry; the rest is still written), 2 error (unknown item, bad option, store failure).",
    )
    what = p.add_subparsers(dest="what", required=True, metavar="WHAT")
    works = {
        "bibtex": (
            "BibTeX of the works a claim or statistic rests on (or of every work), for a reference manager",
            "Standard entry types for each kind of work (@article, @techreport, @online, @book, @incollection, "
            "@legislation, @jurisdiction, @misc with howpublished), only the fields BibTeX and biblatex define, "
            "each value as written in bib/ ({HIV}, --, \\& survive); no year where the text gives none.",
            ".bib",
        ),
        "csl-json": (
            "CSL-JSON of the same works (citeproc, Zotero, Mendeley, pandoc --citeproc)",
            "One CSL-JSON item per work: its CSL type, names split into family and given parts (organisations as "
            "literal names), issued date parts (none for an undated work).",
            ".json",
        ),
        "ris": ("RIS of the same works (EndNote, Zotero, Mendeley)", "One RIS record per work.", ".ris"),
        "references": (
            "the same works as formatted references (APA or Chicago author-date), one a line",
            "References formatted by citeproc-py with the published CSL styles, as the app and the graph's "
            "dcterms:bibliographicCitation give them.",
            ".txt",
        ),
    }
    for name, (short_help, description, suffix) in works.items():
        e = what.add_parser(
            name,
            help=short_help,
            description=description + " The works are those a claim or statistic rests on (--item): directly, "
            "through a study or an interview excerpt, or through a figure the claim states; or every work of the "
            "project's bibliography (--all).",
        )
        chosen = e.add_mutually_exclusive_group(required=True)
        chosen.add_argument(
            "--item", metavar="IRI", help="IRI of the claim or statistic, e.g. res:stat/REPORT/1466-1483"
        )
        chosen.add_argument("--all", action="store_true", help="every work of the project's bibliography")
        e.add_argument(
            "--with-report", action="store_true", help="also the report that states the item (with --all: every report)"
        )
        if name == "references":
            from kg.sources.references import STYLES

            e.add_argument("--style", choices=list(STYLES), default="apa", help="citation style (default apa)")
        _export_options(e, f"the {suffix} file to write (default: standard output)")
        e.set_defaults(func=cmd_export_works, what=name)
    e = what.add_parser(
        "nanopubs",
        help="the curated claims as nanopublications (TriG): head, assertion, provenance and pubinfo graphs",
        description="One nanopublication per curated claim, in TriG: the assertion (the claim, its exact quote and "
        "anchor, what it rests on), its provenance (derived from the report and the quote, marked as curated by "
        "hand) and publication info (creation date, creator, licence). IRIs are derived from the claims' IRIs.",
    )
    e.add_argument(
        "--created",
        metavar="DATE",
        help="dcterms:created of every nanopublication, e.g. 2026-11-23 (default: SOURCE_DATE_EPOCH, else the time "
        "the graph was built), so two exports of one build are identical",
    )
    e.add_argument(
        "--license", metavar="IRI", help="licence IRI (default: the project's, https://spdx.org/licenses/MIT)"
    )
    e.add_argument(
        "--sign",
        metavar="KEYFILE",
        help="sign each nanopublication with this RSA private key (PEM, or the nanopub tools' ~/.nanopub/id_rsa) "
        "by the nanopub library: its public key and signature go into the pubinfo graph and its IRIs become "
        "trusty URIs (res:np/claim/R/S-E/RA...); without it the IRIs follow the claims'",
    )
    _export_options(e, "the .trig file to write (default: standard output)")
    e.set_defaults(func=cmd_export_nanopubs)
