"""The sources stage: everything the tool reads from a project, checked before anything is built.

``text`` (report texts, paragraphs, sections, sentences), ``bibtex`` and ``bibliography``
(BibTeX entries), ``references`` (an entry formatted for people), ``gazetteer`` (platforms,
agencies, organisations), ``annotations`` (the curated layer), ``rdf`` (RDF files parsed
offline), and ``add`` (``kg add``: a new report into the project). Errors a user can fix
are :class:`kg.errors.InputError` with the file and the line.
"""
