"""The flag rules, found as the modules of :mod:`kg.evidence.flag_rules` that hold a ``RULE``.

A new kind of suggested flag is one module here (its ``RULE``) and the kind's words in
:mod:`kg.kinds`; nothing else lists the rules.
"""

from __future__ import annotations

import importlib
import pkgutil

from kg.evidence.flag_rules.context import FlagRule, ReportRecords
from kg.evidence.records import SuggestedFlag

#: The package's modules that are not rules.
_NOT_RULES = frozenset({"context", "registry"})


def _discover() -> tuple[FlagRule, ...]:
    package = importlib.import_module("kg.evidence.flag_rules")
    rules = []
    for info in sorted(pkgutil.iter_modules(package.__path__), key=lambda i: i.name):
        if info.name in _NOT_RULES:
            continue
        module = importlib.import_module(f"{package.__name__}.{info.name}")
        rule = getattr(module, "RULE", None)
        if not isinstance(rule, FlagRule):
            raise ImportError(f"{module.__name__}: a module of kg.evidence.flag_rules holds one RULE (a FlagRule)")
        rules.append(rule)
    return tuple(rules)


#: Every rule, in the order of their modules' names.
RULES: tuple[FlagRule, ...] = _discover()
#: Every kind a rule may raise.
RULE_KINDS: frozenset[str] = frozenset(kind for rule in RULES for kind in rule.kinds)


def run_rules(records: ReportRecords) -> list[SuggestedFlag]:
    """Every rule's flags over one report, by where they start and their kind."""
    found = []
    for rule in RULES:
        flags = rule.find(records)
        stray = {flag.kind for flag in flags} - set(rule.kinds)
        if stray:  # a rule declares what it raises, so that the kinds are read from the registry
            raise RuntimeError(f"{rule.find.__module__} raised kinds it does not declare: {sorted(stray)}")
        found += flags
    return sorted(found, key=lambda f: (f.spans[0].start, f.kind))
