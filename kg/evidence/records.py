"""The records the evidence stage hands to the graph: what the tool infers on top of extraction.

None of them is curated. Entities and their mentions, claim kinds and measures are read off the
text by rules (the graph labels them ``ekg:Extracted``); flags, chains and cross-report pairs are
judgements the rules suggest (``ekg:Suggested``). Every record is anchored by spans into the
report's unchanged text, like the records of the earlier stages, and none knows RDF.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from kg.records import Span

#: The classes a found entity may take (local names in the ontology), by the rule that typed it.
ENTITY_KINDS = frozenset(
    {
        "Organization",
        "GovernmentAgency",
        "LawEnforcementAgency",
        "Court",
        "Legislation",
        "Program",
        "Operation",
        "LegalCase",
        "Company",
        "ResearchInstitution",
        "NonGovernmentalOrganization",
        "NewsOrganization",
        "Platform",
    }
)


@dataclass(frozen=True)
class FoundEntity:
    """A named organisation, law, programme, case or platform the gazetteer does not know.

    ``key`` is a slug of the canonical name, the same in every report that names it, so that two
    reports naming "the Blue Campaign" share one node. ``labels`` are the other forms the texts
    use (an acronym the text defines).
    """

    key: str
    name: str
    kind: str
    labels: tuple[str, ...] = ()
    rules: tuple[str, ...] = ()


@dataclass(frozen=True)
class EntityMention:
    """One place a report names a found entity or, by a form the gazetteer lacks, a gazetteer entry.

    ``entity`` is a :class:`FoundEntity` key, or a gazetteer slug when ``gazetteer`` is true.
    ``rule`` says which rule found it (acronym, acronym-use, head-word, domain, platform-cue).
    """

    span: Span
    text: str
    entity: str
    rule: str
    gazetteer: bool = False


@dataclass(frozen=True)
class ClaimKindGuess:
    """The kind a cue rule gives a claim sentence (finding, method, limitation, ...), and the cue."""

    span: Span
    kind: str
    cue: str


@dataclass(frozen=True)
class SuggestedFlag:
    """A quality flag a rule raises: its kind, the words it is anchored to, why, and the works concerned.

    ``targets`` are the spans of the statistics and claim sentences it is about (the graph attaches
    the flag to those nodes); ``id`` is deterministic (kind and first anchor).
    """

    id: str
    report: str
    kind: str
    spans: tuple[Span, ...]
    rationale: str
    works: tuple[str, ...] = ()
    targets: tuple[Span, ...] = ()


@dataclass(frozen=True)
class SuggestedChain:
    """A relayed figure or statement: the report cites ``works``, the sentence credits ``originator``.

    ``span`` runs from the attribution to the end of the sentence's figure or claim;
    ``originator_entity`` is the entity the originator's name is (gazetteer slug or found key),
    with ``originator_gazetteer`` saying which; ``items`` are the statistics it carries (empty for
    a relayed statement without figures) and ``sentence`` the claim sentence.
    """

    report: str
    span: Span
    sentence: Span
    originator: str
    works: tuple[str, ...] = ()
    items: tuple[Span, ...] = ()
    originator_entity: str | None = None
    originator_gazetteer: bool = False


@dataclass(frozen=True)
class Measure:
    """What one figure quantifies, in the text's words, with its subject, place and year where given."""

    statistic: Span
    phrase: str
    subject: str = ""
    subject_entity: str | None = None
    subject_gazetteer: bool = False
    place: str = ""
    year: str | None = None


@dataclass(frozen=True)
class Pairing:
    """Two items of different reports the rules put side by side: figures or claims.

    ``kind`` is ``figure`` or ``claim``; ``relation`` is ``corroborates`` or ``contradicts`` for
    figures (values within or beyond the tolerance) and ``similar`` for claims; ``score`` the
    similarity (0-1) and ``basis`` the words both share.
    """

    kind: str
    a: Span
    b: Span
    relation: str
    score: float
    basis: str


@dataclass
class Evidence:
    """Everything the evidence stage infers, for all reports of a build."""

    entities: list[FoundEntity] = field(default_factory=list)
    mentions: dict[str, list[EntityMention]] = field(default_factory=dict)
    claims: dict[str, list[ClaimKindGuess]] = field(default_factory=dict)
    claim_nodes: dict[Span, Span] = field(default_factory=dict)
    flags: dict[str, list[SuggestedFlag]] = field(default_factory=dict)
    chains: dict[str, list[SuggestedChain]] = field(default_factory=dict)
    measures: dict[Span, Measure] = field(default_factory=dict)
    pairings: list[Pairing] = field(default_factory=list)
