"""Units of measure written after a number, glued to it or not: ``94.5GB``, ``74 MB``, ``10ms``, ``3.2 GHz``, ``5 kg``.

A number glued to letters is usually a name (``3D``, ``5G``, ``IO4``) or an ordinal (``10th``), and is masked
(:mod:`.masks`); but when the letters are the symbol of a unit of measure (an SI or binary prefix and a unit:
``GB``, ``MiB``, ``ms``, ``kWh``), the number is a quantity in that unit. Only symbols of two letters or more
are read, and they are matched case for case (``Mb`` is a megabit, ``MB`` a megabyte, ``mb`` nothing), so
that a one-letter name or scale (``5G``, ``$5M``, ``3D``) is never taken for a unit. Each symbol is written as
the QUDT unit it names (the unit codes of :data:`kg.vocab.UNITS`).
"""

from __future__ import annotations

import re

from kg.extract.numbers import DIGITS

#: Unit symbols -> QUDT unit codes.
SYMBOLS: dict[str, str] = {
    **{f"{p}B": f"{q}BYTE" for p, q in (("K", "Kilo"), ("k", "Kilo"), ("M", "Mega"), ("G", "Giga"), ("T", "Tera"))},
    "PB": "PetaBYTE",
    **{f"{p}iB": f"{q}BYTE" for p, q in (("K", "Kibi"), ("M", "Mebi"), ("G", "Gibi"), ("T", "Tebi"))},
    "kg": "KiloGM",
    "mg": "MilliGM",
    "µg": "MicroGM",
    "μg": "MicroGM",
    "km": "KiloM",
    "cm": "CentiM",
    "mm": "MilliM",
    "µm": "MicroM",
    "μm": "MicroM",
    "nm": "NanoM",
    "ms": "MilliSEC",
    "µs": "MicroSEC",
    "μs": "MicroSEC",
    "ns": "NanoSEC",
    "Hz": "HZ",
    "kHz": "KiloHZ",
    "MHz": "MegaHZ",
    "GHz": "GigaHZ",
    "ml": "MilliL",
    "mL": "MilliL",
    "kW": "KiloW",
    "MW": "MegaW",
    "GW": "GigaW",
    "kWh": "KiloW-HR",
    "dB": "DeciB",
    "°C": "DEG_C",
}
_SYMBOL = "|".join(sorted((re.escape(s) for s in SYMBOLS), key=len, reverse=True))
#: A number and its unit: ``94.5GB``, ``74 MB`` (the ``unit`` group is the symbol).
MEASURE = re.compile(rf"(?<![\w.,$£€]){DIGITS}(?:\s?)(?P<unit>{_SYMBOL})(?![\w°])")
#: Where a number glued to letters is a quantity in a unit, not a name: for the masks' lookaheads.
GLUED_UNIT = rf"(?-i:\d+(?:\.\d+)?(?:{_SYMBOL})(?![\w°]))"

#: A count glued to the letter of its scale (``81.1M papers``, ``677k``, ``9.5k``, ``380M``): a decimal before k, M,
#: B or bn, any digits before k, two digits or more before M, B or bn (one digit and a capital, ``3M``, ``8B``,
#: is a name's shape and stays masked, as is one joined to a word, ``LLaMA-350M``, and a long or zero-led
#: identifier, ``0316064B``).
_SCALED = r"(?!0\d)(?:\d{1,4}\.\d+(?:bn|[kKMB])|\d{1,4}[kK]|\d{2,4}(?:bn|[MB]))(?![\w°])"
SCALED = re.compile(rf"(?<![\w.,$£€-])(?P<fig>{_SCALED})")
#: Where a number glued to letters is a count at a scale, not a name: for the masks' lookaheads.
GLUED_SCALE = rf"(?<!-)(?-i:{_SCALED})"
#: The scale letters, as the words :func:`kg.extract.numbers.parse_number` reads.
SCALE_WORDS = {"k": "thousand", "K": "thousand", "M": "million", "B": "billion", "bn": "billion"}
