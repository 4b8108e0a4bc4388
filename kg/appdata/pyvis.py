"""Graphs drawn with pyvis (vis-network): self-contained HTML, every label and tooltip inert text.

Readable at every size: labels are a few words (see :mod:`kg.appdata.graph_nodes`), wrapped to a
narrow width, drawn at a font size that stays legible once vis-network has zoomed out to fit the
whole graph (``scaling.label`` keeps the centre's label largest, and the view never zooms out so
far that a label falls under ``MIN_LABEL_PX`` on screen: the reader pans to the rest). The legend
is made from the same table the nodes are coloured from, for the kinds the graph draws.
"""

from __future__ import annotations

import html
import json
import re
import textwrap
from collections.abc import Mapping, Sequence
from typing import Any

from kg.appdata.graph_nodes import Edge, Node, kind_words

#: Node colours of the graphs, by the kind of node: the nodes and the legend are drawn from it.
NODE_COLOURS = {
    "claim": "#4e79a7",
    "statistic": "#f28e2b",
    "work": "#59a14f",
    "candidate": "#8cd17d",
    "report": "#9c755f",
    "study": "#76b7b2",
    "excerpt": "#edc948",
    "platform": "#b07aa1",
    "organisation": "#ff9da7",
    "flag": "#e15759",
    "more": "#e8e8e8",
    "other": "#bab0ac",
}
#: On screen, no label is drawn smaller than this many pixels in the first view.
MIN_LABEL_PX = 12
#: Labels are drawn at this size in canvas pixels (the centre's up to LABEL_FONT_MAX).
LABEL_FONT = 16
LABEL_FONT_MAX = 22
_EDGE_FONT = 14
#: Up to this many edges, their words are drawn in the first view; beyond, once zoomed in
#: (at the first view's scale the words of a hundred edges are a grey smear over the labels).
EDGE_WORDS_AT_ONCE = 40
#: A drawn label is wrapped onto lines of about this many characters.
_LINE = 20


def colour(kind: str) -> str:
    return NODE_COLOURS.get(kind, NODE_COLOURS["other"])


def _options(edges: int) -> dict[str, object]:
    # vis-network hides a label drawn under drawThreshold - 1 pixels on screen
    edge_threshold = MIN_LABEL_PX - 1 if edges <= EDGE_WORDS_AT_ONCE else _EDGE_FONT
    return {
        "physics": {
            "solver": "forceAtlas2Based",
            "forceAtlas2Based": {"gravitationalConstant": -120, "springLength": 130, "avoidOverlap": 1},
            "stabilization": {"iterations": 250, "fit": True},
        },
        "edges": {
            "arrows": {"to": {"enabled": True, "scaleFactor": 0.5}},
            "font": {"size": _EDGE_FONT, "align": "middle", "color": "#555555", "strokeWidth": 3},
            "scaling": {"label": {"enabled": False, "drawThreshold": edge_threshold}},
            "color": {"color": "#9a9a9a", "highlight": "#333333"},
            "smooth": {"type": "continuous"},
        },
        "nodes": {
            "shape": "dot",
            "font": {"size": LABEL_FONT, "face": "sans-serif", "color": "#222222", "strokeWidth": 3},
            "scaling": {
                "min": 10,
                "max": 24,
                "label": {"enabled": True, "min": LABEL_FONT, "max": LABEL_FONT_MAX, "drawThreshold": 6},
            },
        },
        "interaction": {"hover": True, "tooltipDelay": 150, "navigationButtons": False},
    }


#: After the layout settles: fit the graph, but never so small that labels are unreadable;
#: if it would be, zoom in around the centre node instead (towards the graph's middle). Three
#: buttons show it all or zoom, for a reader who does not know that a canvas scrolls and pinches.
_KEEP_LEGIBLE = f"""
<div style="position:fixed;top:16px;right:18px;z-index:5;font:13px sans-serif">
  <button type="button" onclick="network.fit()" title="The whole graph">Show all</button>
  <button type="button" onclick="network.moveTo({{scale: network.getScale() * 1.3}})" title="Zoom in">+</button>
  <button type="button" onclick="network.moveTo({{scale: network.getScale() / 1.3}})" title="Zoom out">&minus;</button>
</div>
<script>
function firstView() {{
  network.fit();
  var least = {MIN_LABEL_PX} / {LABEL_FONT};
  if (network.getScale() < least) {{
    // look towards the middle of the graph, keeping the centre node well inside the view
    var all = Object.values(network.getPositions()), at = network.getPositions([CENTRE])[CENTRE];
    var box = document.getElementById("mynetwork").getBoundingClientRect();
    var reach = {{x: 0.3 * box.width / least, y: 0.3 * box.height / least}};
    var mid = {{x: 0, y: 0}};
    all.forEach(function (p) {{ mid.x += p.x / all.length; mid.y += p.y / all.length; }});
    var clamp = function (v, c, r) {{ return Math.max(c - r, Math.min(c + r, v)); }};
    network.moveTo({{position: {{x: clamp(mid.x, at.x, reach.x), y: clamp(mid.y, at.y, reach.y)}}, scale: least}});
  }}
  document.body.dataset.settled = "yes";  // for the browser tests: the first view is drawn
}}
// a small graph settles while the network is made, before this script runs (vis-network 9.1.2)
if (network.physics.ready) {{ firstView(); }} else {{ network.once("stabilizationIterationsDone", firstView); }}
</script>
"""


