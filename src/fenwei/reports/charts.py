"""The report's charts, as Plotly figures built from the report data.

Every label comes from the catalogs; every user text (group and member
names) is HTML-escaped before it reaches Plotly, which reads a few tags in
labels (``<b>``, ``<a>``…) and shows escaped entities as plain text.
"""

from __future__ import annotations

import html
from collections.abc import Mapping
from typing import Any

import plotly.graph_objects as go

from fenwei.i18n import t
from fenwei.reports.data import RESOLUTIONS
from fenwei.reports.text import day, series_of

PARTS = ("vitality", "warmth", "safety", "helpfulness", "belonging")
PART_COLORS = {
    "index": "#1f2937",
    "vitality": "#f59e0b",
    "warmth": "#db2777",
    "safety": "#2563eb",
    "helpfulness": "#059669",
    "belonging": "#7c3aed",
}
RESOLUTION_COLORS = {
    "community": "#16a34a",
    "staff": "#60a5fa",
    "expired": "#dc2626",
    "open": "#a3a3a3",
    "noted": "#c4b5fd",
}
CONTRIB_COLORS = {
    "welcomes": "#e8590c",
    "answers": "#059669",
    "thanks": "#db2777",
    "shares": "#7c3aed",
}
GROUP_COLORS = (
    "#2563eb",
    "#e8590c",
    "#059669",
    "#7c3aed",
    "#db2777",
    "#0891b2",
    "#ca8a04",
    "#4b5563",
    "#65a30d",
    "#9333ea",
)
SCORE_SCALE = [[0.0, "#dc2626"], [0.5, "#facc15"], [0.75, "#a3e635"], [1.0, "#16a34a"]]
FONT = '"PingFang SC", "Microsoft YaHei", "Noto Sans CJK SC", "Source Han Sans SC", "Segoe UI", Roboto, Helvetica, Arial, sans-serif'
_BASE = {
    "font": {"family": FONT, "size": 13, "color": "#1f2937"},
    "margin": {"l": 60, "r": 30, "t": 30, "b": 50},
    "legend": {"orientation": "h", "y": -0.18, "x": 0, "traceorder": "normal"},
    "hoverlabel": {"font": {"family": FONT}},
    "paper_bgcolor": "white",
    "plot_bgcolor": "white",
}


def esc(text: object) -> str:
    """User text as Plotly shows it literally."""
    return html.escape(str(text), quote=False)


def _layout(fig: go.Figure, dates: list[str] | None = None, **extra: Any) -> go.Figure:
    fig.update_layout(template="plotly_white", **_BASE)
    fig.update_layout(**extra)
    if dates is not None:
        # month-day ticks read the same in every language; weeks are ticked
        # on the Monday each point stands for, not on Plotly's Sundays
        fig.update_xaxes(type="date", tickformat="%m-%d", hoverformat="%Y-%m-%d")
        if len(dates) > 1 and len(dates) <= 16 and _weekly(dates):
            fig.update_xaxes(tickvals=dates)
    return fig


def _weekly(dates: list[str]) -> bool:
    from datetime import date

    a, b = date.fromisoformat(dates[0]), date.fromisoformat(dates[1])
    return (b - a).days == 7


def _empty(fig: go.Figure, loc: str) -> go.Figure:
    fig.add_annotation(
        text=t("report.no_data", loc),
        showarrow=False,
        x=0.5,
        y=0.5,
        xref="paper",
        yref="paper",
        font={"size": 15, "color": "#6b7280"},
    )
    fig.update_xaxes(visible=False)
    fig.update_yaxes(visible=False)
    return fig


def _x(point: Mapping[str, Any]) -> str:
    return day(point["start"])


