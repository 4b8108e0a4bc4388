"""The built graph as an on-disk Oxigraph store (``kg.store/`` beside ``kg.nt``), opened at once.

Loading ``kg.nt`` parses every triple again at each ``kg query`` (a cost that grows with the
graph); an Oxigraph store on disk (RocksDB) opens read-only without reading its triples. ``kg
build`` writes it after ``kg.nt`` (:func:`write_store`, called by :mod:`kg.pipeline.outputs`):
into a new folder, which is then renamed into place, so a reader sees the old store or the new
one, never half of one.

The store is used only while it is the store of the ``kg.nt`` beside it: the build records that
file's size, modification time and inode in ``kg.store/source`` (the file is renamed into place,
so a new build makes a new inode), and :func:`open_read_only` opens the store only when they still
match; otherwise (an older build, a ``kg.nt`` copied or edited by hand, no store at all) the reader
loads ``kg.nt`` as before. The store replaced by a build is kept as ``.kg.store.previous`` until
the next one, so that a reader that opened it just before the swap can still read its files.

Query workers are forked from the process that opened the store and close every descriptor they
do not need; :func:`descriptors_under` names the store's open files, which they keep.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Callable, Iterator
from itertools import islice
from pathlib import Path

import pyoxigraph as ox

STORE_FOLDER = "kg.store"
_DATA = "oxigraph"
_SOURCE = "source"
_PREVIOUS = f".{STORE_FOLDER}.previous"


def _stamp(graph_file: Path) -> str:
    """What identifies one written ``kg.nt``: size, modification time (ns) and inode."""
    info = graph_file.stat()
    return f"{info.st_size} {info.st_mtime_ns} {info.st_ino}\n"


#: Lines of N-Triples the bulk loader is given at a time: its memory grows with what one call
#: loads (some 650 MB for the 960,000 triples of 31 reports in one call), so a large graph is loaded
#: in parts (N-Triples lines stand alone; blank node labels keep their names across calls).
CHUNK_LINES = 200_000


def _chunks(path: Path) -> Iterator[bytes]:
    with path.open("rb") as handle:
        while chunk := b"".join(islice(handle, CHUNK_LINES)):
            yield chunk


def write_store(out_dir: Path, nt: bytes | Path, progress: Callable[[str], None]) -> Path:
    """Write ``nt`` (the graph just written as ``out_dir/kg.nt``: its bytes, or that file, which the
    bulk loader then reads as it goes) as ``out_dir/kg.store``, atomically."""
    for stale in out_dir.glob(f".{STORE_FOLDER}.*.tmp"):  # left by a killed build; we hold the build lock
        shutil.rmtree(stale, ignore_errors=True)
    temp = Path(tempfile.mkdtemp(prefix=f".{STORE_FOLDER}.", suffix=".tmp", dir=out_dir))
    try:
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(temp, 0o777 & ~umask)  # mkdtemp's folder is private; the build's outputs are shared
        store = ox.Store(str(temp / _DATA))
        if isinstance(nt, Path):
            for chunk in _chunks(nt):
                store.bulk_load(input=chunk, format=ox.RdfFormat.N_TRIPLES)
        else:
            store.bulk_load(input=nt, format=ox.RdfFormat.N_TRIPLES)
        store.optimize()
        store.flush()
        del store  # closes the database before it is moved
        (temp / _SOURCE).write_text(_stamp(out_dir / "kg.nt"), encoding="ascii")
        target = out_dir / STORE_FOLDER
        if target.exists():
            shutil.rmtree(out_dir / _PREVIOUS, ignore_errors=True)
            os.replace(target, out_dir / _PREVIOUS)
        os.replace(temp, target)
    finally:
        if temp.exists():
            shutil.rmtree(temp, ignore_errors=True)
    progress(f"      wrote {STORE_FOLDER}/ (the graph as an on-disk store, opened without parsing)")
    return target


def open_read_only(build_dir: Path) -> ox.Store | None:
    """The on-disk store of ``build_dir/kg.nt``, read-only; None when there is none or it is not that graph's."""
    folder = build_dir / STORE_FOLDER
    try:
        recorded = (folder / _SOURCE).read_text(encoding="ascii")
        if recorded != _stamp(build_dir / "kg.nt"):
            return None
        return ox.Store.read_only(str(folder / _DATA))
    except (OSError, ValueError):
        return None


def descriptors_under(folder: Path) -> tuple[int, ...]:
    """This process's open file descriptors on files inside ``folder`` (Linux: ``/proc/self/fd``)."""
    prefix = str(folder.resolve()) + os.sep
    found = []
    try:
        names = os.listdir("/proc/self/fd")
    except OSError:
        return ()
    for name in names:
        try:
            if os.readlink(f"/proc/self/fd/{name}").startswith(prefix):
                found.append(int(name))
        except OSError:  # closed meanwhile (the listing's own descriptor)
            continue
    return tuple(sorted(found))
