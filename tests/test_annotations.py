"""The curated layer: the real annotation files load, every anchor is the text's own
words, the counts the project promises hold, and bad input fails with file and line."""

from __future__ import annotations

import re
import shutil
from collections import Counter
from pathlib import Path

import pytest

from kg.errors import InputError
from kg.kinds import CLAIM_KINDS, FLAG_KINDS, RELATIONS
from kg.project import ProjectPaths
from kg.sources.annotations import Annotations, check_work_keys, load_annotations
from kg.sources.bibtex import load_bibtex
from kg.sources.text import find_quote, load_reports, sections, sentences

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def real() -> tuple[ProjectPaths, dict, Annotations]:
    paths = ProjectPaths.discover(ROOT)
    reports = load_reports(paths)
    return paths, {r.key: r for r in reports}, load_annotations(paths, reports)


def _copy(tmp_path: Path) -> ProjectPaths:
    """A writable copy of the inputs the loader reads."""
    for name in ("corpus", "bib", "annotations"):
        shutil.copytree(ROOT / name, tmp_path / name)
    return ProjectPaths.discover(tmp_path)


def _load(paths: ProjectPaths) -> Annotations:
    return load_annotations(paths, load_reports(paths))


def _line_of(path: Path, needle: str) -> int:
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if needle in line:
            return n
    raise AssertionError(f"{needle!r} not in {path}")


def _line_eq(path: Path, exact: str) -> int:
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if line == exact:
            return n
    raise AssertionError(f"{exact!r} not a line of {path}")


# --- the real files ----------------------------------------------------------------------------


def test_real_files_load(real):
    _, reports, ann = real
    assert {c.report for c in ann.claims} == set(reports)
    assert sorted(ann.files) == [
        "annotations/cross-report.yaml",
        "annotations/policing2020.yaml",
        "annotations/usc2012.yaml",
    ]


def test_every_anchor_is_the_texts_own_words(real):
    _, reports, ann = real
    spans = (
        [(c.span, c.quote) for c in ann.claims]
        + [(i.span, i.quote) for i in ann.interviews]
        + [(c.span, c.quote) for c in ann.chains]
        + [(s, q) for f in ann.flags for s, q in zip(f.spans, f.quotes, strict=True)]
    )
    for span, quote in spans:
        text = reports[span.report].text
        assert text[span.start : span.end] == quote
        assert quote == quote.strip() and quote
    for claim in ann.claims:  # the loader's anchor is find_quote's over the whole text
        text = reports[claim.report].text
        if text.count(claim.quote) == 1:
            found = find_quote(text, claim.quote)
            assert found is not None and (found.start, found.end) == (claim.span.start, claim.span.end)
    for study in ann.studies:
        assert study.anchor is not None
        assert reports[study.report].text[study.anchor.start : study.anchor.end].strip()


def test_quotes_match_what_the_curator_wrote(real):
    """The anchored text, whitespace folded, is exactly the quote in the YAML file."""
    paths, reports, ann = real
    import yaml

    for key in reports:
        data = yaml.safe_load((paths.annotations / f"{key}.yaml").read_text(encoding="utf-8"))
        written = {c["id"]: " ".join(c["quote"].split()) for c in data["claims"]}
        for claim in ann.claims:
            if claim.report == key:
                assert " ".join(claim.quote.split()) == written[claim.id]


@pytest.mark.parametrize("report", ["policing2020", "usc2012"])
def test_counts(real, report):
    _, _, ann = real
    claims = [c for c in ann.claims if c.report == report]
    assert len(claims) >= 35
    assert len([f for f in ann.flags if f.report == report]) >= 12
    assert len({c.id for c in claims}) == len(claims)
    assert [s for s in ann.studies if s.report == report and s.own]
    assert [i for i in ann.interviews if i.report == report]


def test_cross_report_pairs(real):
    _, _, ann = real
    assert len(ann.relations) >= 12
    assert {r.relation for r in ann.relations} <= RELATIONS
    for r in ann.relations:
        assert ann.claim(r.report_a, r.claim_a) and ann.claim(r.report_b, r.claim_b)
        assert r.rationale


