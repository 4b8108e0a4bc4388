"""The canned queries: one SPARQL file per question, read from the package and the project.

Each file starts with a comment header that the CLI and the app read::

    # title: Sources of a statistic
    # description: Every source a statistic rests on, directly or through a chain.
    # param: item iri  The statistic or claim

The package ships its queries (``queries/``, installed as ``kg.queries``); a project may add its own in
``queries/`` (a name both define is an error naming both files). Parameters are typed (iri,
string, integer) and bound by the engine, never pasted into the text.

A query a user runs once (``kg query FILE.rq``, ``kg query -``) needs no header (its title is then
its file's name) and may use the usual prefixes (``kg prefixes``) without declaring them: they are
declared before it, as the app's console does. A canned query declares its own and runs as written.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from kg.errors import QueryError
from kg.project import ProjectPaths, data
from kg.query.prefixes import PREFIX_MAP
from kg.query.reading import QUERY_FORMS, read_query

PARAM_TYPES = ("iri", "string", "integer")

_COMMENT = re.compile(r"#[^\n]*|<[^<>\s]*>")
_FORM = re.compile(r"\b(SELECT|ASK|CONSTRUCT|DESCRIBE)\b", re.IGNORECASE)


@dataclass(frozen=True)
class ParamSpec:
    name: str
    type: str
    description: str


@dataclass(frozen=True)
class QuerySpec:
    """One canned query: its name (the file stem), header and text."""

    name: str
    title: str
    description: str
    params: tuple[ParamSpec, ...]
    text: str
    path: Path
    columns: tuple[str, ...] = field(default=())
    prefix_lines: int = 0  #: lines of prefix declarations the reading put before the file's line 1

    @property
    def form(self) -> str:
        """SELECT, ASK, CONSTRUCT or DESCRIBE: the query's first keyword after its prologue."""
        body = _FORM.search(_COMMENT.sub(" ", self.text))
        return body.group(1).upper() if body else "SELECT"


def parse_header(text: str, path: Path, *, require_title: bool = True) -> tuple[str, str, tuple[ParamSpec, ...]]:
    title, description, params = "", "", []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.startswith("#"):
            if line.strip():
                break
            continue
        match = re.match(r"#\s*(title|description|param):\s*(.*)$", line)
        if not match:
            continue
        key, value = match.group(1), match.group(2).strip()
        if key == "title":
            title = value
        elif key == "description":
            description = (description + " " + value).strip()
        else:
            parts = value.split(None, 2)
            if len(parts) < 2 or parts[1] not in PARAM_TYPES:
                raise QueryError(f"{path}:{number}: '# param:' needs NAME TYPE DESCRIPTION, TYPE one of {PARAM_TYPES}")
            params.append(ParamSpec(parts[0], parts[1], parts[2] if len(parts) > 2 else ""))
    if not title and require_title:
        raise QueryError(f"{path}:1: the query has no '# title:' header line")
    return title or path.stem, description, tuple(params)


def read_spec(path: Path) -> QuerySpec:
    """A query file with its header read, not checked (the package's own files, checked by the tests)."""
    text = path.read_text(encoding="utf-8")
    title, description, params = parse_header(text, path)
    return QuerySpec(path.stem, title, description, params, text, path)


def load_query_file(path: Path, *, require_title: bool = True, usual_prefixes: bool = False) -> QuerySpec:
    """A query file read and checked: read-only, and every parameter one the engine can bind.

    ``usual_prefixes`` declares the usual prefixes before it (a user's own file, not a canned query).
    """
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise QueryError(f"{path}: cannot read the query: {exc.strerror or exc}") from exc
    return query_from_text(decoded(data, path), path, require_title=require_title, usual_prefixes=usual_prefixes)


def decoded(data: bytes, path: Path | str) -> str:
    """A query's bytes as text, or one line naming the first byte that is not UTF-8 and its offset.

    (Standard input read as text would turn such a byte into a lone surrogate, which the reader then
    reported as the character it is not.)"""
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise QueryError(
            f"{path}: not UTF-8 text: byte 0x{data[exc.start]:02x} at offset {exc.start:,} ({exc.reason})"
        ) from None


