#!/usr/bin/env python3
"""Train the reference labeller (a linear-chain CRF, python-crfsuite) on public annotated reference strings.

The data are read from local snapshots of two repositories, given as git directories (see
``scripts/reference_data.py`` for what is read and how the fields are trimmed):

* GROBID's citation corpus, ``kermitt2/grobid`` (Apache-2.0);
* AnyStyle's parser sets, ``inukshuk/anystyle`` (BSD-2-Clause).

Nothing of them is stored in this repository; the model trained on them is
(``kg/extract/references/reference-model.crfsuite``), and so is the lexicon built from the same strings
(``reference-lexicon.tsv`` beside it: the field each frequent word mostly stands in, see
:mod:`kg.extract.references.lexicon`). One string in ten, chosen by a hash of the
string, is held out and never trained on: ``benchmarks/reference_parser.py`` scores the model on it.

    python scripts/train_reference_model.py --grobid /path/to/grobid.git --anystyle /path/to/anystyle.git

The shipped model was trained on the snapshots at GROBID commit b8d6bec302189e29a6c358ea513f8be834004a86
and AnyStyle commit c6f5fb2fa6e8ce9456ad1e1e88d6bba5f3d7731d, with the defaults below (AnyStyle's ``ugly``
set skipped: its annotations are loose, e.g. an organisation tagged as a title).

Training is deterministic (L-BFGS from zero weights, the strings in a fixed order): the same snapshots and
options give the same model. It takes a few CPU minutes.

L1 regularisation (``--c1``) drops the weights that do not pay their way, and features seen fewer than
``--min-freq`` times are not generated, which keeps the model file small.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import pycrfsuite

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

from reference_data import DataError, Labelled, O, read_all  # noqa: E402

from kg.extract.references import lexicon as lex  # noqa: E402
from kg.extract.references.features import features, tokenise  # noqa: E402

NOISY = "anystyle/ugly"
MODEL = ROOT / "kg" / "extract" / "references" / "reference-model.crfsuite"


def labels_of(item: Labelled) -> list[tuple[str, str]]:
    """Every token of one labelled string and its label (a token takes the field it starts in)."""
    out = []
    for tok in tokenise(item.text):
        out.append((tok.text, next((lab for s, e, lab in item.spans if s <= tok.start < e), O)))
    return out


def token_labels(item: Labelled, lexicon: dict[str, str]) -> tuple[list[list[str]], list[str]]:
    """The features and the label of every token of one labelled string."""
    return features(item.text, tokenise(item.text), lexicon), [label for _, label in labels_of(item)]


def train(items: list[Labelled], out: Path, params: dict[str, float | int | bool]) -> dict[str, str]:
    """Train a model on ``items`` into ``out``, and the lexicon from the same items (returned)."""
    lexicon = lex.build(labels_of(item) for item in items)
    trainer = pycrfsuite.Trainer(verbose=False)
    for item in items:
        trainer.append(*token_labels(item, lexicon))
    trainer.set_params(params)
    out.parent.mkdir(parents=True, exist_ok=True)
    trainer.train(str(out))
    return lexicon


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--grobid", help="git directory of a kermitt2/grobid snapshot")
    parser.add_argument("--anystyle", help="git directory of an inukshuk/anystyle snapshot")
    parser.add_argument("--out", type=Path, default=MODEL)
    parser.add_argument("--c1", type=float, default=0.3)
    parser.add_argument("--c2", type=float, default=0.01)
    parser.add_argument("--min-freq", type=float, default=3)
    parser.add_argument("--iterations", type=int, default=200)
    parser.add_argument(
        "--skip",
        action="append",
        help="a source not to train on, repeatable (default: anystyle/ugly; --skip '' trains on every source)",
    )
    args = parser.parse_args(argv)
    if not args.grobid and not args.anystyle:
        parser.error("give --grobid, --anystyle or both")
    skipped = set(args.skip if args.skip is not None else [NOISY])
    try:
        every = read_all(args.grobid, args.anystyle)
    except DataError as err:
        print(err, file=sys.stderr)
        return 2
    items = [item for item in every if not item.held_out and item.source not in skipped]
    params = {
        "c1": args.c1,
        "c2": args.c2,
        "max_iterations": args.iterations,
        "feature.minfreq": args.min_freq,
        "feature.possible_transitions": True,
    }
    started = time.monotonic()
    lexicon = train(items, args.out, params)
    args.out.with_name(lex.LEXICON_NAME).write_text(lex.dump(lexicon), encoding="utf-8")
    size = args.out.stat().st_size
    print(f"trained on {len(items)} strings in {time.monotonic() - started:.0f} s: {args.out} ({size / 1e6:.2f} MB)")
    print(f"lexicon: {len(lexicon)} words -> {args.out.with_name(lex.LEXICON_NAME)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
