"""Enrich a bibliography: ask each service about each cited work, keep the clear best, write one file.

The outcome is ``bib/enrichment.json``: for every work looked up, what was decided and why, and the
proposed candidates. It is written once, atomically, at the end: a run cut short (the network gone
mid-way) changes nothing, and what it had already fetched stays in the cache, so the next run resumes
without asking again. A work whose own entry gives a DOI or a URL, or a kind no scholarly index holds
(a personal communication, field notes, a law, a court case), is not looked up.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from kg.enrich.http import PoliteClient, ServiceError
from kg.enrich.matching import Decision, Scored, decide
from kg.enrich.services import Found, Service
from kg.project.files import write_atomically
from kg.records import BibEntry
from kg.sources.candidates import Candidate, candidate_from_json, candidate_json

#: Kinds of work that no scholarly metadata service indexes: asking for them only costs the service.
NOT_INDEXED = frozenset({"personal-communication", "field-notes", "law", "court-case"})


@dataclass
class Outcome:
    """What ``kg enrich`` decided for every work, and the candidates it proposes."""

    decisions: dict[str, dict[str, object]] = field(default_factory=dict)
    proposed: list[Candidate] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    def counts(self) -> dict[str, int]:
        tally: dict[str, int] = {}
        for decision in self.decisions.values():
            status = str(decision["status"])
            tally[status] = tally.get(status, 0) + 1
        return tally


#: How many of the works returned for one citation are recorded with their scores (best first).
KEPT = 5


def _found_json(scored: Scored) -> dict[str, object]:
    """A returned work as the outcome records it: what it is, where it was found, its score and why."""
    found = scored.found
    record: dict[str, object] = {"service": found.service, "title": found.title, "container": found.container}
    record["year"] = found.year
    record |= {"authors": list(found.authors), "doi": found.doi, "url": found.url}
    return {k: v for k, v in record.items() if v} | {"score": scored.score, "reasons": scored.reasons}


def skip_reason(entry: BibEntry) -> str:
    """Why a work is not looked up, or "" when it is."""
    if entry.kind in NOT_INDEXED:
        return f"not looked up: a {entry.kind.replace('-', ' ')} is not in scholarly indexes"
    if entry.fields.get("doi") or entry.fields.get("url"):
        return "not looked up: its entry already gives a DOI or URL"
    if not (entry.family_names or entry.authors or entry.fields.get("title")):
        return "not looked up: neither an author nor a title to search for"
    return ""


def _candidate(entry: BibEntry, decision: Decision) -> Candidate:
    assert decision.best is not None
    found = decision.best.found
    return Candidate(
        work=entry.key,
        origin="enrichment",
        status="found",
        file="",
        line=0,
        title=found.title,
        container=found.container,
        year=found.year,
        authors=found.authors,
        url=found.url,
        doi=found.doi,
        service=found.service,
        score=decision.best.score,
        reasons=decision.detail,
    )


def enrich(
    entries: list[BibEntry],
    services: list[Service],
    client: PoliteClient,
    progress: Callable[[str], None] = lambda _: None,
) -> Outcome:
    """Look every entry up in every service; raises ServiceUnreachableError (and so changes nothing) when offline."""
    outcome = Outcome()
    for number, entry in enumerate(entries, 1):
        reason = skip_reason(entry)
        if reason:
            outcome.decisions[entry.key] = {"status": "not looked up", "detail": reason}
            continue
        returned: list[Found] = []
        for service in services:
            path, params = service.request(entry)
            try:
                returned += _read(service, client.get_json(service.base, path, params))
            except ServiceError as exc:
                outcome.errors.append(f"{entry.key}: {exc}")
        decision = decide(entry, returned)
        outcome.decisions[entry.key] = {
            "status": decision.status,
            "considered": decision.considered,
            "detail": decision.detail,
            "candidates": [_found_json(s) for s in decision.ranked[:KEPT]],
        }
        if decision.best is not None:
            outcome.proposed.append(_candidate(entry, decision))
        progress(f"[{number}/{len(entries)}] {entry.key}: {decision.status}")
    return outcome


def _read(service: Service, answer: object) -> list[Found]:
    """The works in a service's answer; an answer in another form than documented is a ServiceError."""
    try:
        return service.read(answer)
    except (AttributeError, TypeError, ValueError, KeyError, IndexError, RecursionError) as exc:
        raise ServiceError(f"{service.name} answered in a form it does not document ({type(exc).__name__})") from None


def keep_others(target: Path, outcome: Outcome, looked_up: set[str]) -> Outcome:
    """The outcome with what an earlier run decided for the works this one did not look up (``--work``),
    so that enriching one work never drops the others' candidates."""
    try:
        earlier = json.loads(target.read_text(encoding="utf-8"))
        decisions, proposed = dict(earlier["decisions"]), list(earlier["proposed"])
    except (OSError, ValueError, KeyError, TypeError):
        return outcome
    merged = Outcome(errors=outcome.errors)
    merged.decisions = {k: v for k, v in decisions.items() if k not in looked_up} | outcome.decisions
    kept = [item for item in proposed if isinstance(item, dict) and item.get("work") not in looked_up]
    merged.proposed = [candidate_from_json(item) for item in kept] + outcome.proposed
    return merged


def write_outcome(target: Path, outcome: Outcome, services: list[Service]) -> None:
    """``bib/enrichment.json``: the services asked, every decision, the proposed candidates."""
    data = {
        "written_by": "kg enrich",
        "note": "Candidates proposed by matching open metadata (Crossref, OpenAlex): "
        "suggestions, not what the reports say.",
        "services": {s.name: s.base for s in services},
        "decisions": outcome.decisions,
        "errors": outcome.errors,
        "proposed": [candidate_json(c) for c in outcome.proposed],
    }
    text = json.dumps(data, ensure_ascii=False, indent=1, sort_keys=False) + "\n"
    write_atomically(target, text.encode("utf-8"), make_folder=True)
