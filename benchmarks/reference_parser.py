#!/usr/bin/env python3
"""Field-level precision, recall and F1 of the reference parser on held-out annotated reference strings.

The strings are the held-out tenth (by a hash of the string; see ``scripts/reference_data.py``) of
GROBID's citation corpus (``kermitt2/grobid``, Apache-2.0) and AnyStyle's parser sets
(``inukshuk/anystyle``, BSD-2-Clause), which ``scripts/train_reference_model.py`` never trains on. The data
are not in this repository: give the git directories of local snapshots of the two repositories.

    python benchmarks/reference_parser.py --grobid /path/to/grobid.git --anystyle /path/to/anystyle.git

Three readers are scored on the same strings:

* ``labeller``: the shipped CRF model's fields as it labels them (:func:`label_fields`);
* ``entry``: :func:`parse_entry`, what the pipeline stores (the CRF's fields, the patterns' DOI, URL,
  number, date of access; authors read into names);
* ``patterns``: the hand-written pattern reader alone (:func:`parse_by_patterns`), the parser before the CRF.

A field counts as right when its value equals the annotated one after folding case and dropping all but
letters and digits (authors also without ``and``, ``&``, ``et al.``; a container without a leading ``In``; the year is
its four digits). For each
string and field: a right value is a true positive; a wrong value is a false positive and, when the
annotation gives the field, a false negative too; a missing value the annotation gives is a false negative.
"""

from __future__ import annotations

import argparse
import re
import sys
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

from reference_data import DataError, Labelled, read_all  # noqa: E402

from kg.extract.references.entry import parse_entry  # noqa: E402
from kg.extract.references.labeller import label_fields  # noqa: E402
from kg.extract.references.model import Entry  # noqa: E402
from kg.extract.references.patterns import parse_by_patterns  # noqa: E402

FIELDS = ("author", "year", "title", "container", "volume", "issue", "pages", "publisher", "place", "doi", "url")
MAIN = ("author", "year", "title", "container")
#: AnyStyle's "ugly" set: strings its authors found hard, and annotated loosely (an organisation tagged as a title,
#: a title running into the next field); the model is not trained on it, and it is scored apart as well.
NOISY = "anystyle/ugly"
_CONNECTORS = re.compile(r"\b(?:and|et\s+al|and\s+others)\b|&", re.IGNORECASE)
_IN = re.compile(r"^\s*in:?\s+", re.IGNORECASE)
_YEAR = re.compile(r"(?<!\d)(?:1[5-9]\d\d|20\d\d)(?!\d)")


def norm(field: str, value: str) -> str:
    """The value as it is compared (see the module docstring)."""
    if field == "year" and (m := _YEAR.search(value)):
        return m.group()
    if field == "author":
        value = _CONNECTORS.sub(" ", value)
    if field == "container":
        value = _IN.sub("", value)  # AnyStyle keeps "In" in a book's title, GROBID does not
    return "".join(ch for ch in value.casefold() if ch.isalnum())


def gold(item: Labelled) -> dict[str, str]:
    out: dict[str, list[str]] = {}
    for s, e, label in item.spans:
        out.setdefault(label, []).append(item.text[s:e])
    return {f: norm(f, " ".join(out.get(f, [])[:1] if f == "year" else out.get(f, []))) for f in FIELDS}


def by_labeller(text: str) -> dict[str, str]:
    out: dict[str, list[str]] = {}
    for field in label_fields(text):
        out.setdefault(field.label, []).append(field.text)
    return {f: norm(f, " ".join(out.get(f, [])[:1] if f == "year" else out.get(f, []))) for f in FIELDS}


def of_entry(entry: Entry) -> dict[str, str]:
    values = {f: getattr(entry, f) for f in FIELDS if f != "author"}
    values["author"] = " ".join(entry.authors.names)
    return {f: norm(f, v) for f, v in values.items()}


def score(items: list[Labelled], read: Callable[[str], dict[str, str]]) -> dict[str, tuple[float, float, float]]:
    tp: Counter[str] = Counter()
    fp: Counter[str] = Counter()
    fn: Counter[str] = Counter()
    for item in items:
        want, got = gold(item), read(item.text)
        for f in FIELDS:
            if got[f] and got[f] == want[f]:
                tp[f] += 1
                continue
            fp[f] += bool(got[f])
            fn[f] += bool(want[f])
    out = {}
    for f in FIELDS:
        p = tp[f] / (tp[f] + fp[f]) if tp[f] + fp[f] else 0.0
        r = tp[f] / (tp[f] + fn[f]) if tp[f] + fn[f] else 0.0
        out[f] = (p, r, 2 * p * r / (p + r) if p + r else 0.0)
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--grobid", help="git directory of a kermitt2/grobid snapshot")
    parser.add_argument("--anystyle", help="git directory of an inukshuk/anystyle snapshot")
    args = parser.parse_args(argv)
    if not args.grobid and not args.anystyle:
        parser.error("give --grobid, --anystyle or both")
    try:
        every = read_all(args.grobid, args.anystyle)
    except DataError as err:
        print(err, file=sys.stderr)
        return 2
    items = [item for item in every if item.held_out]
    sources = Counter(item.source for item in items)
    print(f"held-out strings: {len(items)} ({', '.join(f'{n} {s}' for s, n in sorted(sources.items()))})")
    readers: dict[str, Callable[[str], dict[str, str]]] = {
        "labeller": by_labeller,
        "entry": lambda text: of_entry(parse_entry(text)),
        "patterns": lambda text: of_entry(parse_by_patterns(text)),
    }
    results = {}
    for name, read in readers.items():
        started = time.monotonic()
        results[name] = score(items, read)
        print(f"{name}: {1000 * (time.monotonic() - started) / len(items):.2f} ms a string")
    table(results)
    print("\nF1 by source (labeller / entry / patterns):")
    for source in sorted(sources):
        part = [item for item in items if item.source == source]
        scores = {name: score(part, read) for name, read in readers.items()}
        cells = "  ".join(f"{f}={'/'.join(f'{scores[n][f][2]:.3f}' for n in readers)}" for f in MAIN)
        print(f"  {source:<15} {len(part):>4}  {cells}")
    clean = [item for item in items if item.source != NOISY]
    print(f"\nwithout {NOISY} ({len(clean)} strings):")
    table({name: score(clean, read) for name, read in readers.items()})
    return 0


def table(results: dict[str, dict[str, tuple[float, float, float]]]) -> None:
    print(f"\n{'field':<10}" + "".join(f"{name + ' P/R/F1':>24}" for name in results))
    for f in FIELDS:
        cells = "".join(f"{'/'.join(f'{x:.3f}' for x in results[name][f]):>24}" for name in results)
        print(f"{f:<10}{cells}")


if __name__ == "__main__":
    sys.exit(main())
