"""How well the tool reads real documents: every PDF of the real corpus, scored against its manifest.

    python benchmarks/real_documents.py                 # the development documents
    python benchmarks/real_documents.py --split heldout # the held-out third, scored only at the end
    python benchmarks/real_documents.py --split heldout5 # the fifth, fresh held-out set
    python benchmarks/real_documents.py --split all --only jss-lme4 --misses

The PDFs are gathered first (``python scripts/real_corpus.py``); a document whose PDF is absent is
listed as missing. Each document is added and built in a folder of its own (``kg add``, ``kg build
--no-reason``), and the graph is compared with the hand-checked facts of
``tests/fixtures/real/ID/document.yaml`` (:mod:`harness.real_scoring`). Printed: a row per document
and the totals of the split, the issue's targets beside them; ``--json FILE`` writes every count and
every miss.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from dataclasses import asdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from harness.real_corpus import load_manifest, pdf_path  # noqa: E402
from harness.real_scoring import FIELDS, Score, score_document  # noqa: E402

#: The issue's "done means", to print beside the figures.
TARGETS = {"refs": 0.90, "fields": 0.85, "citations": 0.85, "figures": 0.90, "metadata": 0.80, "organisations": 0.75}


def _ratio(pair: list[int]) -> str:
    return f"{pair[0] / pair[1]:.2f} ({pair[0]}/{pair[1]})" if pair[1] else "–"


def _fields(score: Score) -> list[int]:
    return [sum(score.fields[f][0] for f in FIELDS), sum(score.fields[f][1] for f in FIELDS)]


def _metadata(score: Score) -> list[int]:
    return [sum(score.metadata.values()), 3]


def row(score: Score) -> str:
    if score.error:
        return f"| {score.doc} | {score.split} | {score.error[:80]} |" + " |" * 8
    share = f"{score.rows_in_lists}/{score.statistic_rows}"
    seconds = score.seconds_add + score.seconds_build
    return (
        f"| {score.doc} | {score.split} | {_ratio(score.refs)} | {_ratio(_fields(score))} | "
        f"{_ratio(score.citations)} | {_ratio(score.figures)} | {share} | {_ratio(score.not_figures)} | "
        f"{_ratio(_metadata(score))} | {_ratio(score.organisations)} | {seconds:.0f} s |"
    )


def totals(scores: list[Score]) -> dict[str, list[int]]:
    read = [s for s in scores if not s.error]
    add = lambda pairs: [sum(p[0] for p in pairs), sum(p[1] for p in pairs)]  # noqa: E731
    return {
        "crashed": [sum(1 for s in scores if s.traceback), len(scores)],
        "refused": [sum(1 for s in scores if s.error), len(scores)],
        "refs": add([s.refs for s in read]),
        "fields": add([_fields(s) for s in read]),
        "citations": add([s.citations for s in scores]),
        "figures": add([s.figures for s in scores]),
        "rows_in_lists": [sum(s.rows_in_lists for s in read), sum(s.statistic_rows for s in read)],
        "not_figures_taken": add([s.not_figures for s in read]),
        "metadata": add([_metadata(s) for s in scores]),
        "organisations": add([s.organisations for s in scores]),
        **{f"field {f}": add([s.fields[f] for s in read]) for f in FIELDS},
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--split", choices=("dev", "heldout", "heldout2", "heldout3", "heldout4", "heldout5", "all"), default="dev"
    )
    parser.add_argument("--only", action="append", default=[], help="score only this document (repeatable)")
    parser.add_argument("--misses", action="store_true", help="print what each document missed")
    parser.add_argument("--json", type=Path, help="write every count and miss to this file")
    args = parser.parse_args(argv)
    docs = [d for d in load_manifest() if args.split in ("all", d.split) and (not args.only or d.id in args.only)]
    scores: list[Score] = []
    print(
        "| document | split | entries found | fields right | citations right | figures right | rows in lists | "
        "not-figures taken | metadata | organisations | time |"
    )
    print("|---" * 11 + "|")
    with tempfile.TemporaryDirectory(prefix="kg-real-") as folder:
        for doc in docs:
            if not pdf_path(doc).is_file():
                print(f"| {doc.id} | {doc.split} | missing: run scripts/real_corpus.py |" + " |" * 8)
                continue
            score = score_document(doc, Path(folder))
            scores.append(score)
            print(row(score), flush=True)
    summary = totals(scores)
    print()
    for name, (right, total) in summary.items():
        target = f"  (target {TARGETS[name]:.2f})" if name in TARGETS else ""
        print(f"{name:>22}: {right / total if total else 0:.2f} ({right}/{total}){target}")
    if args.misses:
        for score in scores:
            print(f"\n## {score.doc}")
            for kind, items in score.misses.items():
                print(f"- {kind} ({len(items)}): " + "; ".join(items[:12]))
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        payload = {"totals": summary, "documents": [asdict(s) for s in scores]}
        args.json.write_text(json.dumps(payload, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
