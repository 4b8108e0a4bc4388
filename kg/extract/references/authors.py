"""The authors of a reference as the styles write them, read into names and the family names citations use.

``Okonkwo, C., Adeyemi, T., & Hart, J.`` (APA), ``Okonkwo, C. and Adeyemi, T.`` (Harvard),
``Okonkwo, Chidi, and Tunde Adeyemi`` (MLA, Chicago), ``C. Okonkwo and T. Adeyemi`` (IEEE),
``Okonkwo C, Adeyemi T`` (Vancouver), ``Chidi Okonkwo and Tunde Adeyemi`` (notes), ``…, et al.``,
and organisations (``World Health Organization``, ``U.S. Department of State``), which are one name.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_PARTICLES = frozenset("van von der den de di du da dos del della la las los le ter ten".split())
_INITIALS = re.compile(r"^(?:[A-ZÀ-Þ][a-z]?\.?[\s-]?){1,4}$")  # "C.", "C. A.", "C.-A.", "Ch.", "È."
_VANCOUVER = re.compile(
    r"^(?P<family>(?:(?:van|von|der|den|de|di|du|da|dos|del|della|la|le|ter|ten)\s)*[A-ZÀ-ÞČŠŽŁ][\w'’-]+"
    r"(?:\s(?:(?:van|von|der|den|de|di|du|da|dos|del|della|la|le|ter|ten)\s)*[A-ZÀ-Þ][\w'’-]+)*)"
    r"\s(?P<given>[A-ZÀ-Þ]{1,3}|[A-Z]-[A-Z])$"  # "Okonkwo C", "Van der Linden ML", "Gallego JÁ", "Hughes A-M"
)
#: Vancouver with stops after the initials (``Besharat M. A.``, ``BaniJamali Sh. S.``, ``Hakimi Rad E.``): the
#: family name first, then initials only.
_VANCOUVER_DOTTED = re.compile(
    r"^(?P<family>(?:(?:van|von|der|den|de|di|du|da|dos|del|della|la|le|ter|ten)\s)*[A-ZÀ-ÞČŠŽŁ][\w'’-]+"
    r"(?:\s(?:(?:van|von|der|den|de|di|du|da|dos|del|della|la|le|ter|ten)\s)*[A-ZÀ-Þ][\w'’-]+)?)"
    r"\s(?P<given>[A-Z][a-z]?\.(?:\s?[A-Z][a-z]?\.?){0,2})$"
)
#: Initials as a list of family names first writes them after a comma: capitals (``C``, ``CA``) or with stops
#: (``C.``, ``Ch.``); a capitalised short word without a stop (``Xu``, ``Li``) is a family name.
_DOTTED_OR_CAPS = re.compile(r"^(?:[A-ZÀ-Þ]{1,3}|(?:[A-ZÀ-Þ][a-z]?\.[\s-]?){1,4})$")
_WORD = re.compile(r"^(?:[A-ZÀ-Þ][\w'’´.-]*|[a-z]{1,3})$")  # ´: an apostrophe typed as an accent
_ORGANISATION_WORDS = re.compile(
    r"\b(?:of|for|the|on|in|at|to)\b|\b(?:Inc|Ltd|LLC|Corporation|Company|Association|Institute|Center|Centre|"
    r"Department|Office|Agency|Bureau|Commission|Council|Organi[sz]ation|Foundation|University|Ministry|"
    r"Service|Services|Project|Coalition|Network|Society|Board|Committee|Group|Court|Congress|Parliament|Trust|Fund|"
    r"Alliance|Authority|Initiative|Programme|Program|Team|Consortium)\b"
)
_SPLIT = re.compile(r"\s*,?\s*(?:&|\band\b)\s+|\s*[,;]\s*")
_ET_AL = re.compile(r"(?:,?\s*(?:et\s+al\.?|and\s+others|\.\.\.|…)|,\s*others)\s*$", re.IGNORECASE)


@dataclass(frozen=True)
class Authors:
    """Who wrote a work: each name as written, the family names, and whether the list was cut short."""

    names: tuple[str, ...] = ()
    families: tuple[str, ...] = ()
    et_al: bool = False


def _family(words: list[str]) -> str:
    """The family name at the end of a name in natural order, with its particles (``van der Berg``)."""
    i = len(words) - 1
    while i > 0 and words[i - 1].lower() in _PARTICLES:
        i -= 1
    return " ".join(words[i:])


def is_organisation(text: str) -> bool:
    """A name that is an organisation's: its words (``Department``, ``of``) say so, or it is an acronym."""
    bare = text.strip()
    return bool(_ORGANISATION_WORDS.search(bare)) or bool(re.fullmatch(r"[A-Z][A-Z&.]{1,9}", bare))


