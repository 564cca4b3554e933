"""What the pages and the API show, assembled once for both.

Inbox cards come from ``pipeline.inbox.cards`` with the messages around each
card's opening event; atmosphere figures are cached per group and per live
version (a group's figures are measured again only after it changed).
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from fenwei.config.community import CommunityConfig
from fenwei.metrics import Atmosphere, atmosphere, contributors, prepare, series
from fenwei.model import EventType, format_time
from fenwei.model.situations import Situation
from fenwei.pipeline.histories import load_histories
from fenwei.pipeline.inbox import Card, cards
from fenwei.store import Store
from fenwei.store.inbox import InboxItem

CONTEXT_SPAN = timedelta(minutes=30)
LATE_GRACE = timedelta(hours=24)
"""A draft stays in the inbox this long after its deadline (acting late still helps)."""
UNTIMED_WINDOW = timedelta(days=7)
"""Drafts of kinds without a deadline (coaching, core members) stay this long."""
CONTEXT_BEFORE = 3
CONTEXT_AFTER = 2
SPARK_DAYS = 30
FRESH = 30.0
"""Seconds a group's figures are reused even after it changed (a busy group's
atmosphere is not measured again on every page view)."""


@dataclass(slots=True)
class GroupFigures:
    """A group's atmosphere now and by day, its members and situations."""

    group_id: str
    name: str
    overall: Atmosphere
    days: list[Atmosphere]
    newcomers: list[tuple[str, str, datetime]] = field(default_factory=list)
    core: list[tuple[str, str, int]] = field(default_factory=list)
    members: int = 0
    messages: int = 0
    last_at: datetime | None = None


class FiguresCache:
    """Atmosphere figures per group, measured again when the group's version moves."""

    def __init__(self) -> None:
        self._cache: dict[str, tuple[int, int, GroupFigures, float]] = {}
        self._lock = threading.Lock()

    def get(
        self, store: Store, config: CommunityConfig, group_id: str, version: int
    ) -> GroupFigures:
        key = id(config)
        now = time.monotonic()
        with self._lock:
            hit = self._cache.get(group_id)
            if hit is not None and hit[1] == key and (hit[0] == version or now - hit[3] < FRESH):
                return hit[2]
        figures = measure(store, config, group_id)
        with self._lock:
            self._cache[group_id] = (version, key, figures, now)
        return figures


def measure(store: Store, config: CommunityConfig, group_id: str) -> GroupFigures:
    names = store.group_names()
    (history,) = list(load_histories(store, [group_id], config))
    p = prepare(history)
    days = series(p, "day")[-SPARK_DAYS:]
    newest = [e for e in history.events if e.type is EventType.JOIN][-10:]
    newcomers = [(e.member_id or "", e.name or p.name(e.member_id), e.at) for e in reversed(newest)]
    core = [(c.member_id, c.name, c.helpful) for c in contributors(p, limit=8) if c.helpful]
    members = {e.member_id for e in history.events if e.member_id}
    return GroupFigures(
        group_id,
        names.get(group_id) or group_id,
        atmosphere(p),
        days,
        newcomers,
        core,
        len(members),
        sum(1 for e in history.events if e.type is EventType.MESSAGE),
        history.events[-1].at if history.events else None,
    )


def sparkline(values: Sequence[float], width: int = 120, height: int = 28) -> str:
    """SVG polyline points for values 0–100 (oldest first)."""
    if not values:
        return ""
    if len(values) == 1:
        values = [values[0], values[0]]
    step = width / (len(values) - 1)
    return " ".join(
        f"{i * step:.1f},{height - (max(0.0, min(100.0, v)) / 100) * height:.1f}"
        for i, v in enumerate(values)
    )


# -- inbox ---------------------------------------------------------------


@dataclass(slots=True)
class CardView:
    card: Card
    group_name: str
    member_name: str
    context: list[dict[str, Any]]
    names: dict[str, str]

    def to_json(self) -> dict[str, Any]:
        return {
            **self.card.to_json(),
            "group_name": self.group_name,
            "member_name": self.member_name,
            "context": [{**m, "at": format_time(m["at"])} for m in self.context],
        }


