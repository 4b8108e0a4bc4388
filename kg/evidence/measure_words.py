"""The words of a measure phrase: the noun phrase after a figure, the noun words of a clause.

Kept apart from :mod:`kg.evidence.measures` (which picks, per kind of figure, which words to use)
because these are about English phrases alone: where a noun phrase ends (a verb, a preposition, a
pronoun, another figure, a comma that opens no list), and which words are function words.
"""

from __future__ import annotations

import re

STOP = frozenset(
    "to that who which whom whose in on at for from with by were was are is be been have has had per than as "
    "while when where because after before during since until over under into through across within among "
    "but who’s its their his her never not also still only a an the between among including such "
    "i you he she we they it".split()
)
#: Words that start a new clause or a new figure: a phrase never runs into them ("two friends and you bring").
PRONOUNS = frozenset("i you he she we they it there".split())
LIST_JOINS = frozenset({"and", "or", ","})
DETERMINERS = frozenset({"the", "a", "an", "these", "those", "this", "all", "its", "their"})
NUMBER_WORDS = frozenset("one two three four five six seven eight nine ten eleven twelve any each every".split())


def words_after(text: str, pos: int, limit: int = 8, verb_first: bool = True) -> list[str]:
    """The noun phrase after ``pos``: up to a verb, a preposition, the clause's end or another figure.

    A comma continues the phrase only in a list closed by "and"/"or" ("federal, state, and local
    agencies"); "visits, lending support" and "police officer, two sergeants" end at the comma. A
    word in "-ing" before an article or an adverb opens a clause ("offenders coordinating the ...",
    "experience working exclusively"). ``verb_first``: a verb right after the figure means there is
    no phrase ("31 percent worked"); after "of" a participle is an adjective ("of reported cases")."""
    words: list[str] = []
    tokens = list(re.finditer(r"(?:[A-Z]\.){2,}|[^\s,;:()\[\]“”\"—.]+|[,;:()\[\]“”\"—]|\.(?!\d)", text[pos:]))
    for i, match in enumerate(tokens):
        token = match.group()
        lower = token.lower()
        following = tokens[i + 1].group() if i + 1 < len(tokens) else ""
        if lower in LIST_JOINS:
            nxt = following.lower()
            if words and following[:1].isalpha() and nxt not in STOP | PRONOUNS | NUMBER_WORDS:
                words.append(token)
                continue
            break
        if not words and lower in DETERMINERS:
            words.append(token)  # "of the total phone numbers": an article opens the phrase
            continue
        if not re.match(r"[\w$’'-]", token) or lower in STOP or len(words) >= limit or token[0].isdigit():
            break
        verb_next = following.lower() in STOP | DETERMINERS or not following[:1].isalnum()
        if token.endswith("ed") and lower not in ("need", "speed") and (words or (verb_first and verb_next)):
            break  # "those prosecutions involved", "girls aged", "31 percent worked": a verb ends the phrase
        if words and lower.endswith("ing") and (following.lower() in DETERMINERS or following.endswith("ly")):
            break
        words.append(token)
    while words and words[-1] in LIST_JOINS:
        words.pop()
    if "," in words:
        first = words.index(",")
        if not any(w.lower() in ("and", "or") for w in words[first:]):
            words = words[:first]
    while words and words[-1] in LIST_JOINS:
        words.pop()
    return words


def join(words: list[str]) -> str:
    return re.sub(r"\s+,", ",", " ".join(words))


def clause_before(text: str, pos: int, limit: int = 8) -> list[str]:
    chunk = text[:pos]
    cut = max(chunk.rfind(ch) for ch in ",;:()—“”")
    return chunk[cut + 1 :].split()[-limit:]


def noun_after(text: str, end: int) -> str:
    words = words_after(text, end)
    if words and words[0].lower() == "of":
        rest = words_after(text, end + text[end:].find("of") + 2, verb_first=False)
        return join(["of", *rest]) if rest else ""
    if (
        len(words) == 1
        and words[0].lower() in ("counts", "cases")
        and text[end:].lstrip()[len(words[0]) :].lstrip().startswith("of")
    ):
        rest = words_after(text, end + text[end:].find(" of") + 3, verb_first=False)
        return join([words[0], "of", *rest])
    return join(words)


def bare(words: str) -> str:
    """``words`` without a leading "of" and article: "of those prosecutions" -> "prosecutions"."""
    return re.sub(r"^(?:of\s+)?(?:(?:the|these|those|this|that|a|an|all)\s+)?", "", words, flags=re.I)


def words_of(who: str) -> list[str]:
    """The noun words of ``who``: those after its last function word, pronoun or conjunction."""
    words: list[str] = []
    for word in who.split():
        lower = word.lower()
        reset = lower in STOP | PRONOUNS | NUMBER_WORDS | LIST_JOINS | {"age", "this", "these", "those"}
        words = [] if reset else [*words, word]
    return words


_KIND_CODES = frozenset({"count", "sample-size", "percentage", "money", "amount"})


def fragment(phrase: str) -> bool:
    """Whether ``phrase`` is not a noun phrase a person would write: it opens on "of" or ends on a
    function word, holds a capitalised pronoun or article ("duration of We"), a lone capital ("unique U"),
    a number (another figure), a comma that opens no list, a bracketed aside, or is a kind's code."""
    words = re.findall(r"[^\s,()]+|[,()]", phrase)
    if not words or phrase in _KIND_CODES or "(" in words:
        return True
    lower = [w.lower() for w in words]
    if lower[0] in ("of", "and", "or", ",") or lower[-1] in STOP | LIST_JOINS | DETERMINERS | PRONOUNS:
        return True
    if any(w in PRONOUNS | DETERMINERS and words[i][0].isupper() for i, w in enumerate(lower)):
        return True
    if any(re.fullmatch(r"[A-Z]", w) or w[0].isdigit() or w.lower() in NUMBER_WORDS for w in words):
        return True
    if any(w in PRONOUNS for w in lower):
        return True
    if "," in words and not any(w in ("and", "or") for w in lower[lower.index(",") :]):
        return True
    return False
