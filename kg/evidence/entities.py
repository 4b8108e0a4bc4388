"""Entities beyond the gazetteer: the names the rules find, merged with the gazetteer, and every use.

The gazetteer stays the curated truth: a found name that is one of a gazetteer entry's labels is
that entry, and a find overlapping a gazetteer mention gives way to it. What is left becomes a
:class:`~kg.evidence.records.FoundEntity` keyed by the slug of its name, shared by every report
that names it; its class is the one most of its finds give. A defined acronym becomes a label of
its long form's entity (gazetteer or found), and its later uses are mentions of that entity.
Once a report's names are known, each is looked for again across the whole text (one pass of
one pattern), since the rules see a name only where its head word or cue stands.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from kg.evidence import (
    acronyms,
    name_cues,
    names,
    names_cases,
    names_cited,
    names_lists,
    names_suppliers,
    names_uses,
    proper_names,
)
from kg.evidence.records import EntityMention, FoundEntity
from kg.extract.statistics.masks import REFERENCE_LIST
from kg.records import BibEntry, GazetteerEntry, MentionRecord, Report, ResolvedCitation, Sentence, Span
from kg.sources.spans import SpanIndex

#: When finds of one name disagree on its class, the first of these wins a tie.
_PRIORITY = (
    "LegalCase",
    "Legislation",
    "Operation",
    "Program",
    "Court",
    "LawEnforcementAgency",
    "GovernmentAgency",
    "Company",
    "NewsOrganization",
    "ResearchInstitution",
    "NonGovernmentalOrganization",
    "Platform",
    "Organization",
)


#: Rules whose finds are bodies by a cue of their own (a head word, a definition, an address, ...): a name listed
#: beside one of them is a body too (:mod:`kg.evidence.names_lists`); a recurring or coined word is not enough.
_CUED = frozenset(
    {
        "head-word",
        "acronym",
        "acronym-use",
        "domain",
        "platform-cue",
        "defined-body",
        "supplier",
        "cited-body",
        "named-kind",
    }
)

#: Classes whose names are often made of other names ("Backpage.com, L.L.C. v. McKenna", "the Stop
#: Enabling Sex Traffickers Act"): their finds may hold a gazetteer mention inside.
_COMPOUND = frozenset({"LegalCase", "Legislation", "Program", "Operation"})


def fold(name: str) -> str:
    """A name as labels are compared: case, apostrophes, whitespace and a leading article ignored."""
    folded = " ".join(name.casefold().replace("’", "'").split())
    return re.sub(r"^the\s+", "", folded)


def slug(name: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", fold(name)).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text).strip("-") or "x"


@dataclass
class _Report:
    """One report's finds while they are collected: mentions by span, and the names seen."""

    key: str
    text: str
    taken: SpanIndex[tuple[str, bool]] = field(default_factory=SpanIndex)
    mentions: list[EntityMention] = field(default_factory=list)
    defined: set[str] = field(default_factory=set)

    def free(self, start: int, end: int) -> bool:
        return not any(s < end and start < e for s, e, _ in self.taken.near(start, end))

    def known(self, start: int, end: int) -> bool:
        """True when a gazetteer mention, or a name a rule with a body's cue found, covers exactly these words."""
        if any(s == start and e == end and held[1] for s, e, held in self.taken.near(start, end)):
            return True
        return any(m.span.start == start and m.span.end == end and m.rule in _CUED for m in self.mentions)

    def contains_only(self, start: int, end: int) -> bool:
        """True when every mention overlapping these words lies inside them."""
        return all(start <= s and e <= end for s, e, _ in self.taken.near(start, end) if s < end and start < e)

    def holder(self, start: int, end: int) -> tuple[str, bool] | None:
        """The entity (and whether it is the gazetteer's) whose mention overlaps these words."""
        return next((held for s, e, held in self.taken.near(start, end) if s < end and start < e), None)

    def add(self, start: int, end: int, entity: str, rule: str, gazetteer: bool = False, nested: bool = False) -> None:
        """Take the words for the entity unless another mention holds them (``nested``: unless one overlaps
        them partly, a name inside them being allowed)."""
        if start < end and (self.free(start, end) if not nested else self.contains_only(start, end)):
            self.taken.add(start, end, (entity, gazetteer))
            self.mentions.append(
                EntityMention(Span(self.key, start, end), self.text[start:end], entity, rule, gazetteer)
            )


