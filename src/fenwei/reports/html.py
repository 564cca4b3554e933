"""The report as one self-contained HTML file: opens offline, forwards as is.

plotly.js is inlined once (no CDN, no network); the figures follow as JSON in
one script, escaped so that no user text can close it. Every other text is
HTML-escaped.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from functools import cache
from html import escape
from typing import Any

import plotly.io as pio
from plotly.offline import get_plotlyjs

from fenwei.i18n import t
from fenwei.reports import charts
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
)

_CSS = """
:root{--ink:#1f2937;--muted:#6b7280;--line:#e5e7eb;--bg:#f6f7f9;--good:#16a34a;--watch:#ca8a04;--act:#dc2626}
*{box-sizing:border-box}
body{margin:0;background:var(--bg);color:var(--ink);font-family:__FONT__;font-size:15px;line-height:1.6}
main{max-width:1280px;margin:0 auto;padding:24px 28px 60px}
header.top{background:#fff;border-bottom:1px solid var(--line)}
header.top .in{max-width:1280px;margin:0 auto;padding:22px 28px}
h1{font-size:28px;margin:0 0 4px}
h2{font-size:22px;margin:36px 0 6px;padding-top:8px}
h3{font-size:17px;margin:22px 0 4px}
.sub{color:var(--muted);margin:0}
.note{color:var(--muted);margin:2px 0 10px;font-size:14px}
nav.toc{margin-top:12px;display:flex;flex-wrap:wrap;gap:8px}
nav.toc a{font-size:13px;padding:3px 10px;border:1px solid var(--line);border-radius:999px;color:var(--ink);text-decoration:none;background:#fff}
.box{background:#fff;border:1px solid var(--line);border-radius:10px;padding:16px 20px;margin:14px 0}
.how dl{display:grid;grid-template-columns:max-content 1fr;gap:6px 16px;margin:10px 0}
.how dt{font-weight:600}
.how dd{margin:0}
.chip{display:inline-block;padding:1px 9px;border-radius:999px;color:#fff;font-size:12px;font-weight:600;vertical-align:middle}
.chip.good{background:var(--good)}.chip.watch{background:var(--watch)}.chip.act{background:var(--act)}
.chart{background:#fff;border:1px solid var(--line);border-radius:10px;margin:8px 0 4px;min-height:200px;overflow:hidden}
.group{background:#fff;border:1px solid var(--line);border-radius:12px;padding:6px 22px 18px;margin:26px 0}
.group h2{margin-top:14px}
.group .chart{border:none;padding:0}
.cards{display:grid;grid-template-columns:repeat(3,1fr);gap:12px;margin:12px 0}
@media (max-width:1000px){.cards{grid-template-columns:1fr}}
.card{border:1px solid var(--line);border-left:6px solid var(--line);border-radius:8px;padding:10px 14px;background:#fff}
.card.good{border-left-color:var(--good)}.card.watch{border-left-color:var(--watch)}.card.act{border-left-color:var(--act)}
.card .head{display:flex;justify-content:space-between;align-items:baseline}
.card .name{font-weight:700;font-size:16px}
.card .score{font-size:28px;font-weight:700}
.card.index .score{font-size:40px}
.card p{margin:4px 0;font-size:13.5px}
.card .fig{color:var(--muted)}
.card .comp{color:var(--muted);font-size:12.5px}
table{border-collapse:collapse;width:100%;background:#fff;font-size:14px}
th,td{border-bottom:1px solid var(--line);padding:7px 10px;text-align:left;vertical-align:top}
th{background:#f3f4f6;font-weight:600}
td.text{max-width:480px;color:#374151}
footer{color:var(--muted);font-size:13px;margin-top:40px}
@media print{.chart,.card,.group{break-inside:avoid}}
""".replace("__FONT__", charts.FONT)

_SCRIPT = """
(function(){
  var T=%(template)s, F=%(figures)s;
  var cfg={displaylogo:false,displayModeBar:false,responsive:true};
  var drawn=F.map(function(f){f.layout.template=T;return Plotly.newPlot(f.id,f.data,f.layout,cfg);});
  Promise.all(drawn).then(function(){
    var root=document.documentElement;
    root.setAttribute('data-charts-drawn',String(F.length));
    if(window.performance){root.setAttribute('data-charts-ms',String(Math.round(performance.now())));}
    if(window.performance&&performance.mark){performance.mark('fenwei-charts-drawn');}
  });
})();
"""


def _script_json(value: object) -> str:
    """JSON safe inside <script>: no '<', '>' or '&' can end or bend it."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    for a, b in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026")):
        text = text.replace(a, b)
    return text.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")


@cache
def _plotly_js() -> str:
    js = get_plotlyjs()
    # a literal "</script" inside the bundle would end the tag early
    return js.replace("</script", "<\\/script")


@cache
def _template() -> dict[str, Any]:
    out: dict[str, Any] = json.loads(
        pio.to_json(pio.templates["plotly_white"], validate=False, remove_uids=False)
    )
    return out


class _Page:
    def __init__(self, loc: str) -> None:
        self.loc = loc
        self.figures: list[dict[str, Any]] = []

    def chart(self, fig: Any, title: str, note: str = "") -> str:
        cid = f"chart-{len(self.figures) + 1}"
        spec = json.loads(pio.to_json(fig, validate=False, remove_uids=True))
        spec["layout"].pop("template", None)
        self.figures.append({"id": cid, "data": spec["data"], "layout": spec["layout"]})
        out = f"<h3>{escape(title)}</h3>"
        if note:
            out += f'<p class="note">{escape(note)}</p>'
        return out + f'<div class="chart" id="{cid}" role="img" aria-label="{escape(title)}"></div>'


def _chip(score: float, loc: str) -> str:
    lv = level(score)
    return f'<span class="chip {lv}">{escape(t(f"report.level.{lv}", loc))}</span>'


def _how(loc: str) -> str:
    rows = "".join(
        f"<dt>{escape(t(f'report.part.{p}', loc))}</dt><dd>{escape(t(f'report.explain.{p}', loc))}</dd>"
        for p in charts.PARTS
    )
    scale = escape(t("report.how.scale", loc))
    return (
        f'<section class="box how"><h2 style="margin-top:0">{escape(t("report.how.title", loc))}</h2>'
        f"<p>{escape(t('report.how.index', loc))}</p><dl>{rows}</dl>"
        f"<p>{_chip(80, loc)} {_chip(60, loc)} {_chip(30, loc)} {scale}</p>"
        f'<p class="note">{escape(t("report.how.neutral", loc))} '
        f"{escape(t('report.how.details', loc))}</p></section>"
    )


def _cards(g: Mapping[str, Any], loc: str, total: int) -> str:
    a = g["atmosphere"]
    cards = [
        f'<div class="card index {level(a["index"])}"><div class="head">'
        f'<span class="name">{escape(t("report.part.index", loc))}</span>'
        f'<span class="score">{a["index"]:.0f}</span></div>'
        f"<p>{_chip(a['index'], loc)}</p>"
        f"<p>{escape(t('report.group.rank', loc, rank=g['rank'], total=total))}</p>"
        f'<p class="fig">{escape(t("report.group.index_note", loc))}</p></div>'
    ]
    for p in charts.PARTS:
        part = g["parts"][p]
        comps = " · ".join(
            f"{escape(t(f'report.component.{k}', loc))} {num(v, loc)}"
            for k, v in part["components"].items()
        )
        cards.append(
            f'<div class="card {level(a[p])}"><div class="head">'
            f'<span class="name">{escape(t(f"report.part.{p}", loc))}</span>'
            f'<span class="score">{a[p]:.0f}</span></div>'
            f"<p>{escape(t(f'report.explain.{p}', loc))}</p>"
            f'<p class="fig">{escape(figures_sentence(p, part["figures"], loc))}</p>'
            f'<p class="comp">{comps}</p></div>'
        )
    return '<div class="cards">' + "".join(cards) + "</div>"


def _open_table(items: list[Mapping[str, Any]], total: int, loc: str) -> str:
    if not items:
        return f"<p>{escape(t('report.open_none', loc))}</p>"
    head = "".join(
        f"<th>{escape(t(f'report.table.{c}', loc))}</th>"
        for c in ("group", "kind", "member", "opened", "due", "text")
    )
    rows = "".join(
        "<tr>"
        f"<td>{escape(i['group_name'])}</td>"
        f"<td>{escape(t('report.kind.' + i['kind'], loc))}</td>"
        f"<td>{escape(i['member_name'] or '')}</td>"
        f"<td>{escape(minute(i['opened_at']))}</td>"
        f"<td>{escape(minute(i['due_at']))}</td>"
        f'<td class="text">{escape(i["text"] or "")}</td>'
        "</tr>"
        for i in items
    )
    more = ""
    if total > len(items):
        more = f'<p class="note">{escape(t("report.open_more", loc, n=total - len(items)))}</p>'
    return f"<table><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>{more}"


def _group(page: _Page, i: int, g: Mapping[str, Any], freq: str, total: int) -> str:
    loc = page.loc
    f = t(f"report.freq.{freq}", loc)
    headline = t(
        "report.group.headline",
        loc,
        members=num(g["members"], loc),
        messages=num(g["messages"], loc),
        open=num(g["open_total"], loc),
    )
    core_line = core_sentence(g["core_members"], loc)
    contrib_note = t("report.chart.contributors_note", loc)
    if not g["contributors"]:
        contrib_note = t("report.group.contributors_none", loc)
    return (
        f'<section class="group" id="group-{i}">'
        f'<h2>{escape(g["name"])}</h2><p class="sub">{escape(headline)}</p>'
        f"{_cards(g, loc, total)}"
        + page.chart(
            charts.parts_over_time(g, loc, freq),
            t("report.chart.parts_over_time", loc, freq=f),
            t("report.chart.parts_over_time_note", loc),
        )
        + page.chart(
            charts.timing(g, loc, freq),
            t("report.chart.timing", loc, freq=f),
            t("report.chart.timing_note", loc),
        )
        + page.chart(
            charts.situations(g, loc),
            t("report.chart.situations", loc),
            t("report.chart.situations_note", loc),
        )
        + page.chart(charts.contributors(g, loc), t("report.chart.contributors", loc), contrib_note)
        + f"<p>{escape(core_line)}</p></section>"
    )


def render_html(data: Mapping[str, Any], locale: str | None = None) -> str:
    """The report as one self-contained HTML page (plotly.js inlined)."""
    loc = locale_of(data, locale)
    freq = freq_of(data)
    f = t(f"report.freq.{freq}", loc)
    page = _Page(loc)
    period = data["period"]
    subtitle = t(
        "report.subtitle",
        loc,
        groups=len(data["groups"]),
        start=day(period["start"]),
        end=last_day(period["end"]),
        days=period["days"],
    )
    generated = (
        f'<p class="sub">{escape(t("report.generated", loc, at=minute(data["generated_at"])))}</p>'
        if data.get("generated_at")
        else ""
    )
    toc = "".join(
        f'<a href="#group-{i}">{escape(g["name"])} · {g["atmosphere"]["index"]:.0f}</a>'
        for i, g in enumerate(data["groups"], 1)
    )
    overview = (
        f"<h2>{escape(t('report.section.overview', loc))}</h2>"
        + page.chart(
            charts.comparison(data, loc),
            t("report.chart.comparison", loc),
            t("report.section.overview_note", loc),
        )
        + page.chart(
            charts.trend(data, loc, freq),
            t("report.chart.trend", loc, freq=f),
            t("report.section.trend_note", loc, freq=f),
        )
        + page.chart(
            charts.handled_by_group(data, loc),
            t("report.chart.handled", loc),
            t("report.section.handled_note", loc),
        )
    )
    open_section = (
        f"<h2>{escape(t('report.section.open', loc))}</h2>"
        f'<p class="note">{escape(t("report.section.open_note", loc))}</p>'
        + _open_table(list(data["open"]), int(data["open_total"]), loc)
    )
    groups = f"<h2>{escape(t('report.section.groups', loc))}</h2>" + "".join(
        _group(page, i, g, freq, len(data["groups"])) for i, g in enumerate(data["groups"], 1)
    )
    if not data["groups"]:
        groups = f"<p>{escape(t('report.no_data', loc))}</p>"
    title = escape(t("report.title", loc))
    script = _SCRIPT % {
        "template": _script_json(_template()),
        "figures": _script_json(page.figures),
    }
    return (
        f'<!DOCTYPE html>\n<html lang="{escape(loc)}"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{title}</title><style>{_CSS}</style></head><body>"
        f'<header class="top"><div class="in"><h1>{title}</h1>'
        f'<p class="sub">{escape(subtitle)}</p>{generated}<nav class="toc">{toc}</nav></div></header>'
        f"<main>{_how(loc)}{overview}{open_section}{groups}"
        f"<footer>{escape(t('report.footer', loc))}</footer></main>"
        f"<script>{_plotly_js()}</script><script>{script}</script></body></html>\n"
    )
