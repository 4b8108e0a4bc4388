"""In-text citations: author-year (parenthetical and narrative) and numbered notes and references.

Pure text in, records out: ``read_citations(text, report_key, layout)`` knows nothing about
any particular report. It reads

* author-year parentheticals, several works to a group, with prefixes (``see``, ``e.g.``),
  locators (``p. 2655``, ``para. 7``) and repeated years (``Stansky & Finkelhor, 2008,
  2012`` is two works), with or without the comma (``(Okonkwo 2018)``), laws (``... Act of
  2000``), case names (``X v. Y``), and ``(ibid., p. 5)`` / ``(Okonkwo, op. cit.)``;
* narrative citations: names right before a parenthesised year (``Kara (2009)``,
  ``Fedina, Williamson, and Perdue (2019)``, ``boyd et al. (2011)``,
  ``Nguyen et al. (2019, p. 14)``), a named report (``the CCLP 2011 report``), and a later
  mention of a multi-author citation without its year (``Farrell and Pfeffer also ...``);
* note markers (``[16]``, ``[1, 4]``, ``[2–5]``, ``^3``, ``³``, and ``(3)`` beside a numbered
  reference list) resolved through the notes (:mod:`.notes`, :mod:`.markers`): one record per
  work the note cites, at the marker, with that work's citation text in ``endnote_text``; a
  marker whose note is missing gives a record without names; a short citation a note writes
  (``See Musto (2011).``) is a record of its own, at its words in the note;
* the entries of the report's own reference list and notes (:mod:`kg.extract.references`).

Hard-wrapped text breaks citations across lines, so matching runs on a whitespace-folded
view of the text (reading through page furniture and line-end hyphens) and every span is
mapped back to offsets in the unchanged text. A year on its own is never a citation: only a
year attached to names is.
"""

from kg.extract.citations.read import ReadCitations, extract_citations, read_citations

__all__ = ["extract_citations", "read_citations", "ReadCitations"]
