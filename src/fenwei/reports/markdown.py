"""The report as Markdown: the same numbers and sentences, as tables, no charts."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from fenwei.i18n import t
from fenwei.reports.charts import PARTS
from fenwei.reports.data import RESOLUTIONS
from fenwei.reports.text import (
    core_sentence,
    day,
    figures_sentence,
    freq_of,
    last_day,
    level,
    locale_of,
    minute,
    num,
    series_of,
)

_SPECIAL = re.compile(r"([\\`*_\[\]{}<>#|!~])")


def md(text: object) -> str:
    """User text safe in Markdown (and in a table cell): no markup, no HTML, one line."""
    flat = " ".join(str(text).split())
    return _SPECIAL.sub(r"\\\1", flat).replace("&", "&amp;")


def _table(head: list[str], rows: list[list[str]]) -> list[str]:
    out = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    out += ["| " + " | ".join(r) + " |" for r in rows]
    return [*out, ""]


def _mark(score: float) -> str:
    return {"good": "🟢", "watch": "🟡", "act": "🔴"}[level(score)]


def render_markdown(data: Mapping[str, Any], locale: str | None = None) -> str:
    """The report as a Markdown document."""
    loc = locale_of(data, locale)
    freq = freq_of(data)
    period = data["period"]
    lines = [
        f"# {t('report.title', loc)}",
        "",
        t(
            "report.subtitle",
            loc,
            groups=len(data["groups"]),
            start=day(period["start"]),
            end=last_day(period["end"]),
            days=period["days"],
        ),
        "",
    ]
    if data.get("generated_at"):
        lines += [t("report.generated", loc, at=minute(data["generated_at"])), ""]
    lines += [f"## {t('report.how.title', loc)}", "", t("report.how.index", loc), ""]
    lines += [f"- **{t(f'report.part.{p}', loc)}**: {t(f'report.explain.{p}', loc)}" for p in PARTS]
    lines += ["", t("report.how.scale", loc) + " " + t("report.how.neutral", loc), ""]

    lines += [f"## {t('report.section.overview', loc)}", ""]
    if not data["groups"]:
        lines += [t("report.no_data", loc), ""]
    head = [t("report.table.rank", loc), t("report.table.group", loc)] + [
        t(f"report.part.{p}", loc) for p in ("index", *PARTS)
    ]
    rows = [
        [str(i), md(r["name"])] + [f"{_mark(r[p])} {r[p]:.0f}" for p in ("index", *PARTS)]
        for i, r in enumerate(data["comparison"], 1)
    ]
    lines += _table(head, rows) if rows else []

    lines += [f"## {t('report.section.open', loc)}", "", t("report.section.open_note", loc), ""]
    if data["open"]:
        head = [
            t(f"report.table.{c}", loc)
            for c in ("group", "kind", "member", "opened", "due", "text")
        ]
        rows = [
            [
                md(i["group_name"]),
                t(f"report.kind.{i['kind']}", loc),
                md(i["member_name"] or ""),
                minute(i["opened_at"]),
                minute(i["due_at"]),
                md(i["text"] or ""),
            ]
            for i in data["open"]
        ]
        lines += _table(head, rows)
        if data["open_total"] > len(data["open"]):
            lines += [t("report.open_more", loc, n=data["open_total"] - len(data["open"])), ""]
    else:
        lines += [t("report.open_none", loc), ""]

    lines += [f"## {t('report.section.groups', loc)}", ""]
    for g in data["groups"]:
        lines += _group(g, loc, freq)
    lines += [t("report.footer", loc), ""]
    return "\n".join(lines)


def _group(g: Mapping[str, Any], loc: str, freq: str) -> list[str]:
    a = g["atmosphere"]
    lines = [
        f"### {md(g['name'])} — {t('report.part.index', loc)} {_mark(a['index'])} {a['index']:.0f}",
        "",
        t(
            "report.group.headline",
            loc,
            members=num(g["members"], loc),
            messages=num(g["messages"], loc),
            open=num(g["open_total"], loc),
        ),
        "",
    ]
    head = [t(f"report.table.{c}", loc) for c in ("part", "score", "what", "numbers")]
    rows = [
        [
            t(f"report.part.{p}", loc),
            f"{_mark(a[p])} {a[p]:.0f}",
            t(f"report.explain.{p}", loc),
            md(figures_sentence(p, g["parts"][p]["figures"], loc)),
        ]
        for p in PARTS
    ]
    lines += _table(head, rows)

    f = t(f"report.freq.{freq}", loc)
    pts = series_of(g, freq)
    if pts:
        lines += [f"#### {t('report.chart.parts_over_time', loc, freq=f)}", ""]
        head = (
            [t("report.chart.axis_date", loc)]
            + [t(f"report.part.{p}", loc) for p in ("index", *PARTS)]
            + [t("report.chart.welcome_coverage", loc), t("report.chart.ttfa", loc)]
        )
        rows = [
            [day(p["start"])]
            + [f"{p[k]:.0f}" for k in ("index", *PARTS)]
            + [
                "" if p["welcome_coverage"] is None else f"{p['welcome_coverage']:.0f}%",
                num(p["ttfa_median_min"], loc, 1) if p["ttfa_median_min"] is not None else "",
            ]
            for p in pts
        ]
        lines += _table(head, rows)

    by_kind = g["situations"]["by_kind"]
    if by_kind:
        lines += [f"#### {t('report.chart.situations', loc)}", ""]
        head = [t("report.table.kind", loc)] + [
            t(f"report.resolution.{r}", loc) for r in RESOLUTIONS
        ]
        rows = [
            [t(f"report.kind.{k}", loc)] + [str(v.get(r, 0)) for r in RESOLUTIONS]
            for k, v in by_kind.items()
        ]
        lines += _table(head, rows)

    lines += [f"#### {t('report.chart.contributors', loc)}", ""]
    if g["contributors"]:
        head = [t("report.table.member", loc)] + [
            t(f"report.contrib.{w}", loc) for w in ("welcomes", "answers", "thanks", "shares")
        ]
        rows = [
            [("★ " if c["core_since"] else "") + md(c["name"])]
            + [str(c[w]) for w in ("welcomes", "answers", "thanks", "shares")]
            for c in g["contributors"]
        ]
        lines += _table(head, rows)
    else:
        lines += [t("report.group.contributors_none", loc), ""]
    lines += [core_sentence(g["core_members"], loc, md), ""]
    return lines