def is_current(item: InboxItem, now: datetime) -> bool:
    """Is a pending draft still worth the KOE's time?

    A draft whose deadline passed more than ``LATE_GRACE`` ago (or, without a
    deadline, opened more than ``UNTIMED_WINDOW`` ago) is stale: the moment is
    gone. A silence's draft stays while the group is silent.
    """
    if item.kind == "silence":
        return True
    if item.due_at is None:
        return item.opened_at >= now - UNTIMED_WINDOW
    return item.due_at >= now - LATE_GRACE


def current_items(
    store: Store, group_ids: Sequence[str], now: datetime
) -> tuple[list[InboxItem], int]:
    """Pending drafts still worth acting on, and how many stale ones were left out."""
    items = store.inbox_items(group_ids) if group_ids else []
    fresh = [i for i in items if is_current(i, now)]
    return fresh, len(items) - len(fresh)


def inbox_cards(
    store: Store,
    group_ids: Sequence[str],
    now: datetime,
    limit: int = 50,
    kinds: Iterable[str] | None = None,
    stale: bool = False,
    items: list[InboxItem] | None = None,
) -> tuple[list[CardView], int]:
    """The most urgent cards of these groups (at most ``limit``) and how many there are."""
    if not group_ids:
        return [], 0
    if items is None:
        items = store.inbox_items(group_ids) if stale else current_items(store, group_ids, now)[0]
    # Live, "still due" is against the wall clock: due soonest first, then the overdue, newest first.
    found = sorted(
        cards(items),
        key=lambda c: (
            (0, c.due_at.timestamp())
            if c.due_at is not None and c.due_at >= now
            else (1, -c.opened_at.timestamp())
        ),
    )
    if kinds:
        wanted = set(kinds)
        found = [c for c in found if c.kind in wanted]
    total = len(found)
    top = found[:limit]
    shown = sorted({c.group_id for c in top})
    names = store.member_names(shown)
    groups = store.group_names()
    views = []
    for c in top:
        gnames = {m: n for (g, m), n in names.items() if g == c.group_id}
        views.append(
            CardView(
                c,
                groups.get(c.group_id) or c.group_id,
                gnames.get(c.member_id or "", c.member_id or ""),
                context_messages(store, c, gnames),
                gnames,
            )
        )
    return views, total


def context_messages(store: Store, card: Card, names: dict[str, str]) -> list[dict[str, Any]]:
    """The messages just before and after the card's opening moment."""
    at = card.opened_at
    anchor = card.items[0].event_id if card.items else None
    events = [
        e
        for e in store.iter_events(
            [card.group_id], since=at - CONTEXT_SPAN, until=at + CONTEXT_SPAN
        )
        if e.type in (EventType.MESSAGE, EventType.JOIN)
    ]
    idx = next(
        (i for i, e in enumerate(events) if e.event_id == anchor and anchor is not None),
        None,
    )
    if idx is None:
        idx = next((i for i, e in enumerate(events) if e.at >= at), len(events))
    lo = max(0, idx - CONTEXT_BEFORE)
    hi = min(len(events), idx + CONTEXT_AFTER + 1)
    out = []
    for i in range(lo, hi):
        e = events[i]
        out.append(
            {
                "id": e.event_id,
                "type": e.type.value,
                "member": e.member_id,
                "name": e.name or names.get(e.member_id or "", e.member_id or ""),
                "role": e.role.value,
                "text": e.text or "",
                "at": e.at,
                "focus": i == idx,
            }
        )
    return out


# -- JSON shapes ---------------------------------------------------------


def situation_json(s: Situation) -> dict[str, Any]:
    out = s.to_json()
    for i, g in enumerate(out["suggestions"]):
        g["id"] = f"{s.id}-{i}"
    return out
