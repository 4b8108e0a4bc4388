"""``kg build`` and ``kg validate``: one :func:`kg.validate.validate` behind both."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from kg.cli.common import EXIT_INVALID, EXIT_OK, project, quiet, say
from kg.errors import KgError

if TYPE_CHECKING:
    from kg.pipeline.pool import Runner


def cmd_build(args: argparse.Namespace) -> int:
    from kg.pipeline import BuildFailedError, build

    out = Path(args.out) if args.out else project(args).build
    progress = quiet if args.quiet else say
    try:
        result = build(
            project(args), out, progress, reasoning=not args.no_reason, runner=_runner(args), reasoner=_reasoner(args)
        )
    except BuildFailedError as failed:
        say("Build failed: the graph does not conform to the SHACL shapes. Previous outputs were left intact.")
        for violation in failed.shacl.violations[:50]:
            say(f"  {violation}")
        return EXIT_INVALID
    print(f"Built {out} in {result.seconds:.1f} s")
    for name, count in result.counts.items():
        print(f"  {name:<22}{count:>8,}")
    print(f"  {result.shacl.summary()}")
    print(f"  {result.reasoning.summary()}")
    return EXIT_OK


def cmd_validate(args: argparse.Namespace) -> int:
    from kg.pipeline import assemble
    from kg.sources.rdf import read_rdf
    from kg.validate import validate

    progress = quiet if args.quiet else say
    if args.graph:
        path = Path(args.graph)
        graph = read_rdf(path, str(path))
        from kg.pipeline.reasoning import reasoner_for

        whole = reasoner_for(_reasoner(args), progress=progress, whole=True)
        verdict = validate(graph, reasoning=not args.no_reason, root=Path.cwd(), progress=progress, reasoner=whole)
    else:
        _, _, verdict = assemble(
            project(args), progress, reasoning=not args.no_reason, runner=_runner(args), reasoner=_reasoner(args)
        )
    print(verdict.shacl.summary())
    for violation in verdict.shacl.violations:
        print(f"  {violation}")
    if verdict.reasoning is not None:
        print(verdict.reasoning.summary())
    return EXIT_OK if verdict.conforms else EXIT_INVALID


def _reasoner(args: argparse.Namespace) -> str:
    """``--reasoner``; ``rules`` for a caller that builds without the option (``kg app``'s first build)."""
    return str(getattr(args, "reasoner", "rules"))


def _runner(args: argparse.Namespace) -> Runner:
    """Where the per-report tasks run: ``--jobs`` worker processes, or the Dask scheduler ``--scheduler``."""
    from kg.pipeline.pool import Runner, default_jobs

    if args.jobs is not None and args.jobs < 1:
        raise KgError(f"--jobs must be at least 1, not {args.jobs}")
    return Runner(jobs=args.jobs or default_jobs(), scheduler=args.scheduler)


def _pool_options(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--reasoner",
        choices=("rules", "hermit"),
        default="rules",
        help="rules: the ontology's axioms applied as rules, no Java (default; the same inferred triples as "
        "HermiT's, checked by the tests); hermit: the HermiT reasoner (needs Java 17)",
    )
    p.add_argument(
        "--jobs",
        "-j",
        type=int,
        metavar="N",
        help="worker processes for the per-report work (default: the cores available)",
    )
    p.add_argument(
        "--scheduler",
        metavar="ADDRESS",
        help="run the per-report work on this Dask scheduler (tcp://host:8786; needs the [dask] extra)",
    )


def add_parsers(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "build",
        help="extract, validate (SHACL + OWL reasoning) and write build/kg.ttl, kg.jsonld, kg.nt, works.bib",
        description="Extract the project's reports, build the graph, validate it (SHACL shapes, then the OWL "
        "reasoner, whose inferences are written too) and write build/kg.ttl, kg.jsonld, kg.nt and summary.json. "
        "Nothing is written unless every step succeeds, so a failed build leaves the previous outputs; a second "
        "build into the same folder waits for the first. Exit codes: 0 built, 1 the graph does not conform, "
        "2 error (bad input, an inconsistent graph, no Java for --reasoner hermit).",
    )
    p.add_argument("--out", metavar="DIR", help="output folder (default: the project's build/)")
    p.add_argument("--no-reason", action="store_true", help="skip OWL reasoning (faster; no inferred triples)")
    p.add_argument("--quiet", action="store_true", help="no progress lines")
    _pool_options(p)
    p.set_defaults(func=cmd_build)

    p = sub.add_parser(
        "validate",
        help="run the SHACL shapes and the OWL reasoner; exit 0 valid, 1 invalid, 2 error",
        description="Validate the project's graph as the build would (without writing anything), or a graph file "
        "(Turtle, N-Triples, JSON-LD or RDF/XML, by extension; read offline: no remote context or entity is "
        "fetched). Exit codes: 0 valid, 1 invalid data, 2 error (unreadable input, inconsistent, no Java for HermiT).",
    )
    p.add_argument("--graph", metavar="FILE", help="validate this graph file instead of building from the sources")
    p.add_argument("--no-reason", action="store_true", help="SHACL only (the reasoner does not run)")
    p.add_argument("--quiet", action="store_true", help="no progress lines")
    _pool_options(p)
    p.set_defaults(func=cmd_validate)
