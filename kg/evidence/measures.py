"""What a figure quantifies: a short phrase in the text's words, with its subject, place and year.

The extracted ``measure`` is a window of the sentence around the figure, useful to read but not
to compare: "generating approximately … of the $150 billion annually". Here each figure gets the
phrase it quantifies, built by kind from the words next to it:

* a **count** quantifies the noun phrase that follows it ("230 human trafficking cases" -> "human
  trafficking cases"), up to a verb, a preposition other than "of" or the clause's end;
* a **share** is "share of" the phrase after "percent of" ("71 percent of reported human
  trafficking incidents"), or a change ("reduced the homicide rates by 5.4 percent" -> "reduction
  in the homicide rates"); the items of a list of shares ("T-Mobile (14.6%)") share its head's;
* **money** is named by its verb ("generating" -> revenue, "profited" -> profit, "make"/"earn" ->
  earnings, "funding" -> funding), with "annual", "monthly" from its period and "per girl" after it;
* an **age** is "age of" the noun phrase it is said of ("the average victim is 15 years of age");
  a **rank** is "rank"; a **duration** "duration of" what lasts.

The **subject** is the entity the clause names before the figure (an organisation, a platform),
else the words before its verb; the **place** is a capitalised name after "in", "across",
"throughout" that is no entity and no month; the **year** is the extracted one.
"""

from __future__ import annotations

import re

from kg.evidence.records import Measure
from kg.records import Sentence, StatisticRecord

_STOP = frozenset(
    "to that who which whom whose in on at for from with by were was are is be been have has had per than as "
    "while when where because after before during since until over under into through across within among "
    "but who’s its their his her never not also still only a an the between among including such".split()
)
_LIST_JOINS = frozenset({"and", "or", ","})
_DETERMINERS = frozenset({"the", "a", "an", "these", "those", "this", "all", "its", "their"})
_VERB_END = re.compile(r"(?:ed|es|s|ing)$")
_MONEY_VERBS = (
    (re.compile(r"\b(?:generat\w*|revenue)\b", re.I), "revenue"),
    (re.compile(r"\b(?:profit\w*)\b", re.I), "profit"),
    (re.compile(r"\b(?:make|makes|made|earn\w*)\b", re.I), "earnings"),
    (re.compile(r"\b(?:fund\w*|budget\w*|grant\w*)\b", re.I), "funding"),
    (re.compile(r"\b(?:spen[dt]\w*|spending)\b", re.I), "spending"),
    (re.compile(r"\b(?:cost\w*)\b", re.I), "cost"),
    (re.compile(r"\b(?:paid|pay\w*)\b", re.I), "payment"),
    (re.compile(r"\b(?:fine[ds]?)\b", re.I), "fine"),
    (re.compile(r"\b(?:worth|valued?)\b", re.I), "value"),
)
_CHANGE = re.compile(
    r"\b(?P<verb>reduc\w*|decreas\w*|declin\w*|fell|dropped|cut|increas\w*|rose|grew|rais\w*)\s+"
    r"(?:the\s+)?(?P<what>[^;:()]{3,120}?)\s+by\s*$",
    re.I,
)
_RISE = re.compile(
    r"(?P<what>[\w\s’'-]{3,80}?)\s+(?P<verb>rose|fell|increased|decreased|grew|declined|dropped|went (?:up|down)|"
    r"climbed|jumped|changed)\s+(?:by|from)\s*(?:[^\s]+\s+(?:in\s+\d{4}\s+)?to\s*)?$",
    re.I,
)
_PERIOD_WORDS = {"P1Y": "annual", "P1M": "monthly", "P1W": "weekly", "P1D": "daily"}
_PLACE = re.compile(
    r"\b(?:[Ii]n|across|throughout|within|[Ff]rom)\s+(?:the\s+)?"
    r"(?P<place>(?:[A-Z][\w.’'-]*)(?:\s+(?:[A-Z][\w.’'-]*|and|of))*)"
)
_NOT_PLACES = re.compile(
    r"^(?:January|February|March|April|May|June|July|August|September|October|November|December|Internet|"
    r"Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|English|Spanish|Table|Figure|Section|Appendix)\b"
)


