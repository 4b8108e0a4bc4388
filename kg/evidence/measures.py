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

from kg.evidence.measure_words import (
    PRONOUNS,
    STOP,
    bare,
    clause_before,
    noun_after,
    words_of,
)
from kg.evidence.records import Measure
from kg.records import Sentence, StatisticRecord

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


_AGE_OF = re.compile(
    r"(?P<who>(?:[\w-]+\s+)?[\w-]+)(?:\s+(?:is|was|are|were|aged|under|over|at|of))+"
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
_MEASURING_VERB = re.compile(
    r"(?P<who>(?:[\w.’'-]+\s+){0,3}?[\w.’'-]+)\s*,?\s+(?:is|was|are|were|constituted|accounted\s+for|made\s+up|"
    r"received|recorded|logged|handled|(?:can\s+|could\s+)?make|makes|made|generat\w+|earn\w*|profit\w*|reach\w*|total\w*|rank\w*|represent\w*)\s+(?:about\s+|approximately\s+|nearly\s+|over\s+|more\s+than\s+|less\s+than\s+|at\s+least\s+)?$"
)


#: "and" before a pronoun or "there" opens a new clause: "on a Southwest flight ... and there’s 50 customers".
_RESTART = re.compile(r"\b(?:and|but|so)\s+(?=(?:there|she|he|they|we|you|it|i)\b)", re.I)
_PER_UNIT = re.compile(r"\s+(?:a|per|each)\s+(night)\b")
_OF_HEAD = re.compile(r"^\s*Of\s+(?:the|these|those)?\s*(?:[\d,.]+\s+)?(?P<what>[\w\s’'-]+?)\s*,", re.I)
_NAMED_BEFORE = re.compile(
    r"[’']s\s+(?P<what>(?:[\w-]+\s+){0,4}[\w-]+)\s+(?:at|of|was|were|is|are|numbered|total\w*)\s+"
    r"(?:about\s+|approximately\s+|nearly\s+|over\s+|more\s+than\s+)?$"
)


def phrase(text: str, stat: StatisticRecord, local_start: int, local_end: int, head: str | None = None) -> str:
    """The phrase the figure at ``text[local_start:local_end]`` quantifies (``head``: its list's phrase);
    "" when the words around it name nothing a reader could take for what it measures."""
    if head is not None:
        return head
    kind = stat.kind
    before = " ".join(clause_before(text, local_start))
    after = noun_after(text, local_end)
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
        if after and not after.split()[0].endswith("ed"):
            return after  # "100% confidence", "a 20 percent increase": the noun is what it measures
        clause_start = max(text.rfind(ch, 0, local_start) for ch in ".;:")
        opening = _OF_HEAD.match(text[clause_start + 1 : local_start])
        if opening and opening.group("what").split()[-1].lower() not in STOP:
            return "share of " + " ".join(opening.group("what").split())  # "Of those 4,753 unique numbers, about half"
        return "share"
    if kind == "money":
        noun = next((name for pattern, name in _MONEY_VERBS if pattern.search(before)), "amount")
        period = _PERIOD_WORDS.get(stat.period or "", "")
        tail = f" per {per.group(2)}" if per and per.group(1) == "per" else ""
        return " ".join(p for p in (period, noun) if p) + tail
    if kind == "age":
        who = _AGE_OF.search(text[:local_start])
        words = words_of(who.group("who")) if who else []
        return f"age of {' '.join(words)}" if words else "age"
    if kind == "rank":
        return "rank"
    if kind == "duration":
        what = _LASTING.search(text[:local_start])
        lasting = words_of(what.group("what")) if what else []
        if lasting:
            return f"duration of {' '.join(lasting)}"
        return "duration" + (f" {after}" if after.startswith("of ") and len(after.split()) > 1 else "")
    if kind == "sample-size":
        return bare(after) or "sample size"
    period = _PERIOD_WORDS.get(stat.period or "", "") if kind == "count" else ""
    noun = bare(after)
    if not noun:
        named = _NAMED_BEFORE.search(text[:local_start])
        noun = " ".join(named.group("what").split()) if named else ""  # "Adult Search’s monthly unique visitors at"
    last = text.find(noun.split()[-1], local_end) + len(noun.split()[-1]) if noun else -1
    unit = _PER_UNIT.match(text, last) if last > 0 else None
    if noun and unit:
        return f"{noun} per {unit.group(1)}"  # "10, 12 tricks a night": said per night, not "daily"
    if period and period in noun.split():
        period = ""
    often = re.search(r"\s+(annually|monthly|weekly|daily|yearly)$", noun)
    if often:
        noun = noun[: often.start()]  # "50 billion pageviews monthly" -> "monthly pageviews"
        period = period or {"annually": "annual", "yearly": "annual"}.get(often.group(1), often.group(1))
    return f"{period} {noun}".strip() if noun else ""


def subject(
    text: str, local_start: int, names: list[tuple[int, int, str, bool]], base: int
) -> tuple[str, str | None, bool]:
    """The entity named in the figure's clause before it (text, entity key, is the gazetteer's), else the
    noun phrase before a measuring verb ("sex trafficking constituted 71 percent"), else nothing.

    An entity the clause names as a source ("according to X", "by X") is not the subject."""
    clause_start = max(text.rfind(ch, 0, local_start) for ch in ";:")
    restarts = list(
        re.finditer(r"\b(?:and|but|so)\s+(?=(?:there|she|he|they|we|you|it|i)\b)", text[:local_start], re.I)
    )
    if restarts:
        clause_start = max(clause_start, restarts[-1].end() - 1)  # "... and there’s 50 customers": a new clause
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
            reset = STOP | PRONOUNS | {"this", "that", "these"}
            words = [] if word.lower() in reset else [*words, word]
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
    return {w.lower().rstrip("s") for w in re.findall(r"[\w-]+", text) if w.lower() not in STOP}


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
        if not words and stat.kind == "count" and found:
            previous = found[-1]
            between = text[previous.statistic.end - base : start]
            if re.fullmatch(r"\s*\(\s*", between) and previous.phrase.startswith("share of "):
                words = previous.phrase[len("share of ") :]  # "about half (2,050)": the share's count
            elif re.search(r"[’']s\s+(?:at|of)\s*$", text[:start]):
                words = previous.phrase  # "…, MyRedBook’s at 243,360": the list's phrase
        if who and not entity and fold_words(who) <= fold_words(words):
            who = ""  # "the average victim was 16 years": the subject is already what the phrase measures
        found.append(Measure(stat.span, words, who, entity, gazetteer, where, stat.year))
    return found
