"""The real-document corpus's manifests are well formed, and, for each PDF gathered into the cache
(``python scripts/real_corpus.py``), every quoted string is really on the page the manifest names.

A document whose PDF is not in the cache is skipped by name, with the reason."""

from __future__ import annotations

import hashlib
import re
from functools import cache
from pathlib import Path

import pytest

from harness.real_corpus import (
    Citation,
    Document,
    Figure,
    ManifestError,
    NotFigure,
    load_manifest,
    normalise,
    page_texts,
    pdf_path,
)
from harness.real_text import loose

DOCS = load_manifest()
AT_LEAST = {"references": 20, "citations": 20, "figures": 15, "not_figures": 8, "organisations": 8}


def quoted(doc: Document) -> list[Citation | Figure | NotFigure]:
    """Everything the manifest quotes with a context on a page."""
    return [*doc.citations, *doc.figures, *doc.not_figures]


@cache
def texts(doc_id: str) -> list[str]:
    doc = next(d for d in DOCS if d.id == doc_id)
    return page_texts(pdf_path(doc))


@cache
def poppler_pages(doc_id: str) -> list[str]:
    """Each page as pdftotext reads it (empty when poppler-utils is not installed)."""
    import shutil
    import subprocess

    if shutil.which("pdftotext") is None:
        return []
    doc = next(d for d in DOCS if d.id == doc_id)
    out = subprocess.run(["pdftotext", str(pdf_path(doc)), "-"], capture_output=True, text=True, check=True).stdout
    return out.split("\f")


def test_there_are_documents() -> None:
    assert len(DOCS) >= 1
    assert {d.split for d in DOCS} <= {"dev", "heldout", "heldout2", "heldout3", "heldout4", "heldout5"}


@pytest.mark.parametrize("doc", DOCS, ids=lambda d: d.id)
def test_manifest_is_well_formed(doc: Document) -> None:
    for field, least in AT_LEAST.items():
        have = len(getattr(doc, field))
        if field == "organisations" and have < least:
            assert doc.notes and "organisation" in doc.notes, f"{doc.id}: {have} organisations and no note why"
            continue
        assert have >= least, f"{doc.id}: {have} {field}, want at least {least}"
    numbers = [r.n for r in doc.references]
    assert numbers == sorted(numbers), "references are in list order"
    assert 1 <= numbers[0] and numbers[-1] <= doc.list_size
    assert numbers[-1] > doc.list_size // 2, "the sample reaches the second half of the list"
    for page in [q.page for q in quoted(doc)] + [o.page for o in doc.organisations]:
        assert 1 <= page <= doc.pages, f"{doc.id}: page {page} of {doc.pages}"
    for item in quoted(doc):
        assert normalise(item.text) in normalise(item.context), f"{item.text!r} not in its context"
        assert 5 <= len(item.context.split()) <= 15 or len(item.context) >= 25, item.context


@pytest.mark.parametrize("doc", DOCS, ids=lambda d: d.id)
def test_quotes_are_in_the_pdf(doc: Document) -> None:
    path = pdf_path(doc)
    if not path.is_file():
        pytest.skip(f"{doc.id}: {path} is absent (gather it with python scripts/real_corpus.py)")
    assert hashlib.sha256(path.read_bytes()).hexdigest() == doc.sha256
    pages = texts(doc.id)
    assert len(pages) == doc.pages
    # The manifests were checked against pdftotext or PDFium, which differ in hyphens, quotes and spaces:
    # compared here in the loose form both agree on (letters and digits), on the page named.
    # A quote may be in either reader's text: pdftotext (poppler-utils, in the test command's apt line) where
    # the two order a chart's labels differently.
    folded = [loose(a) + "|" + loose(b) for a, b in zip(pages, poppler_pages(doc.id), strict=False)] or [
        loose(p) for p in pages
    ]
    opening = "".join(folded[:10])  # a book's title page is not page 1; a proof's margin numbers split its lines
    assert all(loose(word) in opening for word in doc.metadata.title.split()), "the title is not on its first ten pages"
    whole = "".join(folded)
    wrong = []
    for item in quoted(doc):
        if loose(item.context) not in folded[item.page - 1]:
            wrong.append(f"page {item.page}: {item.context!r}")
    for org in doc.organisations:
        if loose(org.name) not in folded[org.page - 1]:
            wrong.append(f"page {org.page}: organisation {org.name!r}")
    for ref in doc.references:
        if loose(ref.text[:60]) not in whole:  # a long note may run over a page foot and head
            wrong.append(f"reference {ref.n}: {ref.text[:60]!r}...")
    assert not wrong, f"{doc.id}: not found in the PDF's text:\n" + "\n".join(wrong)


def test_a_broken_manifest_names_its_line(tmp_path: Path) -> None:
    good = DOCS[0].manifest.read_text(encoding="utf-8")
    folder = tmp_path / DOCS[0].id
    folder.mkdir()
    bad = re.sub(r"^split: .*$", "split: training", good, flags=re.M)
    (folder / "document.yaml").write_text(bad, encoding="utf-8")
    line = next(i for i, text in enumerate(bad.splitlines(), 1) if text.startswith("split:"))
    with pytest.raises(ManifestError, match=rf"document\.yaml:{line}: split must be one of"):
        load_manifest(tmp_path)
    cited = good.replace("refers_to: [", "refers_to: [999, ", 1)
    (folder / "document.yaml").write_text(cited, encoding="utf-8")
    with pytest.raises(ManifestError, match=r"refers_to \[999\]: not among the listed references"):
        load_manifest(tmp_path)
