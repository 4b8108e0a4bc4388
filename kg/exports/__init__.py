"""The exports stage: what a reader takes away to cite or republish (BibTeX, nanopublications)."""
