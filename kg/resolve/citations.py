"""Tying each in-text citation to the bibliography entry of the work it cites.

A citation is matched by family names (or the organisation, or a law's or case's title) and year, among the entries
whose ``citedin`` names the report. The outcome is never silent:

* ``resolved``: the names and the year agree with exactly one entry;
* ``variant``: one entry fits, but the text spells a name differently (a spelling the entry lists in ``variants``, or
  a close one) or gives another year (listed in the entry's ``yearvariants`` or not); ``note`` says what differs, so a
  student sees the slip;
* ``unresolved``: no entry, or several that cannot be told apart; the citation is kept with key None and a note, never
  dropped.

Notes cite works more fully (``Musto. Personal communication, June 29, 2012.``): when several entries share the names
and year, the note's date, its wording (personal communication, field notes, proceedings) and title words decide.

A marker of a numbered reference list (``[3]``, ``(3)``) resolves to the entry with that number; a marker whose note
the text lacks is unresolved. ``ibid.`` resolves to the work of the citation before it (a note's to the note before, a
parenthetical's to the citation before), ``op. cit.`` to the last work cited before it by the same authors; with none,
it is unresolved."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from kg.records import BibEntry, CitationRecord, ResolvedCitation
from kg.resolve import names as _names
from kg.resolve.names import FUZZY_NAME_RATIO, Names, a_title, author_families, cited_names, entry_names, normalise_name
from kg.resolve.note_dates import cited_date, dates_agree, kind_cue
from kg.resolve.pointers import Trail, abbreviations, resolve_back
from kg.resolve.year_letters import by_letter

__all__ = [
    "FUZZY_NAME_RATIO",
    "cited_names",
    "cited_date",
    "entry_names",
    "normalise_name",
    "resolve_citations",
    "resolve_one",
    "works_cited_in",
]

# --- the bibliography, as the resolver reads it ------------------------------------------


@dataclass(frozen=True)
class _Work:
    entry: BibEntry
    names: Names
    variants: tuple[Names, ...]
    title: str
    year: str
    year_variants: tuple[str, ...]


def _year(text: str) -> str:
    return "n.d." if normalise_name(text) in ("nd", "n d", "undated") else text.strip()


def _works(entries: list[BibEntry], report_key: str) -> list[_Work]:
    """The entries a report cites, with names, variants and years ready to compare."""
    works = []
    for entry in entries:
        cited_in = {k.strip() for k in entry.fields.get("citedin", "").split(",")}
        if report_key not in cited_in:
            continue
        variants = tuple(cited_names(v) for v in entry.fields.get("variants", "").split(";") if v.strip())
        year_variants = tuple(_year(y) for y in entry.fields.get("yearvariants", "").split(";") if y.strip())
        works.append(
            _Work(
                entry,
                entry_names(entry),
                variants,
                normalise_name(entry.title),
                _year(entry.year) or "n.d.",  # an undated entry is what "n.d." cites
                year_variants,
            )
        )
    return works


# --- evidence a note gives --------------------------------------------------------------


def _evidence(citation: CitationRecord, work: _Work) -> tuple[int, int, float]:
    """How well a note's wording fits an entry: date, kind of work, share of title words."""
    date, entry_date = cited_date(citation), work.entry.fields.get("date", "")
    date_fits = int(bool(date and entry_date and dates_agree(date, entry_date)))
    kind_fits = int(kind_cue(citation) == work.entry.kind)
    words = {w for w in work.title.split() if len(w) >= 4}
    text = normalise_name(citation.endnote_text)
    overlap = sum(w in text for w in words) / len(words) if words else 0.0
    return date_fits, kind_fits, overlap


def _best(citation: CitationRecord, works: list[_Work]) -> _Work | None:
    """The one entry the note's wording fits best, or None when two fit equally."""
    if len(works) == 1:
        return works[0]
    ranked = sorted(works, key=lambda w: _evidence(citation, w), reverse=True)
    if _evidence(citation, ranked[0]) > _evidence(citation, ranked[1]):
        return ranked[0]
    return None


# --- matching ---------------------------------------------------------------------------


