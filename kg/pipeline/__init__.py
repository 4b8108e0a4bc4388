"""The pipeline stage: ``kg build``, the path of the data from the project's files to validated graph files.

Named for what it is, not ``build``: ``build/`` is the folder it writes. :mod:`kg.pipeline.stages`
runs sources -> extraction -> resolution -> evidence; :mod:`kg.pipeline.run` builds the graph,
validates it and writes the outputs (:mod:`kg.pipeline.outputs`) under a lock (:mod:`kg.pipeline.lock`).
"""

from kg.pipeline.run import BuildFailedError, BuildResult, assemble, build

__all__ = ["BuildFailedError", "BuildResult", "assemble", "build"]
