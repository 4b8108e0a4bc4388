"""Graphs drawn with pyvis (vis-network): self-contained HTML, every label and tooltip inert text."""

from __future__ import annotations

import html
import json
import re
from collections.abc import Iterable, Sequence

from kg.appdata.graphs import Edge, Node
from kg.appdata.names import short

#: Node colours of the graphs, by the kind of node (a legend shows them).
NODE_COLOURS = {
    "claim": "#4e79a7",
    "statistic": "#f28e2b",
    "work": "#59a14f",
    "study": "#76b7b2",
    "excerpt": "#edc948",
    "platform": "#b07aa1",
    "organisation": "#ff9da7",
    "flag": "#e15759",
    "other": "#bab0ac",
}


def pyvis_html(nodes: Sequence[Node], edges: Sequence[Edge], height: int = 520) -> str:
    """A self-contained pyvis page of the graph; labels drawn as plain text, tooltips escaped.

    vis-network draws labels on a canvas (never parsed as HTML); pyvis writes the data with
    Jinja's ``tojson`` (which escapes ``<``, ``>``, ``&``); the tooltip is set with
    ``innerHTML``, so titles are HTML-escaped here.
    """
    from pyvis.network import Network

    net = Network(height=f"{height}px", width="100%", directed=True, cdn_resources="in_line")
    net.set_options(
        json.dumps(
            {
                "physics": {"solver": "forceAtlas2Based", "stabilization": {"iterations": 150}},
                "edges": {
                    "arrows": {"to": {"enabled": True, "scaleFactor": 0.5}},
                    "font": {"size": 10, "align": "middle"},
                    "color": {"color": "#999999"},
                },
                "nodes": {"shape": "dot", "size": 14, "font": {"size": 12}},
                "interaction": {"hover": True},
            }
        )
    )
    for i, n in enumerate(nodes):
        label = n.label if len(n.label) <= 32 else n.label[:30] + "…"
        title = html.escape(f"{n.kind}: {n.label}\n{short(n.iri)}")
        net.add_node(
            n.iri,
            label=label,
            title=title,
            color=NODE_COLOURS.get(n.kind, NODE_COLOURS["other"]),
            size=22 if i == 0 else 14,
            borderWidth=3 if i == 0 else 1,
        )
    for e in edges:
        net.add_edge(e.source, e.target, label=e.label, title=html.escape(e.label))
    page = net.generate_html(notebook=False)
    # pyvis adds Bootstrap from a CDN for styling it does not need here: keep the page self-contained
    page = re.sub(r'<link[^>]*href="https?://[^"]*"[^>]*>', "", page)
    page = re.sub(r'<script[^>]*src="https?://[^"]*"[^>]*>\s*</script>', "", page)
    return page.replace("<center>\n<h1></h1>\n</center>", "")


def legend_html(kinds: Iterable[str]) -> str:
    chips = [
        f'<span style="display:inline-block;margin-right:12px"><span style="display:inline-block;width:12px;'
        f'height:12px;border-radius:6px;background:{NODE_COLOURS.get(k, NODE_COLOURS["other"])};margin-right:4px">'
        f"</span>{html.escape(k)}</span>"
        for k in dict.fromkeys(kinds)
    ]
    return "".join(chips)
