"""Evidence knowledge graph: claims and statistics of research reports, traced to their sources."""

__version__ = "0.1.0"
