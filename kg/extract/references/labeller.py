"""The fields of one reference entry, labelled by a trained sequence labeller rather than by hand-written patterns.

A linear-chain CRF (python-crfsuite) labels every token of the entry as ``author``, ``editor``, ``year``,
``title``, ``container``, ``volume``, ``issue``, ``pages``, ``publisher``, ``place``, ``doi``, ``url``,
``number``, ``note`` or ``O`` (punctuation between fields). It was trained on public annotated reference
strings (GROBID's citation corpus, Apache-2.0, and AnyStyle's parser sets, BSD-2-Clause) by
``scripts/train_reference_model.py`` and ships as package data; ``benchmarks/reference_parser.py``
scores it on strings it was not trained on.

A field is a run of tokens with the same label, trimmed of the punctuation and brackets around it, and
is given as a span of the string it was read from (``text[start:end] == field.text``), so callers keep
exact offsets.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from importlib import resources

import pycrfsuite

from kg.extract.references.features import features, tokenise

MODEL_NAME = "reference-model.crfsuite"
_PAIRS = {"(": ")", "[": "]", "“": "”", "‘": "’", "«": "»"}
_CUE = re.compile(r"^(?:vols?\.?|volume|nos?\.?|nr\.?|issue|iss\.|n°|pp?\.?|pages?|s\.)\s*", re.IGNORECASE)


@dataclass(frozen=True)
class Field:
    """One labelled field: its label and where it stands in the entry."""

    label: str
    start: int
    end: int
    text: str


@cache
def _tagger() -> pycrfsuite.Tagger:
    """The model, opened once per process from the package's data."""
    tagger = pycrfsuite.Tagger()
    ref = resources.files("kg.extract.references").joinpath(MODEL_NAME)
    with resources.as_file(ref) as path:
        tagger.open(str(path))
    return tagger


def label_tokens(text: str) -> list[tuple[int, int, str]]:
    """Every token of ``text`` as ``(start, end, label)``."""
    tokens = tokenise(text)
    if not tokens:
        return []
    labels = _tagger().tag(features(text, tokens))
    return [(t.start, t.end, label) for t, label in zip(tokens, labels, strict=True)]


def _bridged(tokens: list[tuple[int, int, str]], text: str) -> list[tuple[int, int, str]]:
    """Punctuation labelled ``O`` between two tokens of one field belongs to it (``J. Am. Chem. Soc.``)."""
    out = list(tokens)
    i = 0
    while i < len(out):
        j = i
        while j < len(out) and out[j][2] == "O" and not text[out[j][0] : out[j][1]].isalnum():
            j += 1
        if i > 0 and j > i and j < len(out) and j - i <= 2 and out[i - 1][2] == out[j][2] != "O":
            out[i:j] = [(s, e, out[j][2]) for s, e, _ in out[i:j]]
        i = j + 1 if j > i else i + 1
    return out


def label_fields(text: str) -> list[Field]:
    """The fields of one reference entry, in the order they stand (a label may give several fields)."""
    return book_title(_runs(text), text)


#: ``In`` (``In:``) just before a field: what follows is where the work appeared.
_IN_BEFORE = re.compile(r"(?:^|[\s.,:;(])[Ii]n:?\s*$")


def book_title(fields: list[Field], text: str) -> list[Field]:
    """A container in an entry with no title, no volume, issue or pages and no ``In`` before it
    (``Smith, J. (2019). Harbours of the North. Oslo: Nord.``) is the work's own title: a book. The labeller
    decides each token from its neighbours, and a book's title looks like a chapter's book; that an entry
    names its work is a fact about the whole entry, which only the whole sequence shows. The entry reader
    applies the same rule again after its repairs (:func:`.entry.parse_entry`), which can leave a container alone.
    (Editors after the names do not keep the container: a chapter's book follows its editors and ``In``, and
    held-out strings read better without that condition.)"""
    labels = {f.label for f in fields}
    if "container" not in labels or labels & {"title", "volume", "issue", "pages"}:
        return fields
    container = next(f for f in fields if f.label == "container")
    if _IN_BEFORE.search(text[: container.start]):
        return fields
    return [Field("title", f.start, f.end, f.text) if f is container else f for f in fields]


def _runs(text: str) -> list[Field]:
    """The runs of tokens with one label, trimmed: the fields as the model labels them."""
    out: list[Field] = []
    run: list[tuple[int, int, str]] = []
    for token in [*_bridged(label_tokens(text), text), (len(text), len(text), "")]:
        if run and token[2] != run[0][2]:
            label = run[0][2]
            if label != "O":
                s, e = trim(text, run[0][0], run[-1][1], cue=label in ("volume", "issue", "pages"))
                if s < e:
                    out.append(Field(label, s, e, text[s:e]))
            run = []
        run.append(token)
    return out


def trim(text: str, s: int, e: int, cue: bool = False) -> tuple[int, int]:
    """``text[s:e]`` without boundary punctuation, unmatched or enclosing brackets and quotes (and, with ``cue``,
    a leading ``Vol.``, ``no.``, ``pp.``): the field's content."""
    while s < e:
        seg = text[s:e]
        first, last = seg[0], seg[-1]
        if first in " ,.;:" or first in _PAIRS.values():
            s += 1
        elif last in " ,.;:" or last in _PAIRS:
            e -= 1
        elif first in _PAIRS and _PAIRS[first] not in seg:
            s += 1
        elif last in _PAIRS.values() and not any(o in seg for o, c in _PAIRS.items() if c == last):
            e -= 1
        elif first in _PAIRS and last == _PAIRS[first] and len(seg) > 1 and seg[1:-1].count(first) == 0:
            s, e = s + 1, e - 1
        elif first == '"' and last == '"' and len(seg) > 1:
            s, e = s + 1, e - 1
        elif first == '"' and seg.count('"') == 1:
            s += 1
        elif last == '"' and seg.count('"') == 1:
            e -= 1
        elif cue and (m := _CUE.match(seg)) and m.end() < len(seg):
            s += m.end()
        else:
            break
    return s, e
