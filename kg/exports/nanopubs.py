"""The curated claims as nanopublications (TriG), one per claim, with a date that makes two exports identical.

The claims are read through the canned query ``export-nanopubs`` (the embedded store or a remote
endpoint alike); the quads are made by :mod:`kg.exports.nanopub_graphs`.
"""

from __future__ import annotations

import os
import re
from datetime import UTC, datetime
from pathlib import Path

from kg import __version__
from kg.errors import ExportError
from kg.exports.nanopub_graphs import ClaimRecord, PublicationInfo, claim_nanopub, nanopub_iri, to_trig
from kg.exports.signing import private_key, sign_nanopub
from kg.query import expand_iri, run_query
from kg.store import Store

#: The project's own licence (pyproject.toml), stated on every nanopublication unless told otherwise.
DEFAULT_LICENSE = "https://spdx.org/licenses/MIT"


def _record(row: dict[str, str]) -> ClaimRecord:
    sources = tuple(sorted(row["sources"].split()))
    return ClaimRecord(
        claim=row["claim"],
        report=row["report"],
        report_key=row["reportKey"],
        local_id=row["id"],
        section=row["section"],
        kind=row["kind"],
        anchor=row["anchor"],
        quote_selector=row["quoteSelector"],
        position_selector=row["positionSelector"],
        exact=row["exact"],
        prefix=row["prefix"],
        suffix=row["suffix"],
        start=int(row["start"]),
        end=int(row["end"]),
        declared_at=row["declaredAt"],
        note=row["note"],
        sources=sources,
        evidence_kinds=tuple(sorted(row["evidenceKinds"].split())),
    )


def curated_claims(store: Store) -> list[ClaimRecord]:
    """Every curated claim with its anchor and sources, in IRI order."""
    return [_record(row) for row in run_query(store, "export-nanopubs", limit=None).records()]


def nanopubs_trig(
    store: Store, created: datetime, license_iri: str = DEFAULT_LICENSE, *, sign_with: Path | None = None
) -> tuple[bytes, int]:
    """All curated claims as nanopublications in TriG, and how many there are.

    With ``sign_with`` (an RSA private key file) each one is signed by the nanopub library and gets
    its trusty URI (:mod:`kg.exports.signing`); without, the IRIs follow the claims'.
    """
    info = PublicationInfo(
        created=created.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
        creator_label=f"evidence-kg {__version__} (kg export nanopubs)",
        license=expand_iri(license_iri),
    )
    claims = curated_claims(store)
    key = private_key(sign_with) if sign_with is not None else None
    quads = []
    for claim in claims:
        nanopub = claim_nanopub(claim, info)
        quads += nanopub if key is None else sign_nanopub(nanopub, nanopub_iri(claim.claim), key)
    return to_trig(quads), len(claims)


# --- the creation date ------------------------------------------------------------------------


def parse_created(value: str) -> datetime:
    """A date (``2026-11-23``, taken as midnight UTC) or an ISO 8601 date and time."""
    try:
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value.strip()):
            return datetime.fromisoformat(value.strip()).replace(tzinfo=UTC)
        parsed = datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
    except ValueError as exc:
        raise ExportError(f"--created takes a date such as 2026-11-23 or an ISO date and time, not {value!r}") from exc
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


def build_date(graph_file: Path | None) -> datetime:
    """When the exported graph was built: ``SOURCE_DATE_EPOCH`` if set, else the graph file's time.

    Either way two exports of one build carry the same date, so they are byte-identical.
    """
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch:
        if not epoch.isdigit():
            raise ExportError(f"SOURCE_DATE_EPOCH must be whole seconds since 1970, got {epoch!r}")
        return datetime.fromtimestamp(int(epoch), tz=UTC)
    if graph_file is None or not graph_file.is_file():
        raise ExportError("the graph's build date is unknown here: give --created DATE (or set SOURCE_DATE_EPOCH)")
    return datetime.fromtimestamp(int(graph_file.stat().st_mtime), tz=UTC)
