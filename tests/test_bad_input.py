"""Bad and hostile input, as a user meets it through ``kg``: one manifest, one parametrised test.

Each case breaks a copy of the project (or names a bad file, or a bad server) and runs one ``kg``
command. Every case must end with its exit code (2: an error the user can fix; 1: invalid data),
a one-line message that says what is wrong (with ``file:line`` where there is one), no traceback,
the previous build's outputs byte for byte as they were and no temporary file left, and, for
``kg add``, the project's corpus and bibliography unchanged. The exhaustive corpus of hostile
queries is ``test_hostile_queries.py``; the stores' limits are ``test_store_limits.py``.
"""

from __future__ import annotations

import os
import re
import shutil
import stat
from collections.abc import Callable, Iterator
from contextlib import ExitStack
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from harness.pdfs import PdfSpec, write_pdf, write_scanned_pdf
from harness.servers import HangingServer, StubHttpServer
from kg.cli import main
from kg.project import ProjectPaths
from tests.conftest import ROOT, copy_project


@dataclass
class Ctx:
    """One case's world: a copy of the project with a previous build, a scratch folder, its servers."""

    paths: ProjectPaths
    scratch: Path
    stack: ExitStack
    env: dict[str, str] = field(default_factory=dict)

    def edit(self, relative: str, old: str, new: str) -> str:
        """Replace ``old`` by ``new`` in a project file; return ``file:line`` of the new text."""
        path = self.paths.root / relative
        text = path.read_text(encoding="utf-8")
        assert old in text, (relative, old)
        text = text.replace(old, new, 1)
        path.write_text(text, encoding="utf-8")
        at = text.index(new) + len(new) - len(new.lstrip("\n"))  # the first line of the new text that is not empty
        return f"{relative}:{text[:at].count(chr(10)) + 1}"

    def line_of(self, relative: str, needle: str, nth: int = 1, exact: bool = False) -> str:
        """``file:line`` of the ``nth`` line of a project file that holds ``needle`` (or is it, if ``exact``)."""
        lines = (self.paths.root / relative).read_text(encoding="utf-8").splitlines()
        found = [n for n, line in enumerate(lines, start=1) if (line == needle if exact else needle in line)]
        return f"{relative}:{found[nth - 1]}"

    def append(self, relative: str, extra: str) -> str:
        """Append to a project file; return ``file:line`` of the first appended non-empty line."""
        path = self.paths.root / relative
        text = path.read_text(encoding="utf-8")
        path.write_text(text + extra, encoding="utf-8")
        offset = len(text) + len(extra) - len(extra.lstrip("\n"))
        return f"{relative}:{(text + extra)[:offset].count(chr(10)) + 1}"

    def file(self, name: str, data: bytes | str) -> str:
        path = self.scratch / name
        path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
        return str(path)

    def serve(self, server: object) -> str:
        return self.stack.enter_context(server).url  # type: ignore[arg-type,no-any-return]


Setup = Callable[[Ctx], str | None]


def _edits(relative: str, *pairs: tuple[str, str], at: str, nth: int = 1, exact: bool = False) -> Setup:
    """Replace each ``(old, new)`` in a project file; the error is expected on the ``nth`` line holding ``at``."""

    def setup(ctx: Ctx) -> str:
        for old, new in pairs:
            ctx.edit(relative, old, new)
        return ctx.line_of(relative, at, nth, exact)

    return setup


P20, U12, CROSS = "annotations/policing2020.yaml", "annotations/usc2012.yaml", "annotations/cross-report.yaml"
#: The note of flag clinton-2002 in P20: its text (four lines) and its source's address.
NOTE_TEXT = (
    "      text: >-\n"
    "        The Task Force was established by Executive Order 13257 of February 13, 2002, \"President's\n"
    '        Interagency Task Force to Monitor and Combat Trafficking in Persons", issued under the\n'
    "        Trafficking Victims Protection Act of 2000 (22 U.S.C. 7103) by Clinton's successor, George\n"
    "        W. Bush (Weekly Compilation of Presidential Documents, vol. 38, no. 7, pp. 231-232).\n"
)
NOTE_URL = "url: http://api.fdsys.gov/link?collection=cpd&doctype=executiveorder&docnum=13257&link-type=html"


@dataclass(frozen=True)
class Case:
    id: str
    argv: tuple[str, ...]  # "{x}" in an argument is replaced by what the setup returned
    code: int
    says: str
    setup: Setup = lambda ctx: None  # noqa: E731
    where: bool = False  # the setup returns "file:line", which the message must name


def _bib_unclosed(ctx: Ctx) -> str:
    return ctx.append("bib/references.bib", "\n@article{broken2020,\n  title = {No closing brace,\n")


def _bib_duplicate(ctx: Ctx) -> str:
    text = (ctx.paths.references_bib).read_text(encoding="utf-8")
    first = text[text.index("@") : text.index("\n}\n", text.index("@")) + 3]
    return ctx.append("bib/references.bib", "\n" + first)


