"""The report's data: one JSON-able dict that every format renders.

``build_report`` measures each group over the report's period (the index and
its parts per day and per week, situations by kind and resolution, timing,
contributors, what is still open) and compares the groups. Nothing here
reads the clock or the store: the caller passes the histories and, if it
wants one printed, the time the report was made.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from fenwei.metrics import (
    INDEX_WEIGHTS,
    PARTS,
    WEIGHTS,
    Atmosphere,
    GroupHistory,
    Period,
    Prepared,
    atmosphere,
    contributors,
    core_members,
    open_situations,
    prepare,
)
from fenwei.model.situations import Kind, Resolution, Situation

SCHEMA = "fenwei.report/1"
RESOLUTIONS = ("community", "staff", "expired", "open", "noted")
"""How situations ended: handled by members, by staff, expired, still open,
or merely noted (``staff_tone``, ``core_member``: nothing to handle)."""
_NOTED = frozenset({Kind.STAFF_TONE, Kind.CORE_MEMBER})
TEXT_LIMIT = 140


@dataclass(frozen=True, slots=True)
class ReportInput:
    """What a report is made of.

    ``groups``: one history per group (with its name); ``locale``: ``zh-CN``
    or ``en``; ``period``: the span to report (default: from the first event
    to the last, whole days); ``generated_at``: printed in the report if
    given; ``top``: how many contributors and open items per group.
    """

    groups: Sequence[GroupHistory]
    locale: str = "zh-CN"
    period: Period | None = None
    generated_at: datetime | None = None
    top: int = 10
    open_limit: int = 50


def _iso(at: datetime | None) -> str | None:
    return at.isoformat() if at is not None else None


def _span(hs: list[Prepared], period: Period | None) -> Period | None:
    if period is not None:
        return period
    spans = [p for p in (h.whole() for h in hs) if p is not None]
    if not spans:
        return None
    return Period(min(p.start for p in spans), max(p.end for p in spans))


def _days(span: Period | None) -> int:
    """Calendar days from the start's date to the last day's, as the report prints them."""
    if span is None:
        return 0
    last = (span.end - timedelta(microseconds=1)).date()
    return (last - span.start.date()).days + 1


def _point(a: Atmosphere) -> dict[str, Any]:
    w = a.details["warmth"].figures
    hf = a.details["helpfulness"].figures
    b = a.details["belonging"].figures
    return {
        "start": _iso(a.start),
        **a.to_json(),
        "messages": a.messages,
        "newcomers": w["newcomers"],
        "welcome_coverage": _pct(w["welcome_coverage"]),
        "welcome_median_min": w["welcome_median_min"],
        "questions": hf["questions"],
        "answer_coverage": _pct(hf["answer_coverage"]),
        "ttfa_median_min": hf["ttfa_median_min"],
        "member_share": _pct(b["member_share"]),
    }


def _pct(share: object) -> float | None:
    return round(100 * share, 1) if isinstance(share, int | float) else None


def _bucket(s: Situation) -> str:
    if s.kind in _NOTED:
        return "noted"
    if s.resolution is None:
        return "open"
    if s.resolution is Resolution.EXPIRED:
        return "expired"
    return s.resolution.value


def _situations(h: Prepared, p: Period) -> dict[str, Any]:
    by_kind: dict[str, dict[str, int]] = {}
    totals = dict.fromkeys(RESOLUTIONS, 0)
    for s in h.situations_in(p):
        row = by_kind.setdefault(s.kind.value, dict.fromkeys(RESOLUTIONS, 0))
        b = _bucket(s)
        row[b] += 1
        totals[b] += 1
    ordered = {k.value: by_kind[k.value] for k in Kind if k.value in by_kind}
    return {"by_kind": ordered, "by_resolution": totals, "total": sum(totals.values())}


def _open_item(h: Prepared, s: Situation, name: str) -> dict[str, Any]:
    text = s.text or ""
    if len(text) > TEXT_LIMIT:
        text = text[: TEXT_LIMIT - 1] + "…"
    return {
        "id": s.id,
        "group": s.group_id,
        "group_name": name,
        "kind": s.kind.value,
        "member": s.member_id,
        "member_name": h.name(s.member_id) if s.member_id else None,
        "event": s.event_id,
        "opened_at": _iso(s.opened_at),
        "due_at": _iso(s.due_at),
        "text": text,
    }


def _first_core(h: Prepared, p: Period) -> list[dict[str, Any]]:
    """Members who became core in the period, once each, in order."""
    seen: dict[str, dict[str, Any]] = {}
    for m, n, at in core_members(h, p):
        seen.setdefault(m, {"member": m, "name": n, "since": _iso(at)})
    return list(seen.values())


def _group(h: Prepared, p: Period, top: int, open_limit: int) -> dict[str, Any]:
    hist = h.history
    name = hist.name or hist.group_id
    whole = atmosphere(h, p)
    days = [atmosphere(h, d) for d in h.calendar("day", p)]
    weeks = [atmosphere(h, w) for w in h.calendar("week", p)]
    still = open_situations(h, p)
    still.sort(key=lambda s: (s.due_at or s.opened_at, s.opened_at))
    return {
        "group": hist.group_id,
        "name": name,
        "members": whole.details["belonging"].figures.get("members", 0),
        "messages": whole.messages,
        "atmosphere": whole.to_json(),
        "parts": {k: v.to_json() for k, v in whole.details.items()},
        "daily": [_point(a) for a in days],
        "weekly": [_point(a) for a in weeks],
        "situations": _situations(h, p),
        "contributors": [c.to_json() for c in contributors(h, p, top)],
        "core_members": _first_core(h, p),
        "open": [_open_item(h, s, name) for s in still[:open_limit]],
        "open_total": len(still),
    }


def build_report(data: ReportInput) -> dict[str, Any]:
    """Measure every group over the period and compare them: the report as data."""
    hs = [prepare(g) for g in data.groups]
    span = _span(hs, data.period)
    groups = [] if span is None else [_group(h, span, data.top, data.open_limit) for h in hs]
    ranked = sorted(range(len(groups)), key=lambda i: -groups[i]["atmosphere"]["index"])
    for rank, i in enumerate(ranked, 1):
        groups[i]["rank"] = rank
    comparison = sorted(
        ({"group": g["group"], "name": g["name"], **g["atmosphere"]} for g in groups),
        key=lambda r: -r["index"],
    )
    open_all = sorted(
        (item for g in groups for item in g["open"]),
        key=lambda i: (i["due_at"] or i["opened_at"], i["opened_at"]),
    )
    return {
        "schema": SCHEMA,
        "locale": data.locale,
        "period": {
            "start": _iso(span.start) if span else None,
            "end": _iso(span.end) if span else None,
            "days": _days(span),
        },
        "generated_at": _iso(data.generated_at),
        "parts": list(PARTS),
        "weights": {"index": dict(INDEX_WEIGHTS), **{k: dict(v) for k, v in WEIGHTS.items()}},
        "groups": groups,
        "comparison": comparison,
        "open": open_all[: data.open_limit],
        "open_total": sum(g["open_total"] for g in groups),
    }
