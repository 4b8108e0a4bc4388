"""Which field a word mostly stands in, learnt from the labeller's own training strings.

A linear-chain labeller decides each token from what is near it, so the first word of ``Developing an
adaptive management strategy ... . Transactions of the North American Wildlife ... Conference 58`` cannot
see that ``Transactions`` and ``Conference`` make the next sentence a container. The lexicon gives each
word the field it is annotated as in most of the training strings (``journal``, ``proceedings``, ``phys``
-> container; ``press``, ``verlag`` -> publisher; ``london`` -> place; ``edited``, ``eds`` -> editor), and
:mod:`.features` tells every token which of these fields the words of its piece of the entry point to.

It is built by ``scripts/train_reference_model.py`` from the strings the model is trained on (never from the
held-out ones) and ships beside the model, one ``word<TAB>field`` a line.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from functools import cache
from importlib import resources

LEXICON_NAME = "reference-lexicon.tsv"
#: A word must be seen this often, and in one field this share of the time, to be in the lexicon.
MIN_COUNT = 8
MIN_SHARE = 0.75
#: Fields whose words say something about the piece they stand in; a title's words are the language's.
FIELDS = frozenset({"author", "editor", "container", "publisher", "place", "note", "year", "volume", "pages"})


def key(word: str) -> str:
    """The form a word is looked up by: lower case, letters only (digits are not words here)."""
    return word.lower() if word.isalpha() and len(word) > 1 else ""


def build(strings: Iterable[list[tuple[str, str]]]) -> dict[str, str]:
    """The lexicon from labelled strings, each a list of ``(token, label)``."""
    counts: defaultdict[str, Counter[str]] = defaultdict(Counter)
    for tokens in strings:
        for word, label in tokens:
            if k := key(word):
                counts[k][label] += 1
    out = {}
    for word, by_label in counts.items():
        total = sum(by_label.values())
        label, n = by_label.most_common(1)[0]
        if total >= MIN_COUNT and n >= MIN_SHARE * total and label in FIELDS:
            out[word] = label
    return out


#: The file's first line: where its words come from (a line without a tab is not read as an entry).
HEADER = (
    "# word<TAB>field, built by scripts/train_reference_model.py from the annotated reference strings it trains on "
    "(GROBID's citation corpus, Apache-2.0; AnyStyle's parser sets, BSD-2-Clause)\n"
)


def dump(lexicon: dict[str, str]) -> str:
    return HEADER + "".join(f"{word}\t{label}\n" for word, label in sorted(lexicon.items()))


def parse(text: str) -> dict[str, str]:
    return dict(line.split("\t", 1) for line in text.splitlines() if "\t" in line and not line.startswith("#"))


@cache
def shipped() -> dict[str, str]:
    """The lexicon that ships with the model (empty if there is none, as before the model had one)."""
    ref = resources.files("kg.extract.references").joinpath(LEXICON_NAME)
    return parse(ref.read_text(encoding="utf-8")) if ref.is_file() else {}