def looks_like_names(text: str) -> bool:
    """Capitalised words, initials, particles and connectors only: a list of authors or an organisation."""
    words = re.sub(r"[,;&]", " ", _ET_AL.sub("", text)).split()
    if not words or len(words) > 40:
        return False
    named = 0
    for word in words:
        bare = word.strip(".")
        if word.lower() in ("and", "et", "al.", "al") or word.lower() in _PARTICLES:
            continue
        if _ORGANISATION_WORDS.fullmatch(word):
            continue
        if not _WORD.match(word) or any(ch.isdigit() for ch in word) or word.startswith(("“", '"', "‘")):
            return False
        named += bool(bare)
    return named > 0


#: Words that begin titles, never a person's name.
_TITLE_WORDS = frozenset(
    """A An The On In Of For To From Toward Towards Beyond After Before When Where What Why How Who Whose Which Is
    Are Do Does Can Should Will Why New Global National International Modern Online Digital Social Public Policing
    Understanding Rethinking Exploring Assessing Examining Measuring Mapping Beyond Between Against Inside Introduction
    Notes Report Annual Review Guide Handbook""".split()
)


def is_title_like(phrase: str) -> bool:
    """Words that read as (the start of) a title, not a name: a title word first, small words, a colon, many words."""
    words = phrase.split()
    if not words:
        return False
    if words[0].strip('“"‘') in _TITLE_WORDS or ":" in phrase or len(words) > 4:
        return True
    return any(w.islower() and w not in _PARTICLES and w != "and" for w in words)


def parse_authors(text: str, inverted: bool = False, own_sentence: bool = False) -> Authors:
    """The authors of a reference (see the module docstring); empty when ``text`` is not a list of names.

    ``inverted``: the style writes every person family name first (APA, Harvard, Chicago
    author-date), so a name of several words in natural order is an organisation's
    (``Associated Press``), not a person's. ``own_sentence``: the names end with a full stop, as
    MLA's do, which inverts the first person's name: three words uninverted are an organisation.
    """
    text = " ".join(text.split()).strip(" ,;:")
    text = text if re.search(r"\b[A-Z]\.$", text) else text.rstrip(".")
    if not text:
        return Authors()
    et_al = bool(_ET_AL.search(text))
    text = _unslashed(_ET_AL.sub("", text).strip(" ,"))
    if grouped := _inverted_groups(text):
        return Authors(tuple(f"{f}, {g}" for f, g in grouped), tuple(f for f, _ in grouped), et_al)
    parts, joins = _parts(text)
    # "Pinheiro J, Bates D, R Core Team": persons and an organisation, not one organisation's name
    listed = len(parts) > 1 and any(_VANCOUVER.match(p) for p in parts)
    if is_organisation(text) and not listed and not re.search(r",\s*(?:[A-Z]\.\s?)+(?:,|$|\s&|\sand)", text):
        return Authors((text,), (text,), et_al)
    family_first = _VANCOUVER.match(text) or _VANCOUVER_DOTTED.match(text)  # "Agha Beigi L": a person
    if own_sentence and not family_first and not re.search(r",|&|\band\b|\b[A-Z]\.", text) and len(text.split()) >= 3:
        return Authors((text,), (text,), et_al)  # "Câmara Municipal de Lisboa. Title.": MLA inverts a person's name
    names: list[str] = []
    families: list[str] = []
    i = 0
    while i < len(parts):
        part = parts[i]
        following = parts[i + 1] if i + 1 < len(parts) else ""
        words = part.split()
        if (m := _VANCOUVER_DOTTED.match(part)) and not _INITIALS.match(following):
            names.append(part)  # "Besharat M. A.": a family name and its initials, one author
            families.append(m.group("family"))
            i += 1
            continue
        # "Webb AE, Li YI": two Vancouver names, not a family name and its initials "Li YI"
        vancouver_pair = bool(_VANCOUVER.match(part) and _VANCOUVER.match(following))
        short = len(words) <= 2 or words[0].lower() in _PARTICLES
        if _INITIALS.match(following) and not vancouver_pair and short:
            names.append(f"{part}, {following}")  # "Okonkwo, C." (APA, Harvard)
            families.append(part)
            i += 2
            continue
        if len(words) > 1 and is_organisation(part) and not _INITIALS.match(following):
            names.append(part)  # "R Core Team" among persons
            families.append(part)
            i += 1
            continue
        natural = bool(re.match(r"^(?:[A-Z]\.\s?)+[A-Z]", part))  # "C. Okonkwo": already in natural order
        if m := _VANCOUVER.match(part) or _VANCOUVER_DOTTED.match(part):
            names.append(part)  # "Okonkwo C"
            families.append(m.group("family"))
            i += 1
            continue
        inverted_first = not names and following and not natural and len(words) <= 3 and "," in joins[i]
        # "Peter Gerling, Hilmar Remple, ...": two names in natural order, not a family name and its given names
        both_whole = len(words) == 2 and words[0].lower() not in _PARTICLES and len(following.split()) >= 2
        both_whole = both_whole and not _DOTTED_OR_CAPS.match(following.split()[-1])  # "Bing Xu": Xu is no initial
        # but a style that inverts every person's name writes one author so: "Abu Kareem, Ayman Mohamed Ahmed"
        both_whole = both_whole and not (inverted and len(parts) == 2)
        if (
            inverted_first
            and not both_whole
            and not _MIDDLE_INITIAL.search(part)
            and _given_names(following, parts[i + 2 :])
        ):
            names.append(f"{part}, {following}")  # "Okonkwo, Chidi" (MLA and Chicago invert the first author)
            families.append(part)
            i += 2
            continue
        single_name = inverted and len(parts) == 1 and not natural  # "Associated Press (2012)": an organisation
        if len(words) == 1 or (single_name and not any(w.lower() in _PARTICLES for w in words)):
            names.append(part)
            families.append(part)
        else:
            names.append(part)  # "C. Okonkwo", "Chidi Okonkwo", "Van der Berg"
            families.append(part if words[0].lower() in _PARTICLES or words[0][:1].islower() else _family(words))
        i += 1
    return Authors(tuple(names), tuple(families), et_al)


