"""A report's own bibliography: its reference list or its notes, read into entries.

Pure: text in, :class:`~kg.records.ReferenceRecord` out. :mod:`.lists` finds the lists and their
entries, :mod:`.entry` reads one entry into its fields (with :mod:`.fields` and :mod:`.authors`).
Entries carry their anchor into the text; what an entry does not say stays empty.
"""

from __future__ import annotations

from kg.extract.references.entry import Entry, parse_entry
from kg.extract.references.lists import ListItem, ListSection, find_lists, numbered_items, split_entries
from kg.extract.references.records import entry_work, reference_record

__all__ = [
    "Entry",
    "ListItem",
    "ListSection",
    "entry_work",
    "find_lists",
    "numbered_items",
    "parse_entry",
    "reference_record",
    "split_entries",
]
