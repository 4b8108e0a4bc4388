"""The resolve stage: in-text citations tied to bibliography entries (``citations``), and each
statistic to what it rests on (``statistics``). ``extraction`` holds the records every stage up to
here produces, which the graph stage turns into RDF.
"""