class EntityFinder:
    """Finds entities in the reports of one build, so that names are shared across reports."""

    def __init__(
        self, gazetteer: list[GazetteerEntry], references: list[BibEntry], works: Iterable[BibEntry] = ()
    ) -> None:
        """``references``: the curated entries; ``works``: every work, those read from a report's list too."""
        self.labels: dict[str, str] = {}
        for entry in gazetteer:
            for label in (entry.pref_label, *entry.alt_labels, *entry.hidden_labels):
                self.labels.setdefault(fold(label), entry.slug)
        self.references = {e.key: e for e in references}
        self.works: dict[str, BibEntry] = {}
        self.titles: dict[str, list[str]] = defaultdict(list)  # report -> titles of the works it lists
        for work in works:
            self.works.setdefault(work.key, work)
            if work.title:
                self.titles[work.fields.get("citedin", "")].append(work.title)
        self.kinds: dict[str, Counter[str]] = defaultdict(Counter)
        self.forms: dict[str, Counter[str]] = defaultdict(Counter)
        self.short_forms: dict[str, set[str]] = defaultdict(set)
        self.rules: dict[str, set[str]] = defaultdict(set)
        self.states: list[_Report] = []

    def gazetteer_slug(self, name: str) -> str | None:
        """The gazetteer entry a name is one of the labels of (a domain also by its first label)."""
        folded = fold(re.sub(r"(?<=[a-z])-\n(?=[a-z])", "", name))  # "Face-\nbook": one word broken at a line's end
        found = self.labels.get(folded) or self.labels.get(re.sub(r"^www\.", "", folded))
        if found is None and re.fullmatch(r"(?:www\.)?[\w-]+\.[a-z.]+", folded):
            found = self.labels.get(re.sub(r"^www\.", "", folded).split(".")[0])
        return found

    def scan(
        self,
        report: Report,
        sentences: list[Sentence],
        gazetteer_mentions: list[MentionRecord],
        citations: list[ResolvedCitation],
    ) -> None:
        """Collect one report's finds; :meth:`mentions` gives them once every report is scanned."""
        state = _Report(report.key, report.text)
        self.states.append(state)
        for mention in gazetteer_mentions:
            state.taken.add(mention.span.start, mention.span.end, (mention.entity, True))
        ordinary = names_uses.ordinary_words(report.text, sentences)
        cited = _citation_index(citations)
        authors = {w for r in citations for w in re.findall(r"[A-Z][\w’'-]+", r.citation.authors)}
        recurring = proper_names.recurring_names(report.text, sentences, authors)
        body = [s for s in sentences if not s.is_heading and not REFERENCE_LIST.match(s.section)]
        named = proper_names.work_names(self.titles.get(report.key, ()), report.text, body) - recurring
        defined = {d.short for d in [*acronyms.definitions(report.text), *acronyms.table_definitions(report.text)]}
        bare = acronyms.undefined_names([s.text for s in body], report.text, defined) - recurring - named
        for candidate in names_cited.corporate_authors(report.text, citations, self.works):
            self._take(state, candidate.start, candidate.end, candidate.name, candidate.kind, candidate.rule)
        for sentence in sentences:
            if sentence.is_heading or REFERENCE_LIST.match(sentence.section):
                continue  # a reference list names journals and publishers as the places works appeared
            base = sentence.span.start
            found: list[names.Candidate] = [
                *names_cases.court_cases(sentence.text, base),
                *name_cues.domains(sentence.text, base),
                *names.typed_names(sentence.text, base, ordinary),
                *name_cues.platform_cues(sentence.text, base),
                *name_cues.defined_bodies(sentence.text, base),
                *name_cues.named_kinds(sentence.text, base),
                *name_cues.lower_case_laws(sentence.text, base),
                *proper_names.coined_names(sentence.text, base),
                *names_suppliers.suppliers(sentence.text, base),  # after: a coined name is its own rule's
                *proper_names.recurring_mentions(sentence.text, base, recurring),
                *proper_names.recurring_mentions(sentence.text, base, named, "work-name"),
                *proper_names.recurring_mentions(sentence.text, base, bare, "acronym-name"),
            ]
            for candidate in sorted(found, key=lambda c: (c.start - c.end, c.start)):
                if self._authored(candidate, cited):
                    self._take(state, candidate.start, candidate.end, candidate.name, candidate.kind, candidate.rule)
            # after the names: a long form inside a longer name ("Allow States and Victims to Fight Online
            # Sex Trafficking Act (FOSTA)") makes the acronym a label of the longer name's entity
            for definition in acronyms.definitions(report.text, base, sentence.span.end):
                self._define(state, definition)
        for definition in acronyms.table_definitions(report.text):
            self._define(state, definition)
        for sentence in body:  # once the report's names are known: the names listed beside them
            for candidate in names_lists.coordinated(sentence.text, sentence.span.start, state.known):
                self._take(state, candidate.start, candidate.end, candidate.name, candidate.kind, candidate.rule)

    def mentions(self) -> dict[str, list[EntityMention]]:
        """Each scanned report's mentions, in text order, after looking for every found name again."""
        shared = {
            (" ".join(m.text.split()), m.entity)
            for state in self.states
            for m in state.mentions
            if not m.gazetteer and (" " in m.text.strip() or "." in m.text)
        }
        for state in self.states:
            # a one-word name (an acronym, a platform's name) is looked for only in the report that uses it
            # and an acronym only after its definition, where its uses were already taken
            own = {
                (" ".join(m.text.split()), m.entity)
                for m in state.mentions
                if not m.gazetteer and not (m.rule.startswith("acronym") and " " not in m.text.strip())
            }
            names_uses.later_uses(state.text, state.add, sorted(shared | own, key=lambda f: (-len(f[0]), f[0])))
        return {state.key: sorted(state.mentions, key=lambda m: m.span.start) for state in self.states}

    def _authored(self, candidate: names.Candidate, cited: SpanIndex[ResolvedCitation]) -> bool:
        """Outside citations a name stands; inside one only as the whole, non-personal author.

        A body's name typed by its head word may begin before the citation, when the citation was read
        from the name's last words only ("the European Union Election Observation Mission (2011: 5)"
        cited as "Election Observation Mission")."""
        for start, end, resolved in cited.near(candidate.start, candidate.end):
            if start < candidate.end and candidate.start < end:
                authors, whole = fold(resolved.citation.authors), fold(candidate.name)
                cut = candidate.rule == "head-word" and candidate.start < start and whole.endswith(" " + authors)
                if authors != whole and not (cut and authors):
                    return False
                entry = self.references.get(resolved.key or "")
                if entry is not None:
                    return len(entry.authors) <= 1 and not any("," in a for a in entry.authors)
                return "&" not in candidate.name
        return True

    def _take(self, state: _Report, start: int, end: int, name: str, kind: str, rule: str) -> tuple[str, bool] | None:
        name = re.sub(r"[’']s$", "", name)
        end = start + len(name)
        gazetteer = self.gazetteer_slug(name)
        if gazetteer is not None:
            state.add(start, end, gazetteer, rule, gazetteer=True)
            return gazetteer, True
        # a name closed by its head word may hold a known name ("European Union Election Observation Mission")
        nested = kind in _COMPOUND or rule == "head-word"
        if not (state.contains_only(start, end) if nested else state.free(start, end)):
            return None  # a gazetteer mention (or a longer find) holds these words: it wins
        key = slug(name)
        self.kinds[key][kind] += 1
        joined = re.sub(r"(?<=[a-z])-\s*\n\s*(?=[a-z])", "", name)  # "Arbitra-\ntion": one word broken at a line's end
        self.forms[key][" ".join(re.sub(r"^[Tt]he\s+", "", joined).split())] += 1
        self.rules[key].add(rule)
        state.add(start, end, key, rule, nested=nested)
        return key, False

    def _define(self, state: _Report, definition: acronyms.Definition) -> None:
        typed = names.head_kind(definition.long.split())
        kind = typed[0] if typed is not None and typed[1] == 0 else "Organization"
        held = self._take(state, definition.long_start, definition.long_end, definition.long, kind, "acronym")
        held = held or state.holder(definition.long_start, definition.long_end)
        if held is None:
            return
        entity, gazetteer = held
        if not gazetteer:
            self.short_forms[entity].add(definition.short)
        state.add(definition.short_start, definition.short_end, entity, "acronym", gazetteer)
        if definition.short in state.defined:
            return  # defined again: its uses to the end of the text were taken at the first definition
        state.defined.add(definition.short)
        for start, end in acronyms.uses(state.text, definition.short, definition.short_end):
            state.add(start, end, entity, "acronym-use", gazetteer)

    def entities(self) -> list[FoundEntity]:
        """The found entities of every report seen, sorted by key: canonical name, class, labels."""
        found = []
        for key in sorted(self.kinds):
            kinds = self.kinds[key]
            kind = min(kinds, key=lambda k: (-kinds[k], _PRIORITY.index(k)))
            forms = self.forms[key]
            name = min(forms, key=lambda f: (-forms[f], f))
            labels = tuple(sorted((set(forms) | self.short_forms[key]) - {name}))
            found.append(FoundEntity(key, name, kind, labels, tuple(sorted(self.rules[key]))))
        return found


def _citation_index(citations: list[ResolvedCitation]) -> SpanIndex[ResolvedCitation]:
    index: SpanIndex[ResolvedCitation] = SpanIndex()
    for resolved in citations:
        index.add(resolved.citation.span.start, resolved.citation.span.end, resolved)
    return index
