"""Quality flags any report gets from rules: what a careful reader would question, where a rule can tell.

One module per rule, each with a ``RULE`` (:class:`~kg.evidence.flag_rules.context.FlagRule`): the kinds
it raises and a function from one report's records to its flags. :mod:`~kg.evidence.flag_rules.registry`
finds them, so a new rule is a new module. The rules (their modules' docstrings say more):

* ``no_source``: a figure, or a sentence that claims a fact, with no citation (``no-source``).
* ``news``: a claim or figure resting only on news items (``news-as-evidence``).
* ``undated``: a cited work without a year (``undated-source``).
* ``personal``: a statement resting on a personal communication (``personal-communication-as-evidence``).
* ``variants``: a citation resolved as a variant (``citation-variant``, ``year-mismatch``) or not at all
  (``not-in-bibliography``).
* ``figure_years``: a figure of a year later than every work it is cited to (``year-mismatch``).
* ``uncited``: an entry the bibliography gives for the report that it never cites (``uncited-reference``).
* ``relayed``: a figure or statement credited to one organisation and cited to another work
  (``relayed-figure``; the chain of custody, :mod:`kg.evidence.chains`).
"""

from kg.evidence.flag_rules.context import FlagRule, ReportRecords, make_flag
from kg.evidence.flag_rules.registry import RULE_KINDS, RULES, run_rules

__all__ = ["FlagRule", "make_flag", "ReportRecords", "RULE_KINDS", "RULES", "run_rules"]
