"""The pipeline stage: ``kg build``, the path of the data from the project's files to validated graph files.

Named for what it is, not ``build``: ``build/`` is the folder it writes. :mod:`kg.pipeline.stages`
runs sources -> extraction -> resolution -> evidence, one task per report (:mod:`kg.pipeline.tasks`);
:mod:`kg.pipeline.run` builds the graph, validates it part by part (:mod:`kg.pipeline.validation`
for SHACL, :mod:`kg.pipeline.reasoning` for HermiT) and writes the outputs (:mod:`kg.pipeline.outputs`)
and the cache (:mod:`kg.pipeline.cache`) under a lock (:mod:`kg.pipeline.lock`). Tasks run in worker
processes or on Dask (:mod:`kg.pipeline.pool`), with progress bars (:mod:`kg.pipeline.progress`).
"""

from kg.pipeline.run import BuildFailedError, BuildResult, assemble, build

__all__ = ["BuildFailedError", "BuildResult", "assemble", "build"]