def _words_after(text: str, pos: int, limit: int = 8) -> list[str]:
    """The noun phrase after ``pos``: up to a verb, a preposition, the clause's end or another figure."""
    words: list[str] = []
    tokens = list(re.finditer(r"[^\s,;:()\[\]“”\"—.]+|[,;:()\[\]“”\"—]|\.(?!\d)", text[pos:]))
    for i, match in enumerate(tokens):
        token = match.group()
        following = tokens[i + 1].group() if i + 1 < len(tokens) else ""
        if token.lower() in _LIST_JOINS:
            if words and following and following[0].isalpha() and following.lower() not in _STOP:
                words.append(token)
                continue
            break
        if not words and token.lower() in _DETERMINERS:
            words.append(token)  # "of the total phone numbers": an article opens the phrase
            continue
        if not re.match(r"[\w$’'-]", token) or token.lower() in _STOP or len(words) >= limit:
            break
        if words and token.endswith("ed") and token.lower() not in ("need", "speed"):
            break  # "those prosecutions involved", "girls aged": a verb ends the phrase
        words.append(token)
    while words and words[-1] in _LIST_JOINS:
        words.pop()
    return [w for w in words]


def _join(words: list[str]) -> str:
    return re.sub(r"\s+,", ",", " ".join(words))


def _clause_before(text: str, pos: int, limit: int = 8) -> list[str]:
    chunk = text[:pos]
    cut = max(chunk.rfind(ch) for ch in ",;:()—“”")
    return chunk[cut + 1 :].split()[-limit:]


def _noun_after(text: str, end: int) -> str:
    words = _words_after(text, end)
    if words and words[0].lower() == "of":
        rest = _words_after(text, end + text[end:].find("of") + 2)
        return _join(["of", *rest]) if rest else ""
    if (
        len(words) == 1
        and words[0].lower() in ("counts", "cases")
        and text[end:].lstrip()[len(words[0]) :].lstrip().startswith("of")
    ):
        return _join([words[0], "of", *_words_after(text, end + text[end:].find(" of") + 3)])
    return _join(words)


_AGE_OF = re.compile(
    r"(?P<who>(?:[\w-]+\s+)?[\w-]+)\s+(?:is|was|are|were|aged|under|over|at|of)"
    r"(?:\s+(?:about|approximately|around|the\s+age\s+of))?\s*$"
)
_LASTING = re.compile(
    r"(?P<what>[\w-]+(?:\s+[\w-]+)?)\s+(?:\w+ly\s+)?(?:lasted|last|lasting|took|take|takes|spent|spend)"
    r"(?:\s+(?:about|approximately|around|nearly|over|under|roughly))?\s*$"
)
#: An entity followed by one of these is the figure's source, not what it is about ("X estimates that ...").
_SOURCE_VERB = re.compile(
    r"\s+(?:has\s+|have\s+)?(?:estimates?|estimated|reports?|reported|says|said|found|finds|states?|stated|claims?|notes?)\b"
)
_NUMBER_WORDS = frozenset("one two three four five six seven eight nine ten eleven twelve any each every".split())
_MEASURING_VERB = re.compile(
    r"(?P<who>(?:[\w.’'-]+\s+){0,3}?[\w.’'-]+)\s*,?\s+(?:is|was|are|were|constituted|accounted\s+for|made\s+up|"
    r"received|recorded|logged|handled|(?:can\s+|could\s+)?make|makes|made|generat\w+|earn\w*|profit\w*|reach\w*|total\w*|rank\w*|represent\w*)\s+(?:about\s+|approximately\s+|nearly\s+|over\s+|more\s+than\s+|less\s+than\s+|at\s+least\s+)?$"
)


def phrase(text: str, stat: StatisticRecord, local_start: int, local_end: int, head: str | None = None) -> str:
    """The phrase the figure at ``text[local_start:local_end]`` quantifies (``head``: its list's phrase)."""
    if head is not None:
        return head
    kind = stat.kind
    before = " ".join(_clause_before(text, local_start))
    after = _noun_after(text, local_end)
    per = re.match(r"\s*(per|a|each)\s+(\w+)", text[local_end:])
    rise = _RISE.search(text[:local_start])
    if rise and kind in ("percentage", "count", "money"):
        what = re.split(r"\s+(?:and|or|that|which|whereas|while|,)\s+", " ".join(rise.group("what").split()))[-1]
        what = re.sub(r"^(?:[\d.]+\s+)?(?:the|a|an)?\s*", "", what, flags=re.I)
        if kind == "percentage":
            up = re.match(r"(?i)rose|increased|grew|went up|climbed|jumped", rise.group("verb"))
            return f"{'increase' if up else 'reduction'} in {what}"
        return what
    if kind == "percentage":
        change = _CHANGE.search(text[:local_start])
        if change:
            direction = "increase" if re.match(r"(?i)increas|rose|grew|rais", change.group("verb")) else "reduction"
            what = re.split(r"\s+(?:and|or)\s+", " ".join(change.group("what").split()))[-1]
            return f"{direction} in {what}"
        if after.startswith("of "):
            return "share " + after
        return "share" + (f" ({after})" if after else "")
    if kind == "money":
        noun = next((name for pattern, name in _MONEY_VERBS if pattern.search(before)), "amount")
        period = _PERIOD_WORDS.get(stat.period or "", "")
        tail = f" per {per.group(2)}" if per and per.group(1) == "per" else ""
        return " ".join(p for p in (period, noun) if p) + tail
    if kind == "age":
        who = _AGE_OF.search(text[:local_start])
        words = [w for w in who.group("who").split() if w.lower() not in _STOP | _NUMBER_WORDS] if who else []
        return f"age of {' '.join(words)}" if words else "age"
    if kind == "rank":
        return "rank"
    if kind == "duration":
        what = _LASTING.search(text[:local_start])
        return (
            f"duration of {what.group('what')}"
            if what
            else "duration" + (f" {after}" if after.startswith("of ") else "")
        )
    period = _PERIOD_WORDS.get(stat.period or "", "") if kind == "count" else ""
    noun = after or kind
    if period and period in noun.split():
        period = ""
    noun = re.sub(r"\s+(?:annually|monthly|weekly|daily|yearly)$", "", noun)
    return f"{period} {noun}".strip()


