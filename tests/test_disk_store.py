"""The built graph's on-disk store (kg.store/): opened read-only at once, only while it is kg.nt's copy."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from kg.project.graph_store import STORE_FOLDER, open_read_only, write_store
from kg.store import open_store

NT = b"".join(
    f"<http://example.org/s{i}> <http://example.org/p> <http://example.org/o{i % 7}> .\n".encode() for i in range(500)
)


def _built(folder: Path, nt: bytes = NT) -> Path:
    """A build folder as write_outputs leaves it: kg.nt, then its store."""
    folder.mkdir(parents=True, exist_ok=True)
    temp = folder / ".kg.nt.tmp"
    temp.write_bytes(nt)
    os.replace(temp, folder / "kg.nt")
    write_store(folder, nt, lambda _: None)
    return folder


def test_a_built_store_is_opened_read_only_and_answers_in_the_query_workers(tmp_path):
    build = _built(tmp_path / "build")
    assert not list(build.glob(".kg.store.*.tmp"))
    store = open_store(build)
    try:
        assert "on disk" in store.description and store.triple_count() == 500
        for _ in range(3):  # each query in a forked worker that kept the store's files open
            rows = store.select("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p <http://example.org/o3> }").records()
            assert rows == [{"n": "71"}]
    finally:
        store.close()


def test_a_store_that_is_not_the_copy_of_kg_nt_is_not_used(tmp_path):
    build = _built(tmp_path / "build")
    other = NT + b"<http://example.org/x> <http://example.org/p> <http://example.org/y> .\n"
    temp = build / ".kg.nt.tmp"
    temp.write_bytes(other)
    os.replace(temp, build / "kg.nt")  # a newer kg.nt (a build killed before its store was written)
    assert open_read_only(build) is None
    store = open_store(build)
    try:
        assert "on disk" not in store.description and store.triple_count() == 501
    finally:
        store.close()


def test_a_new_build_replaces_the_store_whole(tmp_path):
    build = _built(tmp_path / "build")
    _built(build, NT[: NT.index(b"\n") + 1])
    reopened = open_read_only(build)
    assert reopened is not None and len(reopened) == 1
    assert sorted(p.name for p in build.iterdir() if "store" in p.name) == [f".{STORE_FOLDER}.previous", STORE_FOLDER]


@pytest.mark.slow
def test_kg_build_writes_the_store_of_its_graph(build_dir):
    store = open_store(build_dir)
    try:
        lines = (build_dir / "kg.nt").read_bytes().count(b"\n")
        assert "on disk" in store.description and store.triple_count() == lines
    finally:
        store.close()