def query_from_text(text: str, path: Path, *, require_title: bool = False, usual_prefixes: bool = True) -> QuerySpec:
    """A query from its text (a file's, or standard input's as ``<stdin>``), its header read, checked.

    The usual prefixes are declared before it unless told otherwise; the engine runs exactly the
    text that was read.
    """
    title, description, params = parse_header(text, path, require_title=require_title)
    prefixes = PREFIX_MAP if usual_prefixes else None
    reading = read_query(text, where=str(path), prefixes=prefixes, forms=QUERY_FORMS)
    _check_params_projected(reading.text, params, path)
    return QuerySpec(
        path.stem or str(path), title, description, params, reading.text, path, prefix_lines=reading.prefix_lines
    )


def _check_params_projected(text: str, params: tuple[ParamSpec, ...], path: Path) -> None:
    """Engine-side substitution (SEP-0007) binds only variables the SELECT clause projects."""
    body = "\n".join(line for line in text.splitlines() if not line.lstrip().startswith("#"))
    if not re.search(r"\bSELECT\b", body, re.IGNORECASE) or re.search(r"^\s*CONSTRUCT\b", body, re.I | re.M):
        return  # a CONSTRUCT's parameters are bound as VALUES only
    match = re.search(r"\bSELECT\b(.*?)\bWHERE\b", body, re.IGNORECASE | re.DOTALL)
    projection = match.group(1) if match else ""
    for param in params:
        if not re.search(rf"\?{re.escape(param.name)}\b", projection) and "*" not in projection:
            raise QueryError(f"{path}: parameter ?{param.name} must appear in the SELECT clause to be bound")


def query_files(paths: ProjectPaths | None = None) -> dict[str, Path]:
    """Every canned query file by name: the package's, then the project's (a clash is an error)."""
    folders = paths.query_folders if paths is not None else [data.QUERIES]
    found: dict[str, Path] = {}
    for folder in folders:
        for path in sorted(folder.glob("*.rq")):
            if path.stem in found:
                raise QueryError(
                    f"{path}: a canned query named '{path.stem}' is already defined by {found[path.stem]}; rename one"
                )
            found[path.stem] = path
    return found


def load_registry(paths: ProjectPaths | Path | None = None) -> dict[str, QuerySpec]:
    """Every canned query, checked, by name: of the project (and the package), or of one folder."""
    if isinstance(paths, Path):
        files = {p.stem: p for p in sorted(paths.glob("*.rq"))}
    else:
        files = query_files(paths)
    return {name: load_query_file(path) for name, path in files.items()}


def list_specs(paths: ProjectPaths | None = None) -> dict[str, QuerySpec]:
    """Every canned query by name with its header read, none parsed (``kg queries``: a listing)."""
    return {name: read_spec(path) for name, path in query_files(paths).items()}


def find_spec(paths: ProjectPaths | None, name_or_path: str) -> QuerySpec:
    """One canned query by name, or a ``.rq`` file by path, read and checked: only that one is parsed.

    Parsing a query with rdflib's grammar takes ~0.1 s (and importing it 0.2 s); ``kg query`` used to
    check all 52 canned queries at every call to run one. The package's own queries are read as
    :func:`read_spec` reads them for the app, unchecked: the tests check every one of them
    (tests/test_query.py, tests/test_hostile_queries.py); a project's own are checked here.
    """
    files = query_files(paths)
    if name_or_path in files:
        path = files[name_or_path]
        return read_spec(path) if path.parent == data.QUERIES else load_query_file(path)
    return resolve_spec({}, name_or_path, known=files)


def resolve_spec(
    registry: Mapping[str, QuerySpec], name_or_path: str, *, known: Mapping[str, object] | None = None
) -> QuerySpec:
    """A canned query by name, or a ``.rq`` file by path; an unknown name suggests close ones."""
    if name_or_path in registry:
        return registry[name_or_path]
    path = Path(name_or_path)
    if path.is_dir():
        raise QueryError(
            f"{path}: is a folder, not a query; give a .rq file in it "
            "or a canned query's name (`kg queries` lists them)"
        )
    if path.is_file():
        return load_query_file(path, require_title=False, usual_prefixes=True)
    close = [n for n in (known if known is not None else registry) if n.startswith(name_or_path[:3])]
    hint = f" Did you mean: {', '.join(close)}?" if close else ""
    raise QueryError(f"unknown query '{name_or_path}'. Run `kg queries` to list them.{hint}")
