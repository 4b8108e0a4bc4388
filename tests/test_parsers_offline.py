"""No graph parser reaches out: no JSON-LD context, no external entity, from the network or from a file.

Proved two ways, in a fresh process for each hostile input (an audit hook cannot be removed):
a Python audit hook records every ``socket.connect`` and ``open`` while the input is parsed (only
the input itself may be opened), and a loopback listener that the hostile input points at counts
connections (Oxigraph's parsers are Rust, whose I/O no Python hook sees: there must be none).
"""

from __future__ import annotations

import json
import socket
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import ROOT

PROBE = """
import json, sys
from pathlib import Path
events = []
def hook(event, args):
    if event == "socket.connect":
        events.append(["connect", str(args[1])])
    elif event == "open" and isinstance(args[0], (str, bytes)):
        events.append(["open", str(args[0])])
target = Path(sys.argv[1])
from kg.errors import InputError
from kg.sources.rdf import read_rdf
from rdflib import Graph, Literal, URIRef
Graph().add((URIRef("urn:a"), URIRef("urn:b"), Literal("c")))  # rdflib's lazy imports done before the hook
sys.addaudithook(hook)
try:
    read_rdf(target, target.name)
    outcome = "parsed"
except InputError as exc:
    outcome = "refused: " + exc.message
print(json.dumps({"outcome": outcome, "events": events}))
"""


@pytest.fixture()
def listener() -> Iterator[tuple[int, list[str]]]:
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(8)
    server.settimeout(0.1)
    seen: list[str] = []
    stop = threading.Event()

    def accept() -> None:
        while not stop.is_set():
            try:
                connection, peer = server.accept()
            except OSError:
                continue
            seen.append(str(peer))
            connection.close()

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    yield server.getsockname()[1], seen
    stop.set()
    thread.join(timeout=5)
    server.close()


def _hostile(port: int, secret: Path) -> dict[str, str]:
    here = f"http://127.0.0.1:{port}"
    return {
        "remote-context.jsonld": json.dumps({"@context": f"{here}/context.jsonld", "@id": "http://x/a", "name": "b"}),
        "file-context.jsonld": json.dumps({"@context": secret.as_uri(), "@id": "http://x/a", "name": "b"}),
        "nested-context.jsonld": json.dumps(
            {"@context": [{"@vocab": "http://x/"}, f"{here}/more.jsonld"], "@id": "http://x/a", "name": "b"}
        ),
        "import.jsonld": json.dumps({"@context": {"@import": f"{here}/c.jsonld"}, "@id": "http://x/a", "name": "b"}),
        "external-entity.rdf": (
            f'<?xml version="1.0"?>\n<!DOCTYPE rdf:RDF [ <!ENTITY x SYSTEM "{secret.as_uri()}"> ]>\n'
            '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:ex="http://x/">'
            '<rdf:Description rdf:about="http://x/a"><ex:p>&x;</ex:p></rdf:Description></rdf:RDF>'
        ),
        "remote-entity.rdf": (
            f'<?xml version="1.0"?>\n<!DOCTYPE rdf:RDF [ <!ENTITY x SYSTEM "{here}/e.xml"> ]>\n'
            '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description '
            'rdf:about="http://x/a">&x;</rdf:Description></rdf:RDF>'
        ),
        "remote-dtd.rdf": (
            f'<?xml version="1.0"?>\n<!DOCTYPE rdf:RDF SYSTEM "{here}/rdf.dtd">\n'
            '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"/>'
        ),
        "base-and-prefix.ttl": f"@base <{here}/> .\n@prefix ex: <{here}/ns#> .\n<a> ex:b <{secret.as_uri()}> .\n",
    }


@pytest.mark.parametrize(
    "name",
    [
        "remote-context.jsonld",
        "file-context.jsonld",
        "nested-context.jsonld",
        "import.jsonld",
        "external-entity.rdf",
        "remote-entity.rdf",
        "remote-dtd.rdf",
        "base-and-prefix.ttl",
    ],
)
def test_parsing_reaches_neither_the_network_nor_another_file(name, listener, tmp_path):
    port, connections = listener
    secret = tmp_path / "secret.txt"
    secret.write_text("do not read me", encoding="utf-8")
    target = tmp_path / name
    target.write_text(_hostile(port, secret)[name], encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-c", PROBE, str(target)], capture_output=True, text=True, cwd=ROOT, timeout=60, check=True
    )
    report = json.loads(done.stdout.strip().splitlines()[-1])
    connects = [e for e in report["events"] if e[0] == "connect"]
    opened = {Path(e[1]).resolve() for e in report["events"] if e[0] == "open"}
    assert connects == [], connects
    assert opened <= {target.resolve()}, opened
    assert connections == [], f"something connected to the listener: {connections}"
    if name.endswith((".jsonld", ".rdf")) and name != "remote-dtd.rdf":
        assert report["outcome"].startswith("refused"), report  # said in one line, not parsed with a hole
    assert "do not read me" not in done.stdout
