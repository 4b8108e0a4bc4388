"""Which IRIs the scale benchmark binds to the canned queries' parameters.

A lookup timed with an IRI that matches nothing measures an empty index probe, not the lookup a user
makes, so each parameter gets a real IRI of a fitting kind for which the query gives rows. The
candidates come from the middle of each kind's sorted list (neither the first report's items nor the
last's), so the choice is the same on every run of a corpus. The embedded store chooses them once per
size and every other store is given the same, so that all stores answer the same question.
"""

from __future__ import annotations

from collections.abc import Callable

from scale_runs import in_child

from kg.query import QuerySpec, bind_params
from kg.store import EmbeddedStore

EKG = "https://w3id.org/evidence-kg/ontology#"
#: Kinds of IRIs a parameter may name, each with a query listing real ones (that rest on something
#: or are mentioned, so lookups find rows).
CANDIDATE_QUERIES = {
    "statistic": f"SELECT ?x WHERE {{ ?x a <{EKG}Statistic> ; <{EKG}restsOn> ?s }}",
    "curated claim": f"SELECT ?x WHERE {{ ?x a <{EKG}CuratedClaim> ; <{EKG}restsOn> ?s }}",
    "claim": f"SELECT ?x WHERE {{ ?x a <{EKG}Claim> ; <{EKG}restsOn> ?s }}",
    "excerpt": f"SELECT ?x WHERE {{ ?x a <{EKG}InterviewExcerpt> }}",
    "work": f"SELECT ?x WHERE {{ ?x a <{EKG}CitedWork> }}",
    "entity": f"SELECT DISTINCT ?x WHERE {{ ?m <{EKG}mentionOf> ?x }}",
    "study": f"SELECT ?x WHERE {{ ?x a <{EKG}Study> }}",
    "report": f"SELECT ?x WHERE {{ ?x a <{EKG}Report> }}",
}


def choose_params(store: EmbeddedStore, registry: dict[str, QuerySpec], cap: float) -> dict[str, dict[str, str]]:
    """For each query with parameters, real IRIs that give rows (tried in order of kind, middle of each list).

    Each trial runs in a killable child (``cap`` s), so a lookup that runs away on a large graph costs
    the cap, not the run; a query whose trial finds nothing gets the first candidate.
    """
    candidates: list[str] = []
    for sparql in CANDIDATE_QUERIES.values():
        found = store.select(sparql + " ORDER BY ?x", limit=None, timeout=None).values("x")
        middle = len(found) // 2
        candidates += found[middle : middle + 3]
    chosen: dict[str, dict[str, str]] = {}
    for name, spec in registry.items():
        if not spec.params or any(p.type != "iri" for p in spec.params):
            continue

        def trial(send: Callable[[dict], None], spec: QuerySpec = spec) -> None:
            for iri in candidates:
                params = {p.name: iri for p in spec.params}
                table = store.select(spec.text, bind_params(spec, params), limit=1, timeout=None)
                if table.rows:
                    send({"params": params})
                    return
            send({"params": {p.name: candidates[0] for p in spec.params}})

        messages, _ = in_child(trial, cap)
        if messages and "params" in messages[0]:
            chosen[name] = messages[0]["params"]
    return chosen
