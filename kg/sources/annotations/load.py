"""Every annotations/*.yaml loaded and checked against the report texts and the bibliography's keys."""

from __future__ import annotations

from kg.errors import InputError
from kg.project import ProjectPaths
from kg.records import Report
from kg.sources.annotations import schema
from kg.sources.annotations.anchoring import ReportText
from kg.sources.annotations.cross import load_cross
from kg.sources.annotations.records import (
    Annotations,
    WorkRef,
)
from kg.sources.annotations.report_file import ReportFile, check_known_report
from kg.sources.annotations.yamlfile import Mapping, read_yaml


def load_annotations(paths: ProjectPaths, reports: list[Report]) -> Annotations:
    """Load and validate every ``annotations/*.yaml`` against the report texts.

    Report files (with ``report:``) are read first, then files with ``relations:``, whose
    claim ids must name claims of the report files. Raises :class:`InputError` on the
    first problem, naming the file and the line.
    """
    out = Annotations()
    by_key = {r.key: r for r in reports}
    files = sorted(paths.annotations.glob("*.yaml")) if paths.annotations.is_dir() else []
    loaded: list[tuple[str, Mapping]] = [(paths.relative(p), read_yaml(p, paths.relative(p))) for p in files]
    seen: dict[str, str] = {}
    cross = []
    for shown, data in loaded:
        if "report" in data:
            key = check_known_report(shown, data, dict(by_key), seen)
            model = schema.validate_file(schema.ReportFileModel, data, shown)
            ReportFile(shown, data, model, ReportText(by_key[key]), out).load()
            out.files.append(shown)
        elif "relations" in data:
            cross.append((shown, data))
        else:
            raise InputError(shown, 1, "an annotation file starts with 'report: <key>' or holds 'relations'")
    for shown, data in cross:
        load_cross(shown, data, schema.validate_file(schema.CrossFileModel, data, shown), out, set(by_key))
        out.files.append(shown)
    return out


def check_work_keys(annotations: Annotations, keys: set[str]) -> None:
    """Raise :class:`InputError` (file:line) for the first work key not among ``keys``."""
    for ref in annotations.work_refs:
        if ref.key not in keys:
            raise InputError(
                ref.location.file,
                ref.location.line,
                f"{ref.owner.replace(':', ' ', 1)}: unknown bibliography key '{ref.key}'",
            )


def unknown_work_keys(annotations: Annotations, keys: set[str]) -> list[WorkRef]:
    """Every use of a work key not among ``keys`` (for reports that list them all)."""
    return [ref for ref in annotations.work_refs if ref.key not in keys]