#: A name in natural order with a middle initial (``David L. Greene``, ``Edward J Hu``): never a family name before
#: a comma.
_MIDDLE_INITIAL = re.compile(r"[A-Za-zÀ-ÿ]{2,}\s(?:[A-Z](?:\.\s?|\s))+[A-ZÀ-Þ][a-zà-ÿ]")


_GROUPS = re.compile(r"\s*(?:;|,?\s&|,?\s\band\b)\s*")
_FAMILY = re.compile(
    r"^(?:(?:van|von|de|der|den|da|di|du|la|le|ter|ten)\s)*[A-ZÀ-Þ][\w'’-]+(?:[\s-][A-ZÀ-Þ][\w'’-]+)?$"
)
_GIVEN = re.compile(r"^(?:[A-ZÀ-Þ][\w'’-]*\.?|[A-ZÀ-Þ]\.(?:-?[A-ZÀ-Þ]\.)*)(?:\s(?:[A-ZÀ-Þ][\w'’-]*\.?))*$")


def _inverted_groups(text: str) -> list[tuple[str, str]]:
    """Every author family name first with whole given names, the names set apart by ``;`` and ``&``
    (``Green, Jeffrey; Sedikides, Constantine & Gregg, Aiden``, ``Amodeo, Maryann & Griffin, Margaret``):
    the commas then part a family name from its given names only. Empty when ``text`` is not so written."""
    groups = [g.strip(" ,") for g in _GROUPS.split(text)]
    if len(groups) < 2 or not all(g.count(",") == 1 for g in groups):
        return []
    pairs = [tuple(p.strip() for p in g.split(",")) for g in groups]
    if not all(_FAMILY.match(f) and _GIVEN.match(given) and len(given.split()) <= 3 for f, given in pairs):
        return []
    return [(f, given) for f, given in pairs]


#: One name of a list German styles part by slashes: ``Jahoda, M.``, ``Rerrich, M. S.``, ``H. Schindler``.
_SLASHED_NAME = re.compile(
    r"[A-ZÀ-Þ][\w'’-]+(?:[\s-][A-ZÀ-Þ][\w'’-]+)?,\s?(?:[A-ZÀ-Þ][a-z]?\.[\s-]?){1,4}|(?:[A-ZÀ-Þ]\.[\s-]?){1,4}[A-ZÀ-Þ][\w'’-]+"
)


def _unslashed(text: str) -> str:
    """A list of names parted by slashes (``Jahoda, M./Lazarsfeld, P./Zeisel, H.``, ``H. Schindler/A. Wacker``),
    parted by semicolons instead, as the other styles part names: only when every piece is one name."""
    pieces = [p.strip() for p in text.split("/")]
    # the last initial may have lost its stop to the field's trimming ("Zeisel, H")
    if len(pieces) < 2 or not all(_SLASHED_NAME.fullmatch(p) or _SLASHED_NAME.fullmatch(p + ".") for p in pieces):
        return text
    return "; ".join(pieces)


def _parts(text: str) -> tuple[list[str], list[str]]:
    """The pieces of a list of names and what joins each to the next (``, ``, `` and ``, ``, & ``)."""
    parts: list[str] = []
    joins: list[str] = []
    pos = 0
    for m in _SPLIT.finditer(text):
        piece = text[pos : m.start()].strip()
        if piece:
            parts.append(piece)
            joins.append(m.group())
        elif joins:
            joins[-1] += m.group()
        pos = m.end()
    if text[pos:].strip():
        parts.append(text[pos:].strip())
        joins.append("")
    return parts, joins


def _given_names(candidate: str, rest: list[str]) -> bool:
    """``Chidi`` or ``Chidi A.`` after ``Okonkwo,``: given names, when the next author is in natural order."""
    words = candidate.split()
    if not 1 <= len(words) <= 3 or not all(w[:1].isupper() for w in words) or _MIDDLE_INITIAL.search(candidate):
        return False  # "Janet L. Hopson" is a name of its own, not the given names of the one before
    if not rest:
        return True
    return len(rest[0].split()) >= 2  # "Okonkwo, Chidi, and Tunde Adeyemi"