def subject(
    text: str, local_start: int, names: list[tuple[int, int, str, bool]], base: int
) -> tuple[str, str | None, bool]:
    """The entity named in the figure's clause before it (text, entity key, is the gazetteer's), else the
    noun phrase before a measuring verb ("sex trafficking constituted 71 percent"), else nothing.

    An entity the clause names as a source ("according to X", "by X") is not the subject."""
    clause_start = max(text.rfind(ch, 0, local_start) for ch in ";:")
    before = [
        n
        for n in names
        if clause_start < n[0] - base
        and n[1] - base <= local_start
        and not re.search(r"(?i)(?:according\s+to|by)\s+(?:the\s+)?$", text[max(0, n[0] - base - 20) : n[0] - base])
        and not _SOURCE_VERB.match(text[n[1] - base :])
    ]
    if before:
        s, e, entity, gazetteer = before[-1]
        return " ".join(text[s - base : e - base].split()), entity, gazetteer
    verb = _MEASURING_VERB.search(text[:local_start])
    if verb:
        words: list[str] = []
        for word in verb.group("who").split():
            words = [] if word.lower() in _STOP | {"there", "it", "this", "that", "these"} else [*words, word]
        return " ".join(words[-3:]), None, False
    return "", None, False


def place(text: str, names: list[tuple[int, int, str, bool]], base: int) -> str:
    """A place the sentence names ("in the United States", "across Texas"), no entity and no month."""
    for match in _PLACE.finditer(text):
        name = re.sub(r"\s+(?:and|of)$", "", " ".join(match.group("place").split())).rstrip(",")
        if name.endswith(".") and name.count(".") == 1:
            name = name[:-1]
        start = base + match.start("place")
        if _NOT_PLACES.match(name) or any(s <= start < e for s, e, _, _ in names) or name[:1].isdigit():
            continue
        return name
    return ""


def fold_words(text: str) -> set[str]:
    return {w.lower().rstrip("s") for w in re.findall(r"[\w-]+", text) if w.lower() not in _STOP}


def measures(
    sentence: Sentence, stats: list[StatisticRecord], names: list[tuple[int, int, str, bool]]
) -> list[Measure]:
    """The measure of each statistic of one sentence (``names``: entity mentions, offsets in the report)."""
    text, base = sentence.text, sentence.span.start
    where = place(text, names, base)
    found: list[Measure] = []
    head_phrase: str | None = None
    for stat in sorted(stats, key=lambda s: s.span.start):
        start, end = stat.span.start - base, stat.span.end - base
        in_parens = text.rfind("(", 0, start) > text.rfind(")", 0, start)
        listed = in_parens and head_phrase is not None and stat.kind == "percentage"
        words = phrase(text, stat, start, end, head_phrase if listed else None)
        if stat.kind == "percentage" and not in_parens:
            head_phrase = words
        if listed:
            label = re.search(
                r"([A-Z][\w.&’'-]*(?:\s+[A-Z0-9][\w.&’'-]*)*)\s*$", text[: text.rfind("(", 0, start)].rstrip()
            )
            who, entity, gazetteer = (label.group(1), None, False) if label else ("", None, False)
            named = [n for n in names if label and n[0] - base == label.start(1)]
            if named:
                entity, gazetteer = named[0][2], named[0][3]
        else:
            who, entity, gazetteer = subject(text, start, names, base)
        words = " ".join(words.split())
        if who and not entity and fold_words(who) <= fold_words(words):
            who = ""  # "the average victim was 16 years": the subject is already what the phrase measures
        found.append(Measure(stat.span, words, who, entity, gazetteer, where, stat.year))
    return found