def _title_matches(names: Names, work: _Work) -> bool:
    """Laws and cases are cited by title: ``Trafficking Victims Protection Act`` (of 2000)."""
    if work.names.families or not work.title or not names.whole:
        return False
    return work.title == names.whole or work.title.startswith(names.whole + " of ")


def _name_fit(names: Names, work: _Work) -> str | None:
    """``exact``, ``listed`` (a spelling in ``variants``), ``close`` (fuzzy), ``first`` (the first of its
    authors alone, matched only with the year written) or None."""
    if names.matches(work.names) or _title_matches(names, work):
        return "exact"
    if any(names.matches(v) for v in work.variants):
        return "listed"
    if work.names.families and names.resembles(work.names):
        return "close"
    if len(names.families) == 1 and not names.et_al and len(work.names.families) > 1:
        if names.families[0] == work.names.families[0]:
            return "first"  # "(Batagelj 2007)" for Batagelj and Mrvar (2007): the first author only
    if _names.first_in_another_form(names, work.names):
        return "form"
    if len(names.families) == 1 and not names.et_al and names.families[0] in work.names.families[1:]:
        return "later"  # "(snir and Zohar 2008)" read as "Zohar 2008": a later author of the entry alone
    return None


def _year_fit(year: str, work: _Work) -> str:
    """``exact``, ``absent`` (no year written), ``listed`` (in ``yearvariants``) or ``differs``."""
    year = _year(year)
    if not year:
        return "absent"
    if year == work.year:
        return "exact"
    return "listed" if year in work.year_variants else "differs"


def _shown(work: _Work) -> str:
    """The entry's authors as written (without LaTeX), or its title when it names no author."""
    authored = work.entry.raw.get("author", "").strip()
    return " and ".join(work.entry.authors) if authored else work.entry.title


def _note_for(citation: CitationRecord, work: _Work, name_fit: str, year_fit: str) -> str:
    """What differs between the citation and the entry, in words a student can check."""
    parts = []
    if name_fit == "listed":
        parts.append(f"authors written '{citation.authors}'; the entry has '{_shown(work)}' (a listed variant)")
    elif name_fit == "close":
        parts.append(f"authors written '{citation.authors}'; closest entry '{_shown(work)}' (similar spelling)")
    elif name_fit == "form":
        parts.append(
            f"authors written '{citation.authors}'; the entry has '{_shown(work)}' (first author in another form)"
        )
    elif name_fit == "later":
        parts.append(f"authors written '{citation.authors}'; the entry has '{_shown(work)}' (a later author only)")
    elif name_fit == "first":
        parts.append(f"authors written '{citation.authors}'; the entry has '{_shown(work)}' (the first author only)")
    if year_fit == "listed":
        parts.append(f"year written {citation.year}; the entry has {work.year} (a listed year variant)")
    elif year_fit == "differs":
        parts.append(f"year written {citation.year}; the entry has {work.year}")
    elif year_fit == "absent":
        parts.append("no year written; matched by " + ("names alone" if work.names.families else "title"))
    date, entry_date = cited_date(citation), work.entry.fields.get("date", "")
    if date and entry_date and not dates_agree(date, entry_date):
        parts.append(f"date written {date}; the entry has {entry_date}")
    return "; ".join(parts)


def _status(name_fit: str, year_fit: str, note: str) -> str:
    if name_fit == "exact" and year_fit in ("exact", "absent") and "date written" not in note:
        return "resolved"
    return "variant"


