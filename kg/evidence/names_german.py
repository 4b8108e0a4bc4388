"""German heads: the bodies German names in one compound word whose last part is the head.

``Bundestag``, ``Bundeskriminalamt``, ``Verfassungsgericht``, ``Bundesministerium für ...``: German writes
a body's type as the last part of one word, where English writes a head word (:mod:`kg.evidence.names`).
"""

from __future__ import annotations

#: The heads German writes as the last part of one compound word (``Bundestag``, ``Bundeskriminalamt``,
#: ``Verfassungsgericht``), longest first: a capitalised word ending in one, after at least three letters (or one that
#: is a body's whole name, ``Bundestag``, ``Landtag``), is headed.
_COMPOUND_HEADS: tuple[tuple[str, str], ...] = tuple(
    sorted(
        {
            **dict.fromkeys(
                "ministerium amt anstalt zentrale behörde bundestag landtag bundesrat kommission agentur "
                "regierung".split(),
                "GovernmentAgency",
            ),
            "gericht": "Court",
            "polizei": "LawEnforcementAgency",
            **dict.fromkeys("verband verein partei gewerkschaft".split(), "Organization"),
            **dict.fromkeys("stiftung".split(), "NonGovernmentalOrganization"),
            **dict.fromkeys("universität hochschule institut".split(), "ResearchInstitution"),
            "gesetz": "Legislation",
        }.items(),
        key=lambda pair: -len(pair[0]),
    )
)


def compound_head(word: str) -> str | None:
    """The class a German compound's last part gives (``word`` lower-cased), or None."""
    return next(
        (kind for end, kind in _COMPOUND_HEADS if word.endswith(end) and (len(word) >= len(end) + 3 or len(end) >= 7)),
        None,
    )
