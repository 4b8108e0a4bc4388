"""``kg add`` over every real PDF at hand: never a traceback; each one added (exit 0) or refused in one line (exit 2).

The PDFs are made by others and are not in the repository: put them (or links to them) in
``$KG_REAL_CORPUS`` (default ``.cache/real-corpus/``). Without them the test is skipped.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from kg.project.init import init_project

ROOT = Path(__file__).resolve().parent.parent
CORPUS = Path(os.environ.get("KG_REAL_CORPUS", ROOT / ".cache" / "real-corpus"))
PDFS = sorted(CORPUS.rglob("*.pdf")) if CORPUS.is_dir() else []
#: The fast tier (``-m "not slow"``) reads the PDFs up to this size, articles of a few pages; a larger one (a book,
#: a long government report) is read by the full suite only, as the one ``kg`` process it takes costs many seconds.
FAST_BYTES = 300_000
CASES = [pytest.param(p, marks=[pytest.mark.slow] if p.stat().st_size > FAST_BYTES else []) for p in PDFS]


@pytest.mark.skipif(not PDFS, reason=f"no real PDFs in {CORPUS} (set KG_REAL_CORPUS to a folder of PDFs)")
@pytest.mark.parametrize("pdf", CASES, ids=[p.name for p in PDFS])
def test_kg_add_never_ends_in_a_traceback(tmp_path, pdf):
    paths = init_project(tmp_path / "project")
    run = subprocess.run(
        [sys.executable, "-m", "kg", "--project", str(paths.root), "add", str(pdf), "--id", "real"],
        capture_output=True,
        text=True,
        timeout=300,
        cwd=ROOT,
    )
    assert "Traceback" not in run.stderr, run.stderr[-2000:]
    assert run.returncode in (0, 2), run.stderr[-2000:]
    if run.returncode == 2:  # refused in one line (after what was read, when it was the report that was wanting)
        errors = [line for line in run.stderr.splitlines() if line.startswith("error: ")]
        assert len(errors) == 1 and run.stderr.strip().splitlines()[-1] == errors[0], run.stderr
    else:
        text = (paths.corpus / "real.txt").read_text(encoding="utf-8")
        assert text and not any(0xD800 <= ord(ch) < 0xE000 for ch in text)
