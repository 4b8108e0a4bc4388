"""``kg export bibtex`` and ``kg export nanopubs``: what a reader takes away to cite or republish."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from kg.cli.common import EXIT_INVALID, EXIT_OK, build_dir, open_store, project, say


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


def cmd_export_bibtex(args: argparse.Namespace) -> int:
    from kg.exports.bibtex import bibtex_for_item
    from kg.query import expand_iri

    item = expand_iri(args.item)
    export = bibtex_for_item(open_store(args), project(args), item, with_report=args.with_report)
    if not export.keys and not export.missing:
        say(f"{args.item} rests on no cited work (no source given, or only the report's own data)")
    _emit(export.text.encode("utf-8"), args.out, f"{len(export.keys)} BibTeX entries")
    if export.missing:
        say(f"error: no BibTeX entry in bib/ for {', '.join(export.missing)} (the graph and bib/ disagree)")
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
    trig, count = nanopubs_trig(open_store(args), created, args.license or DEFAULT_LICENSE)
    _emit(trig, args.out, f"{count} nanopublications")
    return EXIT_OK


def _export_options(parser: argparse.ArgumentParser, out_help: str) -> None:
    parser.add_argument("--out", metavar="FILE", help=out_help + "; written atomically")
    parser.add_argument("--endpoint", help="remote SPARQL endpoint URL (default: KG_ENDPOINT, else the embedded store)")
    parser.add_argument("--build", help="folder of the built graph (default: build/)")


def add_parsers(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "export",
        help="export for citing: the BibTeX behind a claim or statistic, or the curated claims as nanopublications",
        description="Export for citing. Exit codes: 0 written, 1 the graph and bib/ disagree (a key with no "
        "BibTeX entry; the rest is still written), 2 error (unknown item, bad option, store failure).",
    )
    what = p.add_subparsers(dest="what", required=True, metavar="WHAT")
    e = what.add_parser(
        "bibtex",
        help="BibTeX of every work a claim or statistic rests on, directly or through a chain",
        description="The BibTeX entries (from bib/) of every work a claim or statistic rests on: directly, through "
        "a study or an interview excerpt, or through a figure the claim states.",
    )
    e.add_argument("--item", required=True, help="IRI of the claim or statistic, e.g. res:stat/REPORT/1466-1483")
    e.add_argument("--with-report", action="store_true", help="also the entry of the report that states the item")
    _export_options(e, "the .bib file to write (default: standard output)")
    e.set_defaults(func=cmd_export_bibtex)
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
    _export_options(e, "the .trig file to write (default: standard output)")
    e.set_defaults(func=cmd_export_nanopubs)