def _wrapped(label: str) -> str:
    """The label on lines of about ``_LINE`` characters, broken at spaces (vis-network draws each line)."""
    return "\n".join(textwrap.wrap(label, _LINE)) or label


def _node_style(node: Node, centre: bool) -> dict[str, Any]:
    """How one node is drawn: its kind's colour, the centre ringed and largest, a summary as a grey box."""
    if node.kind == "more":
        return {
            "label": _wrapped(node.label),
            "title": node.full,
            "shape": "box",
            "color": {"background": colour("more"), "border": "#999999"},
            "borderWidth": 1,
            "shapeProperties": {"borderDashes": [4, 3]},
            "value": 1,
        }
    return {
        "label": _wrapped(node.label),
        "title": f"{kind_words(node.kind).capitalize()}: {node.full}",
        "shape": "dot",
        "color": {"background": colour(node.kind), "border": "#222222" if centre else colour(node.kind)},
        "borderWidth": 3 if centre else 1,
        "value": 3 if centre else 1,
    }


#: A double click (or double tap) on a node opens its page in the app (``ADDRESSES``: node IRI -> "Page?param=…").
_OPEN_ON_DOUBLE_CLICK = """
<script>
var ADDRESSES = ADDRESS_MAP;
network.on("doubleClick", function (params) {
  var to = params.nodes.length ? ADDRESSES[params.nodes[0]] : null;
  if (!to) { return; }
  // the frame may not navigate the page (sandboxed): the app's router follows a history step, as on Back
  var page = window.parent;
  page.history.pushState({}, "", new URL(to, page.location.href).href);
  page.dispatchEvent(new PopStateEvent("popstate", {state: {}}));
});
</script>
"""


def pyvis_html(
    nodes: Sequence[Node], edges: Sequence[Edge], height: int = 520, addresses: Mapping[str, str] | None = None
) -> str:
    """A self-contained pyvis page of the graph; labels drawn as plain text, tooltips as plain text.

    vis-network draws labels on a canvas (never parsed as HTML) and sets a string tooltip with
    ``innerText``; pyvis writes the data with Jinja's ``tojson`` (which escapes ``<``, ``>``, ``&``).
    pyvis would switch to its own tooltip, set with ``innerHTML``, when a title contains "href":
    :func:`_render` keeps vis-network's.
    """
    from pyvis.network import Network

    net = Network(height=f"{height}px", width="100%", directed=True, cdn_resources="in_line")
    net.set_options(json.dumps(_options(len(edges))))
    for i, n in enumerate(nodes):
        net.add_node(n.iri, **_node_style(n, centre=i == 0))
    kinds = {n.iri: n.kind for n in nodes}
    for e in edges:
        # every claim is stated in its report: those edges are context, drawn faint
        faint = "report" in (kinds.get(e.source), kinds.get(e.target))
        style = {"color": {"color": "#d4d4d4"}, "dashes": True} if faint else {}
        net.add_edge(e.source, e.target, label=e.label, title=e.label, **style)
    page = _render(net)
    # pyvis adds Bootstrap from a CDN for styling it does not need here: keep the page self-contained
    page = re.sub(r'<link[^>]*href="https?://[^"]*"[^>]*>', "", page)
    page = re.sub(r'<script[^>]*src="https?://[^"]*"[^>]*>\s*</script>', "", page)
    page = page.replace("<center>\n<h1></h1>\n</center>", "")
    centre = json.dumps(nodes[0].iri).replace("<", "\\u003c") if nodes else "null"
    opener = ""
    if addresses:
        mapping = json.dumps(dict(addresses)).replace("<", "\\u003c")
        opener = _OPEN_ON_DOUBLE_CLICK.replace("ADDRESS_MAP", mapping)
    return page.replace("</body>", _KEEP_LEGIBLE.replace("CENTRE", centre) + opener + "</body>")


def _render(net: Any) -> str:
    """pyvis's page (its ``generate_html``), with vis-network's own plain-text tooltips whatever the titles say."""
    nodes, edges, heading, height, width, options = net.get_network_data()
    return net.templateEnv.get_template(net.path).render(
        height=height,
        width=width,
        nodes=nodes,
        edges=edges,
        heading=heading,
        options=options,
        physics_enabled=True,
        use_DOT=False,
        dot_lang=net.dot_lang,
        widget=net.widget,
        bgcolor=net.bgcolor,
        conf=net.conf,
        tooltip_link=False,
        neighborhood_highlight=net.neighborhood_highlight,
        select_menu=net.select_menu,
        filter_menu=net.filter_menu,
        notebook=False,
        cdn_resources=net.cdn_resources,
    )


def legend_kinds(nodes: Sequence[Node]) -> list[str]:
    """The kinds the graph draws, in the order of :data:`NODE_COLOURS` (the legend's order)."""
    drawn = {n.kind if n.kind in NODE_COLOURS else "other" for n in nodes}
    return [k for k in NODE_COLOURS if k in drawn]


def legend_html(nodes: Sequence[Node]) -> str:
    """One chip per kind the graph draws, in its colour and words: exactly the colours drawn."""
    chips = []
    for kind in legend_kinds(nodes):
        shape = "border-radius:2px;border:1px solid #999" if kind == "more" else "border-radius:6px"
        chips.append(
            f'<span style="display:inline-block;margin-right:14px;white-space:nowrap">'
            f'<span style="display:inline-block;width:12px;height:12px;{shape};background:{colour(kind)};'
            f'margin-right:4px;vertical-align:-1px"></span>{html.escape(kind_words(kind))}</span>'
        )
    return "".join(chips)