def comparison(data: Mapping[str, Any], loc: str) -> go.Figure:
    """A heatmap: groups × (index, five parts), best group on top."""
    rows = list(reversed(data["comparison"]))
    cols = ["index", *PARTS]
    fig = go.Figure()
    if not rows:
        return _layout(_empty(fig, loc), height=200)
    names = [esc(r["name"]) for r in rows]
    labels = [t(f"report.part.{c}", loc) for c in cols]
    fig.add_trace(
        go.Heatmap(
            z=[[r[c] for c in cols] for r in rows],
            x=labels,
            y=names,
            zmin=0,
            zmax=100,
            colorscale=SCORE_SCALE,
            texttemplate="%{z:.0f}",
            textfont={"size": 16},
            hovertemplate="%{y}<br>%{x}: %{z:.1f}<extra></extra>",
            xgap=3,
            ygap=3,
            colorbar={"title": {"text": t("report.chart.axis_score", loc)}, "thickness": 12},
        )
    )
    return _layout(
        fig,
        height=max(220, 60 + 52 * len(rows)),
        margin={"l": 220, "r": 30, "t": 20, "b": 40},
        xaxis={"side": "top", "showgrid": False},
        yaxis={"showgrid": False, "automargin": True},
    )


def trend(data: Mapping[str, Any], loc: str, freq: str) -> go.Figure:
    """Every group's index over time."""
    fig = go.Figure()
    for i, g in enumerate(data["groups"]):
        pts = series_of(g, freq)
        fig.add_trace(
            go.Scatter(
                x=[_x(p) for p in pts],
                y=[p["index"] for p in pts],
                name=esc(g["name"]),
                mode="lines+markers",
                line={"width": 3, "color": GROUP_COLORS[i % len(GROUP_COLORS)]},
                marker={"size": 6},
                hovertemplate="%{x}: %{y:.1f}",
            )
        )
    if not data["groups"]:
        return _layout(_empty(fig, loc), height=240)
    return _layout(
        fig,
        dates=[_x(p) for p in series_of(data["groups"][0], freq)],
        height=400,
        yaxis={"range": [0, 100], "title": {"text": t("report.chart.axis_score", loc)}},
        xaxis={"title": {"text": t("report.chart.axis_date", loc)}},
        legend={"orientation": "h", "y": -0.25, "x": 0, "traceorder": "normal"},
        margin={"l": 60, "r": 30, "t": 20, "b": 90},
    )


def _handled_traces(
    fig: go.Figure,
    labels: list[str],
    rows: list[Mapping[str, int]],
    loc: str,
    buckets: tuple[str, ...],
) -> None:
    for b in buckets:
        xs = [r.get(b, 0) for r in rows]
        if not any(xs):
            continue
        fig.add_trace(
            go.Bar(
                y=labels,
                x=xs,
                name=t(f"report.resolution.{b}", loc),
                orientation="h",
                marker={"color": RESOLUTION_COLORS[b]},
                hovertemplate="%{y}: %{x}<extra>" + t(f"report.resolution.{b}", loc) + "</extra>",
            )
        )


def handled_by_group(data: Mapping[str, Any], loc: str) -> go.Figure:
    """Per group, the share of its moments handled by members, staff, nobody, or waiting."""
    groups = list(reversed(data["groups"]))
    fig = go.Figure()
    if not groups:
        return _layout(_empty(fig, loc), height=200)
    _handled_traces(
        fig,
        [esc(g["name"]) for g in groups],
        [g["situations"]["by_resolution"] for g in groups],
        loc,
        ("community", "staff", "expired", "open"),
    )
    return _layout(
        fig,
        barmode="stack",
        barnorm="percent",
        height=max(220, 90 + 44 * len(groups)),
        margin={"l": 220, "r": 30, "t": 20, "b": 70},
        xaxis={"title": {"text": "%"}, "range": [0, 100]},
        yaxis={"automargin": True},
    )


def parts_over_time(group: Mapping[str, Any], loc: str, freq: str) -> go.Figure:
    """One group's index (thick) and five parts (thin) over time."""
    pts = series_of(group, freq)
    fig = go.Figure()
    if not pts:
        return _layout(_empty(fig, loc), height=240)
    xs = [_x(p) for p in pts]
    for part in PARTS:
        fig.add_trace(
            go.Scatter(
                x=xs,
                y=[p[part] for p in pts],
                name=t(f"report.part.{part}", loc),
                mode="lines",
                line={"width": 1.8, "color": PART_COLORS[part]},
                hovertemplate="%{x}: %{y:.0f}",
            )
        )
    fig.add_trace(
        go.Scatter(
            x=xs,
            y=[p["index"] for p in pts],
            name=t("report.part.index", loc),
            mode="lines+markers",
            line={"width": 4, "color": PART_COLORS["index"]},
            hovertemplate="%{x}: %{y:.1f}",
        )
    )
    return _layout(
        fig,
        dates=xs,
        height=380,
        yaxis={"range": [0, 102], "title": {"text": t("report.chart.axis_score", loc)}},
    )


