"""BibTeX in and out with bibtexparser 2: every entry kept, every problem named with file and line.

bibtexparser reports unparsable blocks and duplicate keys as "failed blocks" instead of
raising; a bibliography that silently lost an entry would silently lose every citation
resolved to it, so any failed block is an error here.

Each entry is kept twice: ``raw``, the field values exactly as written (``{HIV}``, ``--``,
``\\&``, ``{\\'e}``), which is what :func:`to_bibtex` writes back, so a round trip loses
nothing; and ``fields``, the values as people read them, decoded by bibtexparser's LaTeX
middleware (pylatexenc). Names are split with bibtexparser's name middlewares (``and``
outside braces; a braced name is an organisation).
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path

import bibtexparser
from bibtexparser.library import Library
from bibtexparser.middlewares import LatexDecodingMiddleware
from bibtexparser.middlewares.enclosing import AddEnclosingMiddleware
from bibtexparser.middlewares.names import parse_single_name_into_parts, split_multiple_persons_names
from bibtexparser.model import Block, DuplicateBlockKeyBlock, Entry, Field
from bibtexparser.writer import BibtexFormat
from pylatexenc import latex2text

from kg.errors import InputError
from kg.kinds import WORK_KINDS
from kg.records import BibEntry
from kg.sources.bibtex_pieces import PIECE, pieces

#: What an entry without a ``kind`` field is taken to be, by its BibTeX or biblatex type (as Zotero,
#: JabRef and biblatex write them). ``@misc`` depends on its fields (:func:`kind_of`).
KIND_BY_ENTRY_TYPE: dict[str, str] = {
    "article": "journal-article",
    "techreport": "report",
    "report": "report",
    "manual": "report",
    "standard": "report",
    "book": "book",
    "mvbook": "book",
    "booklet": "book",
    "collection": "book",
    "mvcollection": "book",
    "inbook": "chapter",
    "incollection": "chapter",
    "bookinbook": "chapter",
    "suppbook": "chapter",
    "phdthesis": "thesis",
    "mastersthesis": "thesis",
    "thesis": "thesis",
    "inproceedings": "conference-paper",
    "conference": "conference-paper",
    "proceedings": "conference-paper",
    "online": "web-page",
    "electronic": "web-page",
    "www": "web-page",
    "dataset": "data-set",
    "unpublished": "manuscript",
    "legislation": "law",
    "legal": "law",
    "jurisdiction": "court-case",
}

#: biblatex's ``entrysubtype`` of an ``@article`` that is not in a journal.
_ARTICLE_SUBTYPES = {"newspaper": "news-item", "magazine": "news-item"}


def kind_of(entry_type: str, fields: dict[str, str]) -> str:
    """The kind a standard entry type (and, for ``@misc`` and ``@article``, its fields) says a work is.

    ``@misc`` with a ``url``, or with a ``howpublished`` that gives one, is a web page; any other
    ``@misc`` is a work of another kind (``other``), since Zotero writes interviews, podcasts and
    software as ``@misc``. Never empty.
    """
    entry_type = entry_type.lower()
    if entry_type == "misc":
        how = fields.get("howpublished", "")
        return "web-page" if fields.get("url", "").strip() or re.search(r"\\url|https?://|www\.", how) else "other"
    if entry_type == "article" and fields.get("entrysubtype", "").strip().lower() in _ARTICLE_SUBTYPES:
        return _ARTICLE_SUBTYPES[fields["entrysubtype"].strip().lower()]
    return KIND_BY_ENTRY_TYPE.get(entry_type, "other")


#: Fields BibTeX and biblatex read verbatim: never LaTeX-decoded.
VERBATIM_FIELDS = frozenset({"url", "doi", "file", "sha256", "eprint"})


def _decoder() -> latex2text.LatexNodes2Text:
    """pylatexenc's decoder as bibtexparser configures it, reading a bare ``&`` as the character.

    LaTeX would take a bare ``&`` for a table's column separator and pylatexenc drops it, but in
    a bibliography it always means "and" (``Makin & Brye``).
    """
    context = latex2text.get_default_latex_context_db()
    context.add_context_category(
        "evidence-kg",
        prepend=True,
        macros=[latex2text.MacroTextSpec("url", simplify_repl="%s")],
        specials=[latex2text.SpecialsTextSpec("&", "&")],
    )
    return latex2text.LatexNodes2Text(latex_context=context, keep_braced_groups=False, math_mode="verbatim")


_LATEX = _decoder()
_DECODE = LatexDecodingMiddleware(decoder=_LATEX)


@lru_cache(maxsize=8192)
def plain(value: str) -> str:
    """A value as people read it: LaTeX decoded, protective braces gone, whitespace folded.

    A long value is decoded in pieces (:mod:`kg.sources.bibtex_pieces`): pylatexenc's cost grows with
    the square of a run's length, the pieces' with the value's. The same values (a book's 200 entries)
    are decoded by the extraction, the graph and the read side, so the answers are kept.
    """
    parts = pieces(value) if len(value) > 2 * PIECE else [value]
    if len(parts) > 1:
        try:
            return " ".join("".join(_LATEX.latex_to_text(part) for part in parts).split())
        except Exception:  # noqa: BLE001 - as the middleware does, the whole value decides below
            pass
    text, _error = _DECODE._transform_python_value_string(value)
    return " ".join(text.split())


def _entry_kind(entry: Entry, file: str, line: int) -> str:
    """The entry's ``kind`` field when it has one (an override), else what its type says."""
    explicit = entry.fields_dict.get("kind")
    if explicit is None:
        return kind_of(entry.entry_type, {f.key.lower(): str(f.value) for f in entry.fields})
    kind = str(explicit.value).strip()
    if kind not in WORK_KINDS:
        raise InputError(
            file,
            line,
            f"entry '{entry.key}' has unknown kind '{kind}'; expected one of: {', '.join(sorted(WORK_KINDS))}",
        )
    return kind


