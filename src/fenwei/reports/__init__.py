"""Reports: show a KOE, in pictures, whether each group is becoming a home.

``build_report`` measures the groups (``fenwei.metrics``) into one JSON-able
dict; ``render_html`` (one self-contained page with Plotly charts, plotly.js
inlined, opens offline), ``render_markdown`` and ``render_json`` render it.
Every text comes from the ``report.*`` catalogs in the reader's language.

    data = build_report(ReportInput(histories, locale="zh-CN"))
    Path("report.html").write_text(render_html(data), encoding="utf-8")
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from fenwei.reports.data import SCHEMA, ReportInput, build_report
from fenwei.reports.html import render_html
from fenwei.reports.markdown import render_markdown

FORMATS = ("html", "md", "json")


def render_json(data: Mapping[str, Any]) -> str:
    """The report data as JSON (UTF-8 text, indented)."""
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def render(data: Mapping[str, Any], fmt: str = "html", locale: str | None = None) -> str:
    """Render in ``html``, ``md`` or ``json``."""
    if fmt == "html":
        return render_html(data, locale)
    if fmt == "md":
        return render_markdown(data, locale)
    if fmt == "json":
        return render_json(data)
    raise ValueError(f"format must be one of {', '.join(FORMATS)}, not {fmt!r}")


__all__ = [
    "FORMATS",
    "SCHEMA",
    "ReportInput",
    "build_report",
    "render",
    "render_html",
    "render_json",
    "render_markdown",
]