def situations(group: Mapping[str, Any], loc: str) -> go.Figure:
    """One group's moments by kind, stacked by how they were handled."""
    by_kind: Mapping[str, Mapping[str, int]] = group["situations"]["by_kind"]
    fig = go.Figure()
    if not by_kind:
        return _layout(_empty(fig, loc), height=200)
    kinds = list(reversed(list(by_kind)))
    _handled_traces(
        fig,
        [t(f"report.kind.{k}", loc) for k in kinds],
        [by_kind[k] for k in kinds],
        loc,
        RESOLUTIONS,
    )
    return _layout(
        fig,
        barmode="stack",
        height=max(240, 90 + 34 * len(kinds)),
        margin={"l": 200, "r": 30, "t": 20, "b": 70},
        xaxis={"title": {"text": t("report.chart.axis_count", loc)}},
        yaxis={"automargin": True},
    )


def timing(group: Mapping[str, Any], loc: str, freq: str) -> go.Figure:
    """Welcome coverage (bars, left) and median time to first answer (line, right)."""
    pts = series_of(group, freq)
    fig = go.Figure()
    if not pts:
        return _layout(_empty(fig, loc), height=240)
    xs = [_x(p) for p in pts]
    fig.add_trace(
        go.Bar(
            x=xs,
            y=[p["welcome_coverage"] for p in pts],
            name=t("report.chart.welcome_coverage", loc),
            marker={"color": "#fdba74"},
            hovertemplate="%{x}: %{y:.0f}%<extra></extra>",
        )
    )
    fig.add_trace(
        go.Scatter(
            x=xs,
            y=[p["ttfa_median_min"] for p in pts],
            name=t("report.chart.ttfa", loc),
            mode="lines+markers",
            yaxis="y2",
            connectgaps=False,
            line={"width": 3, "color": "#059669"},
            hovertemplate="%{x}: %{y:.1f} min<extra></extra>",
        )
    )
    return _layout(
        fig,
        dates=xs,
        height=360,
        yaxis={"range": [0, 100], "title": {"text": t("report.chart.axis_coverage", loc)}},
        yaxis2={
            "overlaying": "y",
            "side": "right",
            "rangemode": "tozero",
            "showgrid": False,
            "tickmode": "auto",
            "nticks": 6,
            "tickformat": ".0f",
            "title": {"text": t("report.chart.axis_minutes", loc)},
        },
        margin={"l": 60, "r": 70, "t": 20, "b": 50},
    )


def contributors(group: Mapping[str, Any], loc: str) -> go.Figure:
    """The top contributors, stacked by what they did; ★ for core members."""
    people = list(reversed(group["contributors"]))
    fig = go.Figure()
    if not people:
        return _layout(_empty(fig, loc), height=200)
    names = [
        t("report.chart.core_mark", loc, name=esc(p["name"])) if p["core_since"] else esc(p["name"])
        for p in people
    ]
    # the same name twice would merge two bars: make labels unique
    seen: dict[str, int] = {}
    for i, n in enumerate(names):
        seen[n] = seen.get(n, 0) + 1
        if seen[n] > 1:
            names[i] = f"{n} ({seen[n]})"
    for what in ("welcomes", "answers", "thanks", "shares"):
        fig.add_trace(
            go.Bar(
                y=names,
                x=[p[what] for p in people],
                name=t(f"report.contrib.{what}", loc),
                orientation="h",
                marker={"color": CONTRIB_COLORS[what]},
                hovertemplate="%{y}: %{x}<extra>" + t(f"report.contrib.{what}", loc) + "</extra>",
            )
        )
    return _layout(
        fig,
        barmode="stack",
        height=max(240, 90 + 30 * len(people)),
        margin={"l": 170, "r": 30, "t": 20, "b": 70},
        xaxis={"title": {"text": t("report.chart.axis_count", loc)}},
        yaxis={"automargin": True},
    )
