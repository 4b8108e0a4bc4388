"""Inputs and limits for ``extraction_scaling.py``: long PDFs, long BibTeX fields, and a time limit per MB.

* :func:`pdf_of_pages` writes a PDF of N pages with one line of text each, by hand (a PDF is a list
  of numbered objects and a table of their offsets): 20,000 pages take a second, where a layout
  library would take minutes. The lines vary (figures, years, a citation) so that no two pages are
  alike.
* :func:`bibtex_with_field` writes one entry whose ``abstract`` is a run of words of the given size,
  with a little LaTeX every few hundred words (a brace, an accent, an escaped ampersand), as a
  pasted abstract or a field a tool filled wrongly would be.
* :func:`rates` turns ``(size, seconds)`` into seconds per unit, each with its limit: the rate at the
  smallest size times a tolerance (linear means a flat rate); a size over its limit fails the run.
"""

from __future__ import annotations

import re
from dataclasses import dataclass


def pdf_of_pages(pages: int) -> bytes:
    """A PDF of ``pages`` US-letter pages, each with one line of Helvetica text."""
    objects: list[bytes] = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"",  # the page tree, written once the pages' numbers are known
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
    ]
    kids = []
    for n in range(1, pages + 1):
        line = (
            f"Page {n}: in {1990 + n % 35} about {n % 97 + 2}% of {n * 7 % 1000 + 10} cases were reported "
            f"(Smith, {2000 + n % 24})."
        )
        stream = f"BT /F1 11 Tf 72 720 Td ({line}) Tj ET".encode("latin-1")
        objects.append(b"<< /Length %d >>\nstream\n%s\nendstream" % (len(stream), stream))
        content = len(objects)
        objects.append(
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 3 0 R >> >> "
            b"/Contents %d 0 R >>" % content
        )
        kids.append(b"%d 0 R" % len(objects))
    objects[1] = b"<< /Type /Pages /Kids [%s] /Count %d >>" % (b" ".join(kids), pages)
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def bibtex_with_field(size: int) -> str:
    """One ``@misc`` entry whose ``abstract`` holds about ``size`` characters of plain words (no LaTeX: the
    run a LaTeX decoder reads in one go, where its cost once grew with the square of the length)."""
    words = "evidence report figures were collected across regions and years by several agencies".split()
    parts: list[str] = []
    length = n = 0
    while length < size:
        parts.append(words[n % len(words)])
        length += len(parts[-1]) + 1
        n += 1
    return "@misc{long,\n  title = {A long abstract},\n  year = {2020},\n  abstract = {" + " ".join(parts) + "},\n}\n"


def dense_text(size: int, seed: int = 1) -> str:
    """A dense report of about ``size`` characters: ``scripts/varied_corpus.py``'s varied sentences (figures,
    places, agencies, APA citations), paragraphs under numbered sections, a reference list at the end.

    Unlike the corpus texts, it quotes nobody ("I", "you"): a question asked of a whole paragraph (is it an
    interview excerpt?) then reads the paragraph to its end, for every sentence of it.
    """
    import random

    import varied_corpus as vc

    rng = random.Random(seed)
    pool = [vc._work(rng, n) for n in range(400)]
    cited: list[dict[str, str]] = []
    lines = ["A dense report", "", "Ana Smith", ""]
    total = n = 0
    while total < size:
        n += 1
        head = f"{rng.choice(['Introduction', 'Method', 'Findings', 'Discussion', 'Background'])} {n}"
        lines += [head, ""]
        for _ in range(rng.randint(2, 4)):
            said = []
            for _ in range(rng.randint(2, 5)):
                sentence = vc._sentence(rng)
                if rng.random() < 0.45:
                    work = rng.choice(pool)
                    cited.append(work)
                    sentence += vc._cite("apa", work, 0)
                said.append(sentence + ".")
            lines += [" ".join(said), ""]
            total += len(lines[-2]) + len(head) + 4
    lines += ["References", ""]
    lines += sorted({vc._reference("apa", w, 0) for w in cited})
    return "\n".join(lines) + "\n"