@pytest.mark.parametrize("report", ["policing2020", "usc2012"])
def test_every_section_with_text_has_a_claim(real, report):
    _, reports, ann = real
    r = reports[report]
    with_text = {s.section for s in sentences(r) if not s.is_heading}
    covered = {c.section for c in ann.claims if c.report == report}
    assert with_text - covered == set()
    assert covered <= {s.title for s in sections(r)}


def test_every_claim_has_evidence_or_says_none(real):
    _, _, ann = real
    for c in ann.claims:
        assert c.kind in CLAIM_KINDS
        assert c.has_evidence != c.no_source, c.id


def test_references_resolve(real):
    _, _, ann = real
    interviews = {(i.report, i.id) for i in ann.interviews}
    studies = {(s.report, s.id) for s in ann.studies}
    for c in ann.claims:
        assert all((c.report, i) in interviews for i in c.interviews)
        assert all((c.report, s) in studies for s in c.studies)
    own = {(s.report, s.id) for s in ann.studies if s.own}
    assert all((i.report, i.study) in own for i in ann.interviews)


def test_usc2012_interviews_are_dated_by_their_endnote(real):
    _, reports, ann = real
    text = reports["usc2012"].text
    endnotes = dict(re.findall(r"^\[(\d+)\]\s+(.+)$", text, re.MULTILINE))
    for i in ann.interviews:
        if i.report != "usc2012" or i.endnote is None:
            continue
        note = endnotes[str(i.endnote)]
        m = re.match(r"Musto\. Personal communication, (\w+) (\d+), (\d{4})\.", note)
        if m:
            month = {"June": "06", "July": "07"}[m.group(1)]
            assert i.dated_by == f"musto_pc_{m.group(3)}_{month}_{int(m.group(2)):02d}"
        else:
            assert note.startswith("Musto. Field notes, 2012.") and i.dated_by == "musto_fieldnotes_2012"


def test_flag_kinds_and_quotes(real):
    _, _, ann = real
    for f in ann.flags:
        assert f.kind in FLAG_KINDS
        assert f.spans and f.rationale
    kinds = Counter(f.kind for f in ann.flags)
    for kind in (
        "date-conflict",
        "attribution-date-mismatch",
        "label-reversal",
        "count-conflict",
        "citation-variant",
        "no-source",
        "undated-source",
        "news-as-evidence",
        "personal-communication-as-evidence",
    ):
        assert kinds[kind], kind


def test_studies(real):
    _, reports, ann = real
    by_id = {(s.report, s.id): s for s in ann.studies}
    own2020 = by_id[("policing2020", "interviews2019")]
    assert own2020.own and own2020.sample_size == 13 and own2020.period == "spring 2019"
    posts = by_id[("usc2012", "la-posts")]
    assert posts.sample_size == 18429
    assert by_id[("usc2012", "le-interviews")].sample_size == 15
    for s in ann.studies:
        titles = {t.title for t in sections(reports[s.report])}
        assert set(s.sections) <= titles
        assert s.own or s.works


def test_work_keys_are_in_the_bibliography(real):
    paths, _, ann = real
    if not paths.references_bib.is_file():
        pytest.skip("bib/references.bib not written yet")
    keys = {e.key for e in load_bibtex(paths.references_bib, "bib/references.bib")}
    check_work_keys(ann, keys)


def test_check_work_keys_names_file_and_line(real):
    _, _, ann = real
    keys = ann.work_keys - {"heil2014"}
    with pytest.raises(InputError) as err:
        check_work_keys(ann, keys)
    first = next(w for w in ann.work_refs if w.key == "heil2014")
    assert err.value.file == first.location.file and err.value.line == first.location.line
    assert "heil2014" in err.value.message
    path = ROOT / first.location.file
    assert "heil2014" in path.read_text(encoding="utf-8").splitlines()[first.location.line - 1]


# --- bad input ----------------------------------------------------------------------------------


def _edit(path: Path, old: str, new: str, count: int = 1) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, count), encoding="utf-8")
