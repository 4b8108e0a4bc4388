"""``kg enrich``: look the cited works up in Crossref and OpenAlex and propose the clear best matches."""

from __future__ import annotations

import argparse
import os
from pathlib import Path

from kg.cli.common import EXIT_ERROR, EXIT_OK, positive_float, positive_int, project, quiet, say


def cmd_enrich(args: argparse.Namespace) -> int:
    from kg.enrich.http import PoliteClient, Politeness, ServiceUnreachableError
    from kg.enrich.limits import RunLimits, ServiceStoppedError
    from kg.enrich.run import enrich, keep_others, write_outcome
    from kg.enrich.services import CROSSREF, OPENALEX, services
    from kg.pipeline.stages import extract_all
    from kg.sources.candidates import ENRICHMENT_FILE

    paths = project(args)
    extraction = extract_all(paths, quiet, with_annotations=False)
    entries = extraction.graph_works
    if args.work:
        unknown = sorted(set(args.work) - {e.key for e in entries})
        if unknown:
            say(f"error: no cited work has the key {', '.join(unknown)}")
            return 2
        entries = [e for e in entries if e.key in args.work]
    chosen = services(
        args.crossref_url or os.environ.get("KG_CROSSREF_URL") or CROSSREF,
        args.openalex_url or os.environ.get("KG_OPENALEX_URL") or OPENALEX,
        tuple(args.service or ()),
    )
    mailto = args.mailto or os.environ.get("KG_MAILTO", "")
    if not mailto:
        say("note: no --mailto (or KG_MAILTO): the services ask for a contact address; requests go to the common pool")
    cache = None if args.no_cache else (Path(args.cache) if args.cache else paths.root / ".cache" / "enrich")
    politeness = Politeness(mailto=mailto, min_interval=1.0 / args.rate, deadline=args.request_time)
    limits = RunLimits(run_deadline=args.max_time, retry_budget=args.retries)
    client = PoliteClient(cache, politeness, limits=limits)
    progress = quiet if args.quiet else say
    try:
        outcome = enrich(entries, chosen, client, progress)
    except ServiceUnreachableError as exc:
        say(f"kg enrich: offline, {exc}: nothing was changed")
        return EXIT_OK
    except ServiceStoppedError as exc:
        say(
            f"error: kg enrich stopped: {exc}; nothing was changed "
            f"(what {client.requests_made} requests fetched is cached for the next run)"
        )
        return EXIT_ERROR
    target = paths.bib / ENRICHMENT_FILE
    if args.work:  # the other works' earlier decisions and candidates are kept
        outcome = keep_others(target, outcome, {e.key for e in entries})
    write_outcome(target, outcome, chosen)
    counts = ", ".join(f"{n} {status}" for status, n in sorted(outcome.counts().items()))
    print(f"Looked up {len(entries)} works ({counts}); {len(outcome.proposed)} candidates proposed")
    print(f"  {client.requests_made} requests, {client.cache_hits} answers from the cache")
    for error in outcome.errors[:10]:
        print(f"  service error: {error}")
    print(f"  wrote {paths.relative(target)}; the next `kg build` adds the candidates, labelled suggested")
    return EXIT_OK


def add_parsers(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "enrich",
        help="look the cited works up in Crossref and OpenAlex; clear matches go to bib/enrichment.json as suggested "
        "candidates",
        description="Look each cited work up in open scholarly metadata (the Crossref and OpenAlex REST APIs) by "
        "its authors, year and any title words the report gives, and write the clear best matches to "
        "bib/enrichment.json as candidates (title, container, DOI, URL and a score saying why). A candidate is "
        "never proposed over a title the report gives, and is labelled suggested in the graph. Requests carry "
        "--mailto, keep to --rate a second, are retried with backoff and cached on disk, so a second run asks "
        "for nothing. Offline, it says so in one line and changes nothing.",
    )
    p.add_argument("--mailto", metavar="EMAIL", help="your contact address, sent to the services (default: KG_MAILTO)")
    p.add_argument("--work", action="append", metavar="KEY", help="only this work (repeatable)")
    p.add_argument("--service", action="append", choices=["crossref", "openalex"], help="only this service")
    p.add_argument(
        "--rate", type=positive_float, metavar="N", default=5.0, help="requests a second to one service (default 5)"
    )
    p.add_argument(
        "--crossref-url", metavar="URL", help="Crossref API base URL (default: KG_CROSSREF_URL, else the public API)"
    )
    p.add_argument(
        "--openalex-url", metavar="URL", help="OpenAlex API base URL (default: KG_OPENALEX_URL, else the public API)"
    )
    p.add_argument(
        "--request-time",
        type=positive_float,
        metavar="S",
        default=30.0,
        help="the longest one request may take, first byte to last, redirects included (default 30)",
    )
    p.add_argument(
        "--max-time",
        type=positive_float,
        metavar="S",
        default=3600.0,
        help="the longest the run may take; past it, it stops and changes nothing (default 3600)",
    )
    p.add_argument(
        "--retries",
        type=positive_int,
        metavar="N",
        default=30,
        help="retries allowed across the run (429, 5xx, timeouts); past them it stops and changes nothing "
        "(default 30; 8 failures in a row also stop it)",
    )
    p.add_argument("--cache", metavar="DIR", help="cache folder (default: the project's .cache/enrich)")
    p.add_argument("--no-cache", action="store_true", help="neither read nor write the cache")
    p.add_argument("--quiet", action="store_true", help="no progress lines")
    p.set_defaults(func=cmd_enrich)
