"""The prefixes every typed query may use without declaring them (``ekg:``, ``res:``, ``oa:``, ...)."""

from __future__ import annotations

from kg.vocab import PREFIXES

#: Prefix -> namespace IRI, for serialisers and for listing (``kg prefixes``).
PREFIX_MAP: dict[str, str] = {prefix: str(namespace) for prefix, namespace in PREFIXES.items()}

#: The same declarations as text, as the console puts them before a typed query (shown in the app).
PREFIX_BLOCK = "".join(f"PREFIX {p}: <{ns}>\n" for p, ns in PREFIX_MAP.items())