#: Name particles that begin a family name even when capitalised ("Van der Berg", "De Souza").
_PARTICLES = frozenset("van von der den de di du da dos del della la le ter ten".split())


def family_name(name: str) -> str:
    """The family name of one BibTeX name: its ``von`` and last parts (``de Heredia``, ``boyd``)."""
    return name_parts(name)[1]


def name_parts(name: str) -> tuple[str, str, str]:
    """One BibTeX name as ``(given, family, suffix)``, read for people; ``family`` holds the ``von`` part.

    bibtexparser puts a leading lower-case word of a name written without a comma into the
    first name (``de Heredia`` -> first ``de``); BibTeX itself reads it as the ``von`` part.
    """
    if name.strip() == "others":
        return "", "others", ""
    try:
        parts = parse_single_name_into_parts(name, strict=False)
    except ValueError:
        return "", plain(name), ""
    von, first = list(parts.von), list(parts.first)
    if "," not in name and first and all(word[:1].islower() or word.lower() in _PARTICLES for word in first):
        von, first = first + von, []  # "de Heredia", "Van der Berg": a surname-only name with its particles
    family = plain(" ".join([*von, *parts.last])) or plain(name)
    return plain(" ".join(first)), family, plain(" ".join(parts.jr))


def _names(entry: dict[str, str]) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Each author (or the organisation) as written, and their family names."""
    if entry.get("author", "").strip():
        names = split_multiple_persons_names(entry["author"])
        return tuple(plain(n) for n in names), tuple(family_name(n) for n in names)
    if entry.get("organization", "").strip():  # an organisation is one name, "and" included
        return (plain(entry["organization"]),), (plain(entry["organization"]),)
    return (), ()


def _field_value(key: str, raw: str) -> str:
    """A field for people; names are split into persons from the raw value (``authors``), never from this."""
    return " ".join(raw.split()) if key in VERBATIM_FIELDS else plain(raw)


def parse_bibtex(text: str, file: str) -> list[BibEntry]:
    """Parse BibTeX text; raise :class:`InputError` on the first failed block."""
    logging.getLogger("bibtexparser").setLevel(logging.CRITICAL)  # failed blocks are raised below instead
    library = bibtexparser.parse_string(text)
    for block in library.failed_blocks:
        line = (block.start_line or 0) + 1
        if isinstance(block, DuplicateBlockKeyBlock):
            raise InputError(file, line, f"duplicate key '{block.key}': every entry needs its own key")
        text_of_block = (block.raw or "").strip()
        first = text_of_block.splitlines()[0] if text_of_block else ""
        raise InputError(file, line, f"cannot parse this entry (unclosed brace or quote?): {first[:80]}")
    entries = []
    for entry in library.entries:
        line = (entry.start_line or 0) + 1
        raw = {f.key.lower(): str(f.value) for f in entry.fields}
        entries.append(make_entry(entry.key, entry.entry_type, _entry_kind(entry, file, line), raw, file, line))
    return entries


def make_entry(key: str, entry_type: str, kind: str, raw: dict[str, str], file: str, line: int) -> BibEntry:
    """A :class:`BibEntry` from its fields as written: read for people, names split (the one way entries are made)."""
    authors, families = _names(raw)
    return BibEntry(
        key=key,
        entry_type=entry_type.lower(),
        kind=kind,
        fields={name: _field_value(name, value) for name, value in raw.items()},
        file=file,
        line=line,
        raw=dict(raw),
        authors=authors,
        family_names=families,
    )


def load_bibtex(path: Path, shown_as: str | None = None) -> list[BibEntry]:
    """Load one ``.bib`` file; errors name ``shown_as`` (a path relative to the project)."""
    name = shown_as or str(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError as exc:
        raise InputError(name, 0, "file not found") from exc
    except UnicodeDecodeError as exc:
        raise InputError(name, 0, f"not UTF-8 text: {exc}") from exc
    return parse_bibtex(text, name)


#: How the tool writes BibTeX: two-space indent, one field a line, a comma after every field.
_FORMAT = BibtexFormat()
_FORMAT.indent = "  "
_FORMAT.trailing_comma = True
_FORMAT.block_separator = "\n"


def to_bibtex(
    entries: Iterable[BibEntry], *, extra: dict[str, str] | None = None, skip: Iterable[str] = (), sort: bool = True
) -> str:
    """BibTeX text for entries, each field exactly as it was written (``extra`` fields added to each).

    The values are the raw ones, so ``{HIV}``, ``--``, ``\\&`` and accents survive a round trip.
    """
    skipped = set(skip)
    blocks: list[Block] = []
    for entry in sorted(entries, key=lambda e: e.key) if sort else entries:
        values = {**entry.raw, **(extra or {})}
        fields = [Field(name, value) for name, value in values.items() if name not in skipped]
        blocks.append(Entry(entry.entry_type, entry.key, fields))
    library = Library(blocks)
    enclose = AddEnclosingMiddleware(default_enclosing="{", reuse_previous_enclosing=False, enclose_integers=True)
    return bibtexparser.write_string(library, unparse_stack=[enclose], bibtex_format=_FORMAT)