def _quote_not_in_text(ctx: Ctx) -> str:
    return ctx.edit(
        "annotations/policing2020.yaml",
        "quote: There were 13 respondents in this study.",
        "quote: There were 14 respondents in this study.",
    )


def _yaml_broken(ctx: Ctx) -> str:
    return ctx.append("annotations/cross-report.yaml", "\n  - claim_a: [unclosed\n")


def _yaml_tag(ctx: Ctx) -> str:
    return ctx.append("annotations/cross-report.yaml", '\nextra: !!python/object/apply:os.system ["echo owned"]\n')


def _yaml_alias_bomb(ctx: Ctx) -> str:
    bomb = '\nlol: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\nlol2: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\n'
    return ctx.append("annotations/cross-report.yaml", bomb)


def _yaml_huge_integer(ctx: Ctx) -> str:
    return ctx.append("annotations/cross-report.yaml", "\nextra: " + "9" * 5000 + "\n")


def _yaml_unknown_field(ctx: Ctx) -> str:
    return ctx.edit("annotations/usc2012.yaml", "    role: vice detective\n", "    rank: vice detective\n")


def _gazetteer_syntax(ctx: Ctx) -> str:
    return ctx.append("gazetteer.ttl", '\nplat:broken a ekg:SocialNetwork ; skos:prefLabel "Broken@en .\n')


def _gazetteer_clash(ctx: Ctx) -> str:
    return ctx.append(
        "gazetteer.ttl", '\nplat:other a ekg:SocialNetwork, ekg:Platform ;\n    skos:prefLabel "Backpage"@en .\n'
    )


def _graph_file(name: str, data: str | bytes) -> Setup:
    return lambda ctx: ctx.file(name, data)


ENTITY_BOMB = (
    '<?xml version="1.0"?>\n<!DOCTYPE rdf:RDF [\n <!ENTITY a "aaaaaaaaaa">\n'
    + "".join(f' <!ENTITY {chr(98 + i)} "{("&" + chr(97 + i) + ";") * 10}">\n' for i in range(8))
    + ']>\n<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:ex="http://x/">\n'
    ' <rdf:Description rdf:about="http://x/a"><ex:p>&i;</ex:p></rdf:Description>\n</rdf:RDF>\n'
)


def _sparse(ctx: Ctx) -> str:
    path = ctx.scratch / "huge.txt"
    with path.open("wb") as handle:
        handle.write(b"A report. ")
        handle.truncate(11 * 1024 * 1024)  # 11 MB on paper, nothing on disk
    return str(path)


def _bib_for_add(ctx: Ctx) -> str:
    return ctx.file("new.bib", "@techreport{newreport,\n  title = {A new report},\n  year = {2024},\n}\n")


def _add(text: bytes | str, name: str = "report.txt") -> Setup:
    def setup(ctx: Ctx) -> str:
        _bib_for_add(ctx)
        return ctx.file(name, text)

    return setup


def _scanned_pdf(ctx: Ctx) -> str:
    return str(write_scanned_pdf(ctx.scratch / "scan.pdf"))


def _encrypted_pdf(ctx: Ctx) -> str:
    spec = PdfSpec("A Locked Report", "# Introduction\n\nThe figures are locked away (Smith, 2020).", encrypt="secret")
    return str(write_pdf(ctx.scratch / "locked.pdf", spec))


def _huge_pdf(ctx: Ctx) -> str:
    path = ctx.scratch / "huge.pdf"
    with path.open("wb") as handle:
        handle.write(b"%PDF-1.7\n")
        handle.truncate(51 * 1024 * 1024)  # 51 MB on paper, nothing on disk
    return str(path)


def _changed_page_map(ctx: Ctx) -> str:
    """A report read from a PDF whose page map was edited afterwards: the build refuses it."""
    spec = PdfSpec("A Paged Report", "# Introduction\n\nThe sellers returned (Smith, 2020).\n\n" * 3)
    assert (
        main(["--project", str(ctx.paths.root), "add", str(write_pdf(ctx.scratch / "p.pdf", spec)), "--id", "paged"])
        == 0
    )
    page_map = ctx.paths.corpus / "paged.pages.json"
    page_map.write_text(page_map.read_text(encoding="utf-8").replace('"pages": [', '"pages": [ '), encoding="utf-8")
    return ctx.line_of("bib/reports.bib", "@techreport{paged,")


def _broken_java(ctx: Ctx) -> str:
    script = ctx.scratch / "java"
    script.write_text("#!/bin/sh\necho 'Error: Could not create the Java Virtual Machine.' >&2\nexit 1\n")
    script.chmod(script.stat().st_mode | stat.S_IEXEC)
    ctx.env["KG_JAVA"] = str(script)
    return str(script)


