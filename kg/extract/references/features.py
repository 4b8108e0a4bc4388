"""What the reference labeller sees of each token: the same tokens and features when it is trained
(``scripts/train_reference_model.py``) and when it labels an entry (:mod:`.labeller`), so they live here once.

A token is a run of letters, a run of digits or one other character, with its code-point offsets into the
entry, so every labelled field is an exact span of the string. The features say what the token looks
like (its lower form, shape, whether it is a year, an initial, a number), where it stands (how far into
the string, inside brackets or quotes, after the year, after how many full stops) and what is beside it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from kg.extract.references.lexicon import key, shipped

_TOKEN = re.compile(r"[^\W\d_]+|\d+|\S")
_YEAR = re.compile(r"(?:1[5-9]\d\d|20\d\d)[a-z]?")
_MONTHS = frozenset(
    "jan feb mar apr may jun jul aug sep sept oct nov dec january february march april june july august september "
    "october november december".split()
)
_OPENERS = {"(": ")", "[": "]", "{": "}"}
_QUOTES = frozenset('“”"‘’«»„')


#: Words of German, French, Spanish and Portuguese references that mean what an English word the training
#: strings are full of means (``Hrsg.`` is ``Eds.``, ``Abgerufen von`` is ``Retrieved from``): the labeller
#: sees the English word, so a German entry is labelled as its English twin is. ``S.`` before a number is
#: ``pp.`` (elsewhere it is an initial).
_SAME_AS = {
    "hrsg": "eds",
    "hg": "eds",
    "hgg": "eds",
    "éd": "ed",
    "éds": "eds",
    "aufl": "ed",
    "bd": "vol",
    "jg": "vol",
    "nr": "no",
    "heft": "no",
    "abgerufen": "retrieved",
    "verfügbar": "available",
    "recuperado": "retrieved",
    "disponible": "available",
    "disponível": "available",
    "págs": "pp",
    "pág": "p",
}
#: ``S. 93-101``, ``S. 100``: the German page cue before its pages; not an initial before a year (``Milan, S. 2011``).
_PAGES_CUE = re.compile(r"\.\s?(?!(?:1[5-9]|20)\d\d\b(?!\s?[-–]))\d")


@dataclass(frozen=True)
class Token:
    """One token of an entry: its text and where it stands (``text == entry[start:end]``)."""

    text: str
    start: int
    end: int


def tokenise(text: str) -> list[Token]:
    """Runs of letters, runs of digits (``D72`` is a series letter and a volume), and each other character."""
    return [Token(m.group(), m.start(), m.end()) for m in _TOKEN.finditer(text)]


def _as_english(text: str, tokens: list[Token]) -> tuple[str, list[Token]]:
    """``text`` with the words of ``_SAME_AS`` replaced by their English twins, and its tokens, one for one
    with ``tokens`` (so a token's features are those of its twin, and its label is found by its index)."""
    out: list[str] = []
    twins: list[Token] = []
    pos = length = 0
    for tok in tokens:
        word = tok.text
        if word == "S" and _PAGES_CUE.match(text, tok.end) and text[tok.start - 1 : tok.start] in ("", " ", "("):
            word = "pp"  # a page cue before its number, not an initial (nor the S of "537 U.S. 186")
        elif (twin := _SAME_AS.get(word.lower())) is not None:
            word = twin.capitalize() if word[:1].isupper() else twin
        gap = text[pos : tok.start]
        out += [gap, word]
        length += len(gap)
        twins.append(Token(word, length, length + len(word)))
        length += len(word)
        pos = tok.end
    out.append(text[pos:])
    return "".join(out), twins


def _shape(word: str) -> str:
    """``Okonkwo`` -> ``Xx``, ``2018`` -> ``d``, ``J.`` -> ``X``: the kinds of character, runs folded."""
    out: list[str] = []
    for ch in word:
        kind = "X" if ch.isupper() else "x" if ch.islower() else "d" if ch.isdigit() else ch
        if not out or out[-1] != kind:
            out.append(kind)
    return "".join(out)[:6]


def _word_features(tok: Token, text: str) -> dict[str, str]:
    word = tok.text
    after = text[tok.end : tok.end + 1]
    feats = {
        "w": word.lower(),
        "shape": _shape(word),
        "suf3": word[-3:].lower(),
        "pre2": word[:2].lower(),
    }
    if word.isdigit():
        feats["num"] = str(min(len(word), 5))
    if _YEAR.fullmatch(word):
        feats["year"] = "1"
    if len(word) == 1 and word.isupper():
        feats["initial"] = "dot" if after == "." else "bare"
    if word.isupper() and len(word) > 1:
        feats["caps"] = "1"
    if word.lower() in _MONTHS:
        feats["month"] = "1"
    if after in ".,:;)":
        feats["then"] = after
    if tok.start == 0 or text[tok.start - 1] == " ":
        feats["spaced"] = "1"
    return feats


def _bucket(n: int) -> str:
    return str(n) if n <= 3 else "4-6" if n <= 6 else "7-10" if n <= 10 else "11+"


def _is_stop(tokens: list[Token], i: int, text: str) -> bool:
    """A full stop that ends a sentence: after a word (not an initial), before a space or the end."""
    tok = tokens[i]
    return tok.text == "." and i > 0 and len(tokens[i - 1].text) > 1 and text[tok.end : tok.end + 1] in (" ", "")


def _pieces(tokens: list[Token], text: str, breaks: frozenset[str]) -> list[int]:
    """The index of the piece each token is in, pieces ending at sentence stops and at ``breaks``."""
    out = []
    piece = 0
    for i, tok in enumerate(tokens):
        out.append(piece)
        if tok.text in breaks or _is_stop(tokens, i, text):
            piece += 1
    return out


def _piece_features(own: list[dict[str, str]], ids: list[int], prefix: str, lexicon: dict[str, str]) -> list[list[str]]:
    """What the piece around each token is like: how long, whether it has a year or a number, which fields its
    words point to (:mod:`.lexicon`), how many abbreviated words it has, and the same of the next piece."""
    summary: dict[int, tuple[int, bool, bool]] = {}
    lower: dict[int, int] = {}
    abbr: dict[int, int] = {}
    fields: dict[int, set[str]] = {}
    for word, pid in zip(own, ids, strict=True):
        n, year, digit = summary.get(pid, (0, False, False))
        summary[pid] = (n + word["w"][:1].isalnum(), year or "year" in word, digit or "num" in word)
        lower[pid] = lower.get(pid, 0) + (word["shape"] == "x" and len(word["w"]) > 3)
        abbr[pid] = abbr.get(pid, 0) + (word["shape"] == "Xx" and word.get("then") == "." and len(word["w"]) < 7)
        if field := lexicon.get(key(word["w"])):
            fields.setdefault(pid, set()).add(field)
    out = []
    for pid in ids:
        n, year, digit = summary[pid]
        feats = [f"{prefix}len={_bucket(n)}"] + [f"{prefix}year"] * year + [f"{prefix}digit"] * digit
        feats.append(f"{prefix}lower={min(lower[pid], 3)}")  # sentence case (a title) or title case (a name)
        feats.append(f"{prefix}abbr={min(abbr[pid], 3)}")  # Nucl. Phys. Rev.: an abbreviated journal
        feats += [f"{prefix}lex={field}" for field in sorted(fields.get(pid, ()))]
        if pid + 1 in summary:
            n2, year2, digit2 = summary[pid + 1]
            feats += [f"{prefix}nlen={_bucket(n2)}"] + [f"{prefix}nyear"] * year2 + [f"{prefix}ndigit"] * digit2
            feats += [f"{prefix}nlex={field}" for field in sorted(fields.get(pid + 1, ()))]
        else:
            feats.append(f"{prefix}last")
        if pid - 1 in summary:
            feats += [f"{prefix}plex={field}" for field in sorted(fields.get(pid - 1, ()))]
        out.append(feats)
    return out


def _ahead(own: list[dict[str, str]], test: str) -> list[bool]:
    """For each token, whether a later token has the feature ``test``."""
    out = []
    seen = False
    for word in reversed(own):
        out.append(seen)
        seen = seen or test in word
    return out[::-1]


def features(text: str, tokens: list[Token], lexicon: dict[str, str] | None = None) -> list[list[str]]:
    """The features of every token of ``text`` (crfsuite's ``name=value`` strings); ``lexicon`` is the
    word-to-field lexicon the model was trained with (the shipped one unless given)."""
    if lexicon is None:
        lexicon = shipped()
    text, tokens = _as_english(text, tokens)
    n = len(tokens)
    own = [_word_features(t, text) for t in tokens]
    for word in own:
        if field := lexicon.get(key(word["w"])):
            word["lex"] = field
    sentences = _piece_features(own, _pieces(tokens, text, frozenset("?!”")), "s", lexicon)
    chunks = _piece_features(own, _pieces(tokens, text, frozenset(',;:()[]“”"')), "c", lexicon)
    year_ahead = _ahead(own, "year")
    depth = 0
    quoted = False
    stops = 0
    year_seen = in_seen = quote_closed = False
    out: list[list[str]] = []
    for i, tok in enumerate(tokens):
        feats = [f"{k}={v}" for k, v in own[i].items()] + sentences[i] + chunks[i]
        feats.append(f"pos={10 * i // max(n, 1)}")
        feats.append(f"stops={min(stops, 6)}")
        if i < 3:
            feats.append(f"first={i}")
        if i >= n - 2:
            feats.append(f"last={n - 1 - i}")
        if depth > 0:
            feats.append("inparen")
        if quoted and tok.text not in _QUOTES:
            feats.append("inquote")
        feats += [
            name
            for name, on in (
                ("afteryear", year_seen),
                ("yearahead", year_ahead[i]),
                ("afterin", in_seen),
                ("afterquote", quote_closed),
            )
            if on
        ]
        for d in (-3, -2, -1, 1, 2, 3):
            j = i + d
            if 0 <= j < n:
                feats.append(f"w[{d}]={own[j]['w']}")
                if abs(d) == 1:
                    feats.append(f"shape[{d}]={own[j]['shape']}")
                    feats += [f"lex[{d}]={own[j]['lex']}"] if "lex" in own[j] else []
            else:
                feats.append(f"w[{d}]=<edge>")
        if 0 < i < n - 1:
            feats.append(f"w[-1]|w[1]={own[i - 1]['w']}|{own[i + 1]['w']}")
        out.append(feats)
        # the state after this token, for the next ones
        if tok.text in _OPENERS:
            depth += 1
        elif tok.text in _OPENERS.values():
            depth = max(0, depth - 1)
        elif tok.text in _QUOTES:
            was = quoted
            quoted = tok.text in "“‘«„" or (tok.text == '"' and not quoted)
            quote_closed = quote_closed or (was and not quoted)
        if _is_stop(tokens, i, text):
            stops += 1
        year_seen = year_seen or "year" in own[i]
        # "In" opening a piece ("In: Eds, Book", ". In Proceedings"): what follows is where the work appeared
        if own[i]["w"] == "in" and (i == 0 or not tokens[i - 1].text.isalnum()):
            in_seen = True
    return out