def _resolve_one(citation: CitationRecord, works: list[_Work]) -> ResolvedCitation:
    """Resolve one citation against the works its report cites (see the module docstring)."""
    names = cited_names(citation.authors)
    fits = [(w, nf, _year_fit(citation.year, w)) for w in works if (nf := _name_fit(names, w))]
    # The closest fits first: exact names before variants, the written year before a different one.
    for name_fits, year_fits in (
        (("exact",), ("exact",)),
        (("listed", "close", "form"), ("exact",)),
        (("first",), ("exact",)),
        (("later",), ("exact",)),
        (("exact",), ("listed", "absent")),
        (("listed", "close"), ("listed", "absent")),
        (("exact", "listed", "close"), ("differs",)),
    ):
        tier = [w for w, nf, yf in fits if nf in name_fits and yf in year_fits]
        if not tier:
            continue
        exact = [(w.entry.key, w.year) for w, nf, _ in fits if nf == "exact"]
        if year_fits == ("differs",) and (lettered := by_letter(citation.year, exact, [w.year for w, _, _ in fits])):
            return ResolvedCitation(citation, lettered[0], "variant", lettered[1])
        if (
            year_fits == ("differs",)
            and len({w.entry.key for w, nf, _ in fits if nf in ("exact", "listed", "close")}) > 1
        ):
            break  # another year of the same authors exists: do not guess which one was meant
        work = _best(citation, tier)
        if work is None:
            keys = ", ".join(sorted(w.entry.key for w in tier))
            return ResolvedCitation(citation, None, "unresolved", f"ambiguous: fits {keys} equally")
        name_fit, year_fit = next((nf, yf) for w, nf, yf in fits if w is work)
        note = _note_for(citation, work, name_fit, year_fit)
        return ResolvedCitation(citation, work.entry.key, _status(name_fit, year_fit, note), note)  # type: ignore[arg-type]
    year = f" {citation.year}" if citation.year else ""
    return ResolvedCitation(citation, None, "unresolved", f"no entry for {citation.authors}{year}")


#: The entries a report cites (``works_cited_in``), and one citation resolved against them by its names and year, no
#: markers, no ``ibid.`` (``resolve_one``): what a reference list's own resolution asks.
works_cited_in, resolve_one = _works, _resolve_one


def resolve_citations(
    citations: list[CitationRecord],
    entries: list[BibEntry],
    report_key: str,
    numbered: dict[int, str] | None = None,
) -> list[ResolvedCitation]:
    """Every citation of a report with its entry, in the same order; none is dropped but the title of a
    work read as a citation (:func:`~kg.resolve.names.a_title`).

    The outcome depends only on the names, year and note text written, so a work cited
    again in the same words is matched once and the outcome reused. ``numbered`` gives the key
    of each entry of a numbered reference list, for its markers.
    """
    works = _works(entries, report_key)
    families = author_families([w.entry for w in works])
    outcomes: dict[tuple[str, str, str], ResolvedCitation] = {}
    aliases = abbreviations(citations)
    trail = Trail()
    resolved: list[ResolvedCitation] = []
    for citation in citations:
        if citation.back:
            outcome = resolve_back(citation, trail)
        elif citation.form == "numbered" and citation.marker is not None and numbered and citation.marker in numbered:
            outcome = ResolvedCitation(citation, numbered[citation.marker], "resolved")
        elif citation.marker is not None and not citation.authors and not citation.endnote_text:
            note = f"no note or entry numbered {citation.marker} in the text"
            outcome = ResolvedCitation(citation, None, "unresolved", note)
        else:
            written = (citation.authors, citation.year, citation.endnote_text)
            if written not in outcomes:
                outcomes[written] = _by_names(citation, works, aliases)
            outcome = replace(outcomes[written], citation=citation)
            if a_title(citation, outcome, families):
                continue
        resolved.append(outcome)
        trail.add(outcome)
    return resolved


def _by_names(citation: CitationRecord, works: list[_Work], aliases: dict[str, str]) -> ResolvedCitation:
    """The citation matched by the names and year it writes, or by the name an abbreviation it writes stands for."""
    outcome = _resolve_one(citation, works)
    full = aliases.get(re.sub(r"^the\s+", "", citation.authors, flags=re.IGNORECASE))
    if outcome.key is None and full:  # "WHO (2019)" after "(World Health Organization [WHO], 2019)"
        named = _resolve_one(replace(citation, authors=full), works)
        if named.key:
            note = f"'{citation.authors}' is the abbreviation the text gives for {full}"
            outcome = replace(named, citation=citation, note="; ".join(n for n in (note, named.note) if n))
    for shorter, why in _names.shorter_names(citation.authors) if outcome.key is None else ():  # "Worten Levines"
        if (bare := _resolve_one(replace(citation, authors=shorter), works)).status == "resolved":
            return replace(bare, citation=citation, note=why)
    return outcome