def _hanging_java(ctx: Ctx) -> str:
    """A ``java`` on PATH that never answers (as a hung JVM looks to the tool), and a 2 s deadline."""
    folder = ctx.scratch / "bin"
    folder.mkdir(exist_ok=True)
    script = folder / "java"
    script.write_text("#!/bin/sh\nsleep 300\n")
    script.chmod(script.stat().st_mode | stat.S_IEXEC)
    ctx.env.update(KG_JAVA="", KG_REASONER_TIMEOUT="2", PATH=f"{folder}{os.pathsep}{os.environ.get('PATH', '')}")
    return "KG_REASONER_TIMEOUT"


def _no_java(ctx: Ctx) -> None:
    ctx.env["KG_JAVA"] = str(ctx.scratch / "no-such-java")


def _query_file(text: str) -> Setup:
    return lambda ctx: ctx.file("q.rq", text)


def _bytes_file(path: Path, data: bytes) -> str:
    path.write_bytes(data)
    return str(path)


BUILD = "{build}"
CASES = [
    # --- the project's own files ---------------------------------------------------------------
    Case("bibtex-unclosed-brace", ("build", "--quiet"), 2, "cannot parse this entry", _bib_unclosed, where=True),
    Case("bibtex-duplicate-key", ("validate", "--quiet"), 2, "duplicate key", _bib_duplicate),
    Case("annotation-quote-not-in-text", ("build", "--quiet"), 2, "quote not found", _quote_not_in_text, where=True),
    Case("annotation-malformed-yaml", ("build", "--quiet"), 2, "malformed YAML", _yaml_broken),
    Case("annotation-yaml-python-tag", ("build", "--quiet"), 2, "malformed YAML", _yaml_tag),
    Case("annotation-yaml-alias-bomb", ("build", "--quiet"), 2, "aliases (*name) are not allowed", _yaml_alias_bomb),
    Case(
        "annotation-yaml-integer-of-5000-digits",
        ("build", "--quiet"),
        2,
        "a number of 5,000 digits is too long to read",
        _yaml_huge_integer,
        where=True,
    ),
    Case(
        "annotation-ambiguous-quote",
        ("validate", "--quiet"),
        2,
        "occurs 2 times",
        _edits(
            U12,
            ('{quote: "Musto. Field notes, 2012.", occurrence: 2}', '"Musto. Field notes, 2012."'),
            at='- "Musto. Field notes, 2012."',
        ),
        where=True,
    ),
    Case(
        "annotation-unknown-section",
        ("validate", "--quiet"),
        2,
        "unknown section 'Method'",
        _edits(
            P20,
            ("    section: Methods\n    kind: limitation", "    section: Method\n    kind: limitation"),
            at="    section: Method",
            exact=True,
        ),
        where=True,
    ),
    Case(
        "annotation-section-without-the-quote",
        ("validate", "--quiet"),
        2,
        "the quote is in section 'Beyond Backpage'",
        _edits(
            U12,
            (
                "    section: Beyond Backpage\n    kind: background\n    evidence:\n      none: true",
                "    section: Mobile Phones\n    kind: background\n    evidence:\n      none: true",
            ),
            at="section: Mobile Phones",
        ),
        where=True,
    ),
    Case(
        "annotation-duplicate-id",
        ("validate", "--quiet"),
        2,
        "duplicate id 'ph-once'",
        _edits(U12, ("  - id: ph-multiple\n", "  - id: ph-once\n"), at="  - id: ph-once", nth=2),
        where=True,
    ),
    Case(
        "annotation-unknown-interview",
        ("validate", "--quiet"),
        2,
        "unknown interview 'whole-arenas'",
        _edits(
            P20,
            (
                "    kind: finding\n    evidence: {interviews: [whole-arena]}",
                "    kind: finding\n    evidence: {interviews: [whole-arenas]}",
            ),
            at="whole-arenas",
        ),
        where=True,
    ),
    Case(
        "annotation-unknown-claim-kind",
        ("validate", "--quiet"),
        2,
        "unknown kind 'fact'",
        _edits(
            P20,
            (
                "    kind: finding\n    evidence: {interviews: [whole-arena]}",
                "    kind: fact\n    evidence: {interviews: [whole-arena]}",
            ),
            at="kind: fact",
        ),
        where=True,
    ),
    Case(
        "annotation-no-evidence",
        ("validate", "--quiet"),
        2,
        "no evidence",
        _edits(U12, ("    evidence: {none: true}\n", "    evidence: {}\n"), at="    evidence: {}"),
        where=True,
    ),
    Case(
        "annotation-duplicate-yaml-key",
        ("validate", "--quiet"),
        2,
        "duplicate key 'quote'",
        _edits(
            P20,
            (
                "    quote: Qualitative studies are not generalizable.\n",
                "    quote: Qualitative studies are not generalizable.\n    quote: Qualitative studies.\n",
            ),
            at="    quote: Qualitative studies.",
        ),
        where=True,
    ),
    Case(
        "annotation-unknown-claim-in-relation",
        ("validate", "--quiet"),
        2,
        "unknown claim 'bp-foreign-site'",
        _edits(
            CROSS,
            ("  - claim_a: bp-foreign-sites\n", "  - claim_a: bp-foreign-site\n"),
            at="claim_a: bp-foreign-site\n"[:-1],
        ),
        where=True,
    ),
    Case(
        "annotation-two-claims-on-one-quote",
        ("validate", "--quiet"),
        2,
        "same quote as claim 'bp-unintended'",
        _edits(
            P20,
            (
                "    quote: Shutting down the site had unintended consequences.\n",
                "    quote: Perhaps most valuable is information sharing.\n",
            ),
            (
                "    section: Backpage and online classifieds\n    kind: finding\n    evidence: {interviews: [law-enf",
                "    section: Collaborative investigations\n    kind: finding\n    evidence: {interviews: [law-enf",
            ),
            at="    quote: Perhaps most valuable is information sharing.",
            nth=2,
        ),
        where=True,
    ),
    Case(
        "annotation-malformed-yaml-in-relations",
        ("validate", "--quiet"),
        2,
        "malformed YAML",
        _edits(CROSS, ("    relation: refines\n", "    relation: [refines\n"), at="relation: [refines"),
        where=False,
    ),
    Case(
        "annotation-unknown-bibliography-key",
        ("validate", "--quiet"),
        2,
        "unknown bibliography key 'heil2015x'",
        _edits(P20, ("heil2014", "heil2015x"), at="heil2015x"),
        where=True,
    ),
    Case("annotation-unknown-field", ("build", "--quiet"), 2, "unknown field 'rank'", _yaml_unknown_field, where=True),
    # --- a flag's sourced note (policing2020's clinton-2002 has one) ---
    Case(
        "annotation-note-missing-text",
        ("build", "--quiet"),
        2,
        "flag 'clinton-2002': note: missing 'text'",
        _edits(P20, (NOTE_TEXT, ""), at="      source:", exact=True),
        where=True,
    ),
    Case(
        "annotation-note-source-not-a-url",
        ("validate", "--quiet"),
        2,
        "'url' must be an http(s) address (https://...), found 'federalregister.gov/d/02-4071'",
        _edits(P20, (NOTE_URL, "url: federalregister.gov/d/02-4071"), at="url: federalregister.gov"),
        where=True,
    ),
    Case(
        "annotation-note-source-empty",
        ("validate", "--quiet"),
        2,
        "flag 'clinton-2002': note: a note's source needs 'url' (an http(s) address) or 'work'",
        _edits(P20, ("      source:\n        " + NOTE_URL, "      source: {}"), at="      source: {}", exact=True),
        where=True,
    ),
    Case(
        "annotation-note-unknown-bibliography-key",
        ("build", "--quiet"),
        2,
        "flag clinton-2002 note: unknown bibliography key 'eo13257'",
        _edits(P20, (NOTE_URL, NOTE_URL + "\n        work: eo13257"), at="work: eo13257"),
        where=True,
    ),
    Case("gazetteer-syntax-error", ("build", "--quiet"), 2, "Turtle syntax error", _gazetteer_syntax, where=True),
    Case("gazetteer-label-clash", ("build", "--quiet"), 2, "names both", _gazetteer_clash),
    Case("pagemap-changed", ("build", "--quiet"), 2, "differs from the checksum", _changed_page_map, where=True),
    # --- a graph given to kg validate ----------------------------------------------------------
    Case("graph-missing", ("validate", "--graph", "{x}"), 2, "file not found", lambda ctx: str(ctx.scratch / "x.nt")),
    Case("graph-is-a-folder", ("validate", "--graph", "{x}"), 2, "folder", lambda ctx: str(ctx.scratch)),
    Case("graph-unknown-format", ("validate", "--graph", "{x}"), 2, "RDF format", _graph_file("g.xyz", "x")),
    Case(
        "graph-broken-ntriples",
        ("validate", "--graph", "{x}"),
        2,
        ":2: N-Triples syntax error",
        _graph_file("g.nt", '<http://x/a> <http://x/b> <http://x/c> .\n<http://x/a> <http://x/b> "open .\n'),
    ),
    Case(
        "graph-not-utf8",
        ("validate", "--graph", "{x}"),
        2,
        "syntax error",
        _graph_file("g.ttl", b'<a> <b> "\xff\xfe" .'),
    ),
    Case(
        "graph-jsonld-remote-context",
        ("validate", "--graph", "{x}"),
        2,
        "remote context",
        _graph_file("g.jsonld", '{"@context": "http://127.0.0.1:9/ctx.jsonld", "@id": "http://x/a", "name": "b"}'),
    ),
    Case(
        "graph-jsonld-file-context",
        ("validate", "--graph", "{x}"),
        2,
        "remote context",
        _graph_file("g.jsonld", '{"@context": "file:///etc/passwd", "@id": "http://x/a", "name": "b"}'),
    ),
    Case(
        "graph-rdfxml-entity-bomb",
        ("validate", "--graph", "{x}"),
        2,
        "entity declarations",
        _graph_file("g.rdf", ENTITY_BOMB),
    ),
    Case(
        "graph-rdfxml-external-entity",
        ("validate", "--graph", "{x}"),
        2,
        "entity declarations",
        _graph_file(
            "e.rdf", '<?xml version="1.0"?>\n<!DOCTYPE r [ <!ENTITY x SYSTEM "file:///etc/passwd"> ]>\n<r>&x;</r>\n'
        ),
    ),
    # --- kg add ----------------------------------------------------------------------------------
    Case("add-empty-file", ("add", "{x}", "--bib", "{scratch}/new.bib", "--id", "newreport"), 2, "empty", _add("")),
    Case(
        "add-whitespace-only",
        ("add", "{x}", "--bib", "{scratch}/new.bib", "--id", "newreport"),
        2,
        "empty",
        _add("  \n\n\t "),
    ),
    Case(
        "add-damaged-pdf",
        ("add", "{x}", "--bib", "{scratch}/new.bib", "--id", "newreport"),
        2,
        "cannot read this PDF",
        _add(b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n", "report.pdf"),
    ),
    Case(
        "add-ascii-only-pdf",
        ("add", "{x}", "--bib", "{scratch}/new.bib", "--id", "newreport"),
        2,
        "cannot read this PDF",
        _add("%PDF-1.7\nthis is all ascii\n", "report.txt"),
    ),
    Case("add-scanned-pdf", ("add", "{x}", "--id", "newreport"), 2, "no text layer (a scan?): run OCR", _scanned_pdf),
    Case("add-encrypted-pdf", ("add", "{x}", "--id", "newreport"), 2, "encrypted and needs a password", _encrypted_pdf),
    Case(
        "add-pdf-over-the-size-limit", ("add", "{x}", "--id", "newreport"), 2, "a PDF may be at most 50 MB", _huge_pdf
    ),
    Case("add-empty-pdf-name", ("add", "{x}", "--id", "newreport"), 2, "empty", _add(b"", "report.pdf")),
    Case("add-bad-year", ("add", "{x}", "--id", "newreport", "--year", "24"), 2, "must be a year", _add("A report.")),
    Case(
        "add-unknown-kind", ("add", "{x}", "--id", "newreport", "--kind", "pamphlet"), 2, "invalid choice", _add("A.")
    ),
    Case("add-missing-file", ("add", "{scratch}/nothing.pdf", "--id", "newreport"), 2, "file not found"),
    Case(
        "add-word-file",
        ("add", "{x}", "--bib", "{scratch}/new.bib", "--id", "newreport"),
        2,
        "zip archive",
        _add(b"PK\x03\x04\x14\x00\x06\x00rest", "report.docx"),
    ),
    Case(
        "add-binary",
        ("add", "{x}", "--bib", "{scratch}/new.bib", "--id", "newreport"),
        2,
        "NUL bytes",
        _add(b"text\x00\x01\x02 more"),
    ),
    Case(
        "add-latin1",
        ("add", "{x}", "--bib", "{scratch}/new.bib", "--id", "newreport"),
        2,
        "must be UTF-8",
        _add("caf\xe9".encode("latin-1")),
    ),
    Case(
        "add-over-the-size-limit",
        ("add", "{x}", "--bib", "{scratch}/new.bib", "--id", "newreport"),
        2,
        "at most 10 MB",
        lambda ctx: (_bib_for_add(ctx), _sparse(ctx))[1],
    ),
    Case(
        "add-existing-id",
        ("add", "{x}", "--bib", "{scratch}/new.bib", "--id", "usc2012"),
        2,
        "already in the corpus",
        _add("A report."),
    ),
    Case(
        "add-bad-bibtex",
        ("add", "{x}", "--bib", "{scratch}/bad.bib", "--id", "newreport"),
        2,
        "cannot parse this entry",
        lambda ctx: (ctx.file("bad.bib", "@misc{newreport,\n title = {x\n"), ctx.file("r.txt", "A report."))[1],
    ),
    # --- the reasoner ------------------------------------------------------------------------------
    Case("build-without-java", ("build", "--quiet", "--reasoner", "hermit"), 2, "needs Java", _no_java),
    Case(
        "build-with-a-broken-java",
        ("build", "--quiet", "--reasoner", "hermit"),
        2,
        "Could not create the Java Virtual Machine",
        _broken_java,
    ),
    Case("validate-without-java", ("validate", "--quiet", "--reasoner", "hermit"), 2, "needs Java", _no_java),
    Case(
        "build-with-a-hanging-java",
        ("build", "--quiet", "--reasoner", "hermit"),
        2,
        "did not finish within 2 s",
        _hanging_java,
        where=True,
    ),
    # --- queries and options --------------------------------------------------------------------------
    Case("query-limit-zero", ("query", "reports", "--limit", "0", "--build", BUILD), 2, "must be at least 1"),
    Case("query-limit-negative", ("query", "reports", "--limit", "-1", "--build", BUILD), 2, "must be at least 1"),
    Case("query-timeout-zero", ("query", "reports", "--timeout", "0", "--build", BUILD), 2, "above 0"),
    Case("query-timeout-negative", ("query", "reports", "--timeout", "-1", "--build", BUILD), 2, "above 0"),
    Case("query-timeout-not-a-number", ("query", "reports", "--timeout", "nan", "--build", BUILD), 2, "above 0"),
    Case("query-unknown-name", ("query", "no-such-query", "--build", BUILD), 2, "unknown query 'no-such-query'"),
    Case("query-missing-parameter", ("query", "provenance", "--build", BUILD), 2, "needs --param item=VALUE"),
    Case(
        "query-parameter-without-value",
        ("query", "provenance", "--param", "item", "--build", BUILD),
        2,
        "--param takes NAME=VALUE",
    ),
    Case(
        "query-parameter-not-an-iri",
        ("query", "provenance", "--param", "item=not an iri", "--build", BUILD),
        2,
        "not a valid IRI",
    ),
    Case(
        "query-file-service-escape-bypass",
        ("query", "{x}", "--build", BUILD),
        2,
        "not allowed in a query",
        _query_file(
            '# title: t\nSELECT * WHERE { BIND(CONCAT("a\\u00000022, ") AS ?x) SERVICE <http://127.0.0.1:9/sparql> '
            '{ ?s ?p ?o } # ") AS ?y)\n}'
        ),
    ),
    Case(
        "query-file-update",
        ("query", "{x}", "--build", BUILD),
        2,
        "updates are refused",
        _query_file("# title: t\nDELETE WHERE { ?s ?p ?o }"),
    ),
    Case(
        "query-file-from",
        ("query", "{x}", "--build", BUILD),
        2,
        "FROM",
        _query_file("# title: t\nSELECT * FROM <http://example.org/g> WHERE { ?s ?p ?o }"),
    ),
    Case(
        "query-file-invalid",
        ("query", "{x}", "--build", BUILD),
        2,
        "line 3",
        _query_file("# title: t\nSELECT ?s\nWHERE { ?s ?p }"),
    ),
    Case(
        "query-parameter-injection",
        ("query", "provenance", "--param", "item=res:x> } ; DROP ALL ; <y", "--build", BUILD),
        2,
        "not a valid IRI",
    ),
    Case("query-unknown-parameter", ("query", "reports", "--param", "x=1", "--build", BUILD), 2, "has no parameter x"),
    # tried again (second session): settings a user can mistype; the first two crashed (OverflowError)
    Case(
        "query-answer-cap-infinite",
        ("query", "reports", "--build", BUILD),
        2,
        "KG_MAX_ANSWER_MB must be a number of megabytes up to",
        lambda ctx: ctx.env.update({"KG_MAX_ANSWER_MB": "inf"}) or None,
    ),
    Case(
        "query-answer-cap-past-a-float",
        ("query", "reports", "--build", BUILD),
        2,
        "KG_MAX_ANSWER_MB must be a number of megabytes up to",
        lambda ctx: ctx.env.update({"KG_MAX_ANSWER_MB": "1e400"}) or None,
    ),
    Case(  # was "the query needed more memory than the -5 MB a query may use"
        "query-memory-ceiling-negative",
        ("query", "reports", "--build", BUILD),
        2,
        "KG_QUERY_MEMORY_MB must be a number of megabytes from 64",
        lambda ctx: ctx.env.update({"KG_QUERY_MEMORY_MB": "-5"}) or None,
    ),
    Case(  # was "could not start a query worker process (wait status 17920)"
        "query-memory-ceiling-of-20-digits",
        ("query", "reports", "--build", BUILD),
        2,
        "KG_QUERY_MEMORY_MB must be a number of megabytes from 64",
        lambda ctx: ctx.env.update({"KG_QUERY_MEMORY_MB": "9" * 20}) or None,
    ),
    Case(
        "query-file-not-utf8",
        ("query", "{x}", "--build", BUILD),
        2,
        "not UTF-8 text",
        lambda ctx: _bytes_file(ctx.scratch / "bad.rq", b"SELECT * WHERE { ?s ?p \xff\xfe }\n"),
    ),
    Case("query-no-graph-built", ("query", "reports", "--build", "{scratch}/nothing"), 2, "run `kg build` first"),
    Case(
        "query-runaway-is-stopped-at-its-timeout",
        ("query", "{x}", "--timeout", "1", "--build", BUILD),
        2,
        "timed out after 1 s",
        _query_file("# title: t\nSELECT * WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i } ORDER BY ?c ?f ?i"),
    ),
    # --- remote endpoints ----------------------------------------------------------------------------------
    Case("endpoint-down", ("query", "reports", "--endpoint", "http://127.0.0.1:9/query"), 2, "cannot reach"),
    Case("endpoint-not-http", ("query", "reports", "--endpoint", "file:///etc/passwd"), 2, "http(s) URL"),
    Case(
        "endpoint-hangs",
        ("query", "reports", "--timeout", "1", "--endpoint", "{x}"),
        2,
        "did not answer",
        lambda ctx: ctx.serve(HangingServer()),
    ),
    Case(
        "endpoint-answers-html",
        ("query", "reports", "--endpoint", "{x}"),
        2,
        "instead of SPARQL JSON",
        lambda ctx: ctx.serve(StubHttpServer(200, b"<html>Welcome</html>", "text/html")),
    ),
    Case(
        "endpoint-partial-206",
        ("query", "reports", "--endpoint", "{x}"),
        2,
        "partial result",
        lambda ctx: ctx.serve(
            StubHttpServer(206, b'{"head":{"vars":[]},"results":{"bindings":[]}}', "application/sparql-results+json")
        ),
    ),
    Case(
        "endpoint-virtuoso-partial",
        ("query", "reports", "--endpoint", "{x}"),
        2,
        "incomplete results",
        lambda ctx: ctx.serve(
            StubHttpServer(
                200,
                b'{"head":{"vars":[]},"results":{"bindings":[]}}',
                "application/sparql-results+json",
                headers={"X-SQL-State": "S1TAT"},
            )
        ),
    ),
    # --- no project ----------------------------------------------------------------------------------------
    Case("no-project-here", ("build",), 2, "kg init", lambda ctx: ctx.env.update({"KG_HOME": ""}) or None),
    Case("init-a-folder-that-is-not-empty", ("init", "{x}"), 2, "not empty", lambda ctx: str(ctx.paths.root)),
]


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture()
def ctx(tmp_path, build_dir, monkeypatch) -> Iterator[Ctx]:
    paths = copy_project(tmp_path / "project")
    shutil.copytree(build_dir, paths.build)
    scratch = tmp_path / "scratch"
    scratch.mkdir()
    monkeypatch.chdir(tmp_path)
    with ExitStack() as stack:
        yield Ctx(paths, scratch, stack, {"KG_HOME": str(paths.root)})


def test_every_case_is_named_once():
    assert len({c.id for c in CASES}) == len(CASES)


#: Cases that start Java (the reasoner, missing or broken) or build with it: end to end, many seconds each.
SLOW_CASES = {"build-without-java", "build-with-a-broken-java", "validate-without-java"}


@pytest.mark.parametrize(
    "case", [pytest.param(c, marks=pytest.mark.slow) if c.id in SLOW_CASES else c for c in CASES], ids=lambda c: c.id
)
def test_bad_input_gives_one_clear_line_and_loses_nothing(case: Case, ctx: Ctx, capsys, monkeypatch):
    found = case.setup(ctx)
    for name, value in ctx.env.items():
        if value:
            monkeypatch.setenv(name, value)
        else:
            monkeypatch.delenv(name, raising=False)
    before_outputs = _snapshot(ctx.paths.build)
    before_inputs = {name: _snapshot(ctx.paths.root / name) for name in ("corpus", "bib", "annotations")}
    fill = {"{x}": found or "", "{scratch}": str(ctx.scratch), BUILD: str(ctx.paths.build)}
    argv = [_fill(arg, fill) for arg in case.argv]
    try:
        status = main(argv)
    except SystemExit as exit_:  # argparse refuses an option with its usage line and exit 2
        status = int(exit_.code or 0)
    err = capsys.readouterr().err
    assert status == case.code, err
    assert case.says in err, err
    assert "Traceback" not in err
    assert len([line for line in err.splitlines() if re.match(r"(kg[\w ]*: )?error: ", line)]) == 1, err
    if case.where:
        assert found and found in err, (found, err)
    assert _snapshot(ctx.paths.build) == before_outputs, "the previous outputs changed"
    assert not list(ctx.paths.build.glob(".*.tmp")), "a temporary file was left"
    for name, files in before_inputs.items():
        if case.argv[0] in ("add", "build", "validate", "query"):
            assert _snapshot(ctx.paths.root / name) == files, f"{name}/ changed"


def _fill(arg: str, fill: dict[str, str]) -> str:
    for key, value in fill.items():
        arg = arg.replace(key, value)
    return arg


def test_the_manifest_covers_every_kind_of_input():
    """One table for everything a user can hand the tool: a regression here is a missing kind of case."""
    commands = {c.argv[0] for c in CASES}
    assert {"build", "validate", "add", "query", "init"} <= commands
    prefixes = {c.id.split("-")[0] for c in CASES}
    assert {"bibtex", "annotation", "gazetteer", "graph", "add", "build", "query", "endpoint"} <= prefixes


def test_root_is_the_checkout():
    assert (ROOT / "bib" / "reports.bib").is_file() and os.path.isdir(ROOT / "kg")


#: Every kind of hostile or bad input seen so far, and where it is tested: this manifest's rows above, and the
#: tables and tests that need their own harness (a listener, worker processes, a browser session).
COVERED = [
    (
        "SERVICE hidden by a codepoint escape (and 124 other hostile queries)",
        "tests/test_hostile_queries.py",
        "test_hostile_query",
    ),
    (
        "the embedded store cannot federate at all (second line of defence)",
        "tests/test_store_limits.py",
        "test_a_service_clause_cannot_reach_the_network_from_a_worker",
    ),
    (
        "a runaway query stops at its timeout (embedded)",
        "tests/test_store_limits.py",
        "test_a_runaway_query_is_killed_at_its_timeout_and_the_store_answers_after",
    ),
    (
        "several runaway queries at once, then a normal one",
        "tests/test_store_limits.py",
        "test_four_runaways_at_once_time_out_and_a_normal_query_still_answers",
    ),
    (
        "runaway console queries from several app sessions",
        "tests/test_app.py",
        "test_several_sessions_sending_runaway_queries_leave_the_app_answering",
    ),
    (
        "a memory ceiling per query",
        "tests/test_store_limits.py",
        "test_a_query_past_the_memory_ceiling_stops_its_worker_only",
    ),
    (
        "a remote answer past the byte cap (gzip bomb)",
        "tests/test_store_limits.py",
        "test_a_gzip_bomb_stops_at_the_byte_cap_and_memory_stays_low",
    ),
    (
        "parsers never open another file or a socket",
        "tests/test_parsers_offline.py",
        "test_parsing_reaches_neither_the_network_nor_another_file",
    ),
    (
        "a killed or interrupted build, its java and temp files",
        "tests/test_build.py",
        "test_an_interrupted_build_stops_its_reasoner_and_removes_its_files",
    ),
    (
        "two builds at once",
        "tests/test_build.py",
        "test_two_builds_at_once_wait_for_each_other",
    ),
    (
        "build outputs' file mode",
        "tests/test_build.py",
        "test_outputs_have_the_usual_file_mode",
    ),
    (
        "a dead endpoint in the app",
        "tests/test_app.py",
        "test_a_dead_endpoint_is_one_readable_message_on_every_page",
    ),
    (
        "XSS in labels",
        "tests/test_app.py",
        "test_hostile_labels_are_plain_text_on_the_pages",
    ),
    (
        "injection through a parameter over the protocol",
        "tests/test_remote_store.py",
        "test_a_hostile_literal_parameter_is_bound_not_pasted",
    ),
    (
        "a trickling answer, truncated JSON, HTML with 200",
        "tests/test_remote_store.py",
        "test_an_answer_trickling_past_the_deadline_times_out",
    ),
    (
        "a PDF whose stream inflates past the memory ceiling, 20,000 pages, a dense page, a cyclic xref, a deadline",
        "tests/test_bad_input_intake.py",
        "test_a_hostile_pdf_is_refused_in_one_line_in_bounded_time_and_memory",
    ),
    (
        "a PDF's text past the total cap, checked as its pages are read",
        "tests/test_bad_input_intake.py",
        "test_the_total_text_cap_is_checked_as_pages_are_read",
    ),
    (
        "kg add run many times at once",
        "tests/test_bad_input_intake.py",
        "test_concurrent_adds_keep_every_report",
    ),
    (
        "kg add past a file-size limit, on a full disk",
        "tests/test_bad_input_intake.py",
        "test_add_on_a_full_disk_is_one_line_and_adds_nothing",
    ),
    (
        "kg build past a file-size limit, into a read-only folder",
        "tests/test_bad_input_intake.py",
        "test_build_into_a_read_only_folder_is_one_line_and_keeps_the_outputs",
    ),
    (
        "a metadata service that drips, redirects elsewhere or round a loop, nests JSON, answers a storm of 429",
        "tests/test_enrich_hostile.py",
        "test_a_misbehaving_service_is_one_service_error_in_bounded_time",
    ),
    (
        "a storm of 429 stops kg enrich early; a run deadline; a retry budget",
        "tests/test_enrich_hostile.py",
        "test_a_storm_of_429_stops_the_run_early",
    ),
    (
        "a date a source gives that is not on the calendar (never an ill-formed xsd:date)",
        "tests/test_literals.py",
        "test_a_day_the_calendar_does_not_have_is_kept_as_written_and_flagged",
    ),
    (
        "characters outside the BMP in a PDF",
        "tests/test_pdf_geometry.py",
        "test_a_letter_outside_the_bmp_is_one_character_and_the_report_is_added",
    ),
    (
        "every real PDF at hand: added or refused in one line, never a traceback",
        "tests/test_real_pdfs.py",
        "test_kg_add_never_ends_in_a_traceback",
    ),
    (
        "rdflib's parser from many threads",
        "tests/test_hostile_queries.py",
        "test_readings_from_many_threads_at_once_agree_with_one_thread",
    ),
]


@pytest.mark.parametrize(("what", "path", "name"), COVERED, ids=[c[0] for c in COVERED])
def test_every_kind_of_bad_input_has_a_test(what, path, name):
    source = (ROOT / path).read_text(encoding="utf-8")
    assert f"def {name}(" in source, f"{what}: {path}::{name} is gone"
