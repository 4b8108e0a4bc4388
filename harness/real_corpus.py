"""The real-document corpus: the manifests under ``tests/fixtures/real/*/document.yaml``, read into
typed records, and where their PDFs are gathered.

The PDFs are other people's public documents, never committed: ``scripts/real_corpus.py`` gathers
them into :func:`corpus_folder` (checked against each manifest's sha256). Tests and benchmarks import
this module to find the documents and their hand-checked expected facts; ``tests/fixtures/real/
README.md`` describes the schema. A manifest that breaks the schema raises :class:`ManifestError`
carrying ``file:line: what is wrong``, so the script can print one line and exit 2.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from harness.real_corpus_records import (
    Citation,
    Document,
    Figure,
    ManifestError,
    Metadata,
    NotFigure,
    Organisation,
    Reference,
    Source,
)
from harness.real_corpus_yaml import load_document

__all__ = [
    "Citation",
    "Document",
    "Figure",
    "ManifestError",
    "Metadata",
    "NotFigure",
    "Organisation",
    "Reference",
    "Source",
    "corpus_folder",
    "load_document",
    "load_manifest",
    "normalise",
    "page_texts",
    "pdf_path",
]

ROOT = Path(__file__).resolve().parent.parent
MANIFESTS = ROOT / "tests" / "fixtures" / "real"


def corpus_folder() -> Path:
    """Where the gathered PDFs live: ``$KG_REAL_CORPUS``, else ``.cache/real-corpus/`` in the checkout."""
    env = os.environ.get("KG_REAL_CORPUS")
    return Path(env) if env else ROOT / ".cache" / "real-corpus"


def pdf_path(doc: Document) -> Path:
    return corpus_folder() / doc.filename


def load_manifest(folder: Path = MANIFESTS) -> list[Document]:
    """Every ``*/document.yaml`` under ``folder``, sorted by id; raises :class:`ManifestError`."""
    return [load_document(p) for p in sorted(folder.glob("*/document.yaml"))]


_LIGATURES = {"ﬀ": "ff", "ﬁ": "fi", "ﬂ": "fl", "ﬃ": "ffi", "ﬄ": "ffl", "ﬅ": "st", "ﬆ": "st"}
_SOFT = re.compile("[\ufffe\x02\u00ad]")
_LINE_HYPHEN = re.compile(r"(\w)-[ \t]*\r?\n\s*(?=[a-z])")
_SPACE = re.compile(r"\s+")


def normalise(text: str) -> str:
    """Text as the manifests quote it: ligatures spelt out, line-end hyphens joined (pdfium marks
    them as U+FFFE, pdftotext joins them itself), every run of whitespace one space."""
    for lig, plain in _LIGATURES.items():
        text = text.replace(lig, plain)
    text = _LINE_HYPHEN.sub(r"\1", _SOFT.sub("", text))
    return _SPACE.sub(" ", text).strip()


def page_texts(pdf: Path) -> list[str]:
    """Each page's text through pypdfium2, normalised (index 0 is page 1)."""
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(str(pdf))
    try:
        return [normalise(document[i].get_textpage().get_text_range()) for i in range(len(document))]
    finally:
        document.close()
