"""The corpus texts are the shared sources, byte for byte, and stay so."""

from __future__ import annotations

import hashlib

import pytest

from tests.conftest import ROOT, SHARED_SOURCES


def _recorded_sums() -> dict[str, str]:
    sums = {}
    for line in (ROOT / "corpus" / "SHA256SUMS").read_text().splitlines():
        digest, name = line.split(None, 1)
        sums[name.strip().lstrip("*")] = digest
    return sums


def test_every_corpus_text_matches_its_recorded_checksum():
    sums = _recorded_sums()
    texts = sorted(p.name for p in (ROOT / "corpus").glob("*.txt"))
    assert texts and set(texts) <= set(sums)
    for name in texts:
        assert hashlib.sha256((ROOT / "corpus" / name).read_bytes()).hexdigest() == sums[name], name


@pytest.mark.skipif(not SHARED_SOURCES.is_dir(), reason="../shared/sources is not beside this checkout")
def test_corpus_texts_are_byte_identical_to_the_shared_sources():
    shared = sorted(SHARED_SOURCES.glob("*.txt"))
    assert len(shared) == 2
    for source in shared:
        copy = ROOT / "corpus" / source.name
        assert hashlib.sha256(copy.read_bytes()).hexdigest() == hashlib.sha256(source.read_bytes()).hexdigest()


def test_reports_bib_records_the_same_checksums(reports):
    sums = _recorded_sums()
    for report in reports.values():
        assert report.sha256 == sums[report.path.name]


def test_a_changed_text_is_refused_with_file_and_line(tmp_path):
    from kg.errors import InputError
    from kg.sources.text import load_reports
    from tests.conftest import copy_project

    paths = copy_project(tmp_path)
    text = paths.corpus / "000_1335e93bb43c705e.txt"
    text.write_bytes(text.read_bytes().replace(b"Backpage", b"Frontpage", 1))
    with pytest.raises(InputError) as info:
        load_reports(paths)
    assert info.value.file == "bib/reports.bib" and info.value.line > 0
    assert "must stay unchanged" in str(info.value)
