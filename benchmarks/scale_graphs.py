"""The graphs of the scale benchmark: the real graph built by ``kg build``, or N synthetic reports.

Each build runs in a fresh interpreter, so that its wall time and peak memory (``ru_maxrss`` of the
process and its children) are the build's alone, not the benchmark's; ``--real-graph`` and
``--synthetic N=FILE`` reuse a graph made before (a 10,000-report corpus takes most of an hour), and
then no build figures are given.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

_MEASURED = (
    "import json, resource, sys, time; from {module} import main; t = time.perf_counter(); "
    "code = main(sys.argv[1:]); s = time.perf_counter() - t; "
    "peak = max(resource.getrusage(w).ru_maxrss for w in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN)); "
    "print('MEASURED ' + json.dumps({{'seconds': s, 'peak_rss_mb': peak / 1024, 'code': code}}), file=sys.stderr); "
    "sys.exit(code)"
)


def measured(module: str, argv: list[str]) -> dict:
    """Run ``module.main(argv)`` in a fresh interpreter; its wall time and peak memory."""
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT / "scripts"), str(ROOT)])}
    done = subprocess.run(
        [sys.executable, "-c", _MEASURED.format(module=module), *argv],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    for line in done.stderr.splitlines():
        if line.startswith("MEASURED "):
            result = json.loads(line[len("MEASURED ") :])
            if result["code"] == 0:
                return result
    raise SystemExit(f"{module} {' '.join(argv)} failed:\n{done.stderr[-2000:]}")


def make_graph(
    size: str, scratch: Path, seed: int, real_graph: Path | None, prebuilt: dict[str, str]
) -> tuple[Path, dict]:
    """The N-Triples file of ``size`` ('real' or a number of reports) and how it was made."""
    if size == "real":
        if real_graph is not None:
            return real_graph, {"what": "pre-built", "seconds": None, "peak_rss_mb": None}
        out = scratch / "real"
        result = measured("kg.cli", ["build", "--out", str(out), "--quiet"])
        return out / "kg.nt", {"what": "kg build (extraction, SHACL, HermiT, outputs)", **result}
    if size in prebuilt:
        return Path(prebuilt[size]), {"what": f"pre-generated {prebuilt[size]}", "seconds": None, "peak_rss_mb": None}
    out = scratch / f"synthetic-{size}.nt"
    result = measured("synthetic_corpus", ["--reports", size, "--seed", str(seed), "--out", str(out), "--quiet"])
    return out, {"what": "scripts/synthetic_corpus.py", **result}


def count_triples(path: Path) -> int:
    with path.open("rb") as handle:
        return sum(1 for line in handle if line.strip())
