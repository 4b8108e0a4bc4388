"""Statistics: every quantity a report states, normalised, with what it measures.

A figure is found by its shape (``$99 billion``, ``71 percent``, ``n=12``, ``17-year-old``,
``45 minutes to one hour``, ``four to six girls``) and kept only when it is a quantity,
not a number used as a name. Numbers that are not statistics are masked first, so that
no figure pattern can see them: years used as dates and in citations, locators
(``p. 2655``, ``para. 7``), endnote markers (``[16]``), list markers (``(1)``), phone numbers,
law numbers (``P.L.106-386``), running headers (``Volume 9, Issue 1``), page numbers on a
line of their own, hashtags and names with digits (``#304life``, ``Rights4Girls``,
``Level 3 Communications``), labels (``exchange 559``), quoted keywords (``"18,"``) and
whole bibliographic references in endnotes and the entries of a reference list, and numbered
paragraphs (``2.1 Online ...``).

Numbers in words need a noun after them (``four to six girls``, ``thirteen counts``), and
``one`` counts only beside other counts (``one police officer, two sergeants``), since
"one" is far more often a pronoun or an article than a quantity. Nouns of discourse
(``two ways``, ``three steps``, ``two distinctions``) are not statistics of the world.

``measure`` is drawn from the sentence around the figure: the words of its clause before
it, an ellipsis where the figure stands, and the words after it (``sex trafficking
constituted … of reported human trafficking incidents in 2017``). ``year`` is the year
the sentence says the figure refers to (``in 2017``, ``In 2018, ...``, ``since 2003 from``);
``period`` is either a recurrence as an ISO 8601 duration (``P1Y`` for "annually",
``P1M`` for "per month") or the stretch of time the figure covers as an ISO 8601
interval (``2003/2018``, ``2012-03-01/2012-05-31``).
"""

from kg.extract.statistics.read import extract_statistics, statistics_in_sentence

__all__ = ["extract_statistics", "statistics_in_sentence"]
