"""Light HTML for the first page (no chart library, no dataframe): a bar chart and a small table, all text escaped."""

from __future__ import annotations

import html
from collections.abc import Mapping, Sequence


def bar_chart_html(bars: Sequence[tuple[str, float, str]], unit: str = "%") -> str:
    """A horizontal bar chart in plain HTML: (label, value, tooltip) per bar, largest first; all text escaped."""
    if not bars:
        return ""
    top = max(v for _, v, _ in bars) or 1.0
    rows_html = []
    for label, value, tip in sorted(bars, key=lambda b: -b[1]):
        width = 100.0 * value / top
        rows_html.append(
            f'<div title="{html.escape(tip, quote=True)}" style="display:flex;align-items:center;margin:3px 0">'
            f'<div style="width:190px;text-align:right;padding-right:8px;font-size:0.9em">{html.escape(label)}</div>'
            f'<div style="flex:1"><div style="width:{width:.1f}%;background:#4e79a7;height:18px;border-radius:2px">'
            f"</div></div>"
            f'<div style="width:70px;padding-left:8px;font-size:0.9em">{value:g} {html.escape(unit)}</div></div>'
        )
    return '<div role="img" aria-label="bar chart">' + "".join(rows_html) + "</div>"


def html_table(records: Sequence[Mapping[str, object]], missing: str = "") -> str:
    """A small table in plain HTML (every cell escaped); ``None`` cells show ``missing`` greyed out."""
    if not records:
        return ""
    columns = list(records[0])
    head = "".join(f'<th style="text-align:left">{html.escape(str(c))}</th>' for c in columns)
    body = []
    for r in records:
        cells = []
        for c in columns:
            value = r[c]
            if value is None:
                cells.append(f'<td style="color:#888;font-style:italic">{html.escape(missing)}</td>')
            else:
                cells.append(f"<td>{html.escape(str(value))}</td>")
        body.append("<tr>" + "".join(cells) + "</tr>")
    return f'<table style="width:100%;font-size:0.9em"><tr>{head}</tr>{"".join(body)}</table>'