@dataclass(frozen=True)
class Rate:
    size: float  # in the series' unit (MB, thousands of pages)
    seconds: float | None  # None: capped or refused
    per_unit: float | None
    limit: float | None
    note: str = ""

    @property
    def over(self) -> bool:
        return self.limit is not None and (self.per_unit is None or self.per_unit > self.limit)


def rates(points: list[tuple[float, float | None, str]], tolerance: float) -> list[Rate]:
    """Seconds per unit at each size and its limit: the first timed size's rate times ``tolerance``.

    A size without a time (capped) is over its limit unless its note says why it was not run (refused by a
    cap of the tool, which is a limit of its own, not slowness)."""
    base = next((s / size for size, s, _ in points if s is not None and size > 0), None)
    out = []
    for size, seconds, note in points:
        per = seconds / size if seconds is not None and size > 0 else None
        limit = base * tolerance if base is not None else None
        rate = Rate(size, seconds, per, limit, note)
        if seconds is None and note.startswith("refused"):
            rate = Rate(size, None, None, None, note)
        out.append(rate)
    return out


def rate_table(title: str, unit: str, rows: list[Rate]) -> str:
    """Markdown: size, seconds, seconds per unit, the limit, and whether the size passes it."""
    lines = [
        f"### {title}",
        "",
        f"| {unit} | CPU s | s per {unit} | limit s per {unit} | |",
        "|---:|---:|---:|---:|---|",
    ]
    for r in rows:
        seconds = f"{r.seconds:.2f}" if r.seconds is not None else "—"
        per = f"{r.per_unit:.2f}" if r.per_unit is not None else "—"
        limit = f"{r.limit:.2f}" if r.limit is not None else "—"
        verdict = "OVER" if r.over else "ok"
        lines.append(f"| {r.size:.3g} | {seconds} | {per} | {limit} | {verdict} {r.note} |")
    return "\n".join(lines) + "\n"


#: The first line that starts with a note marker ([1], ^1, ¹) begins the list of notes.
NOTE_LIST = re.compile(r"^[ \t\xa0]*(?:\[\d{1,3}\]|\^\d{1,3}|[⁰¹²³⁴⁵⁶⁷⁸⁹]+)[ \t\xa0]+(?=\S)", re.MULTILINE)


#: The generated dense report (:func:`scaling_inputs.dense_text`), measured beside the corpus's.
DENSE = "dense"


#: The unit of the ``citation-run`` shape.
CITATION_RUN = "(Smith 2001; Jones 2002) "


def make_text(text: str, shape: str, size: int) -> str | None:
    """A text of about ``size`` UTF-8 bytes (whole copies, at least one) of the given shape.

    ``text`` :data:`DENSE` stands for a dense report generated at the size (one copy, no notes); the
    shape ``citation-run`` is made for it alone: parenthetical citations one after another, with no
    sentence end (issue 22, tried again: ``extract_statistics`` took 0.9, 3.5 and 28 s of CPU at
    0.125, 0.25 and 0.5 MB of it)."""
    if shape == "citation-run":
        return (CITATION_RUN * (size // len(CITATION_RUN) + 1))[:size] if text == DENSE else None
    if text == DENSE:
        if shape == "notes-at-end":
            return None
        made = dense_text(size)
        return " ".join(made.split()) if shape == "one-line" else made
    if shape == "notes-at-end":
        m = NOTE_LIST.search(text)
        if m is None:
            return None
        body, notes = text[: m.start()].rstrip(), text[m.start() :]
        copies = max(1, round(size / len(body.encode())))
        return "\n\n".join([body] * copies) + "\n\n" + notes
    copies = max(1, round(size / len(text.encode())))
    repeated = "\n\n".join([text] * copies)
    return " ".join(repeated.split()) if shape == "one-line" else repeated
