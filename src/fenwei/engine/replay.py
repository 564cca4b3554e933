"""Replay: a whole history through a fresh engine, as ``analyze`` does."""

from __future__ import annotations

from collections.abc import Iterable

from fenwei.config.community import CommunityConfig
from fenwei.engine.engine import Drafter, Engine
from fenwei.model import Event, Label
from fenwei.model.situations import Situation


def staff_roles(events: Iterable[Event]) -> dict[str, set[str]]:
    """Each group's members with ``role: staff`` on any of their events."""
    out: dict[str, set[str]] = {}
    for e in events:
        if e.role == "staff" and e.member_id is not None:
            out.setdefault(e.group_id, set()).add(e.member_id)
    return out


def replay(
    pairs: Iterable[tuple[Event, Label | None]],
    config: CommunityConfig | None = None,
    *,
    drafter: Drafter | None = None,
    dry_run: bool = False,
) -> list[Situation]:
    """Run events through a fresh engine in time order (ties in input order).

    The replay clock is the latest event's time: at the end the engine
    advances to it, so unresolved situations due before it are expired. Staff
    are known from the whole input (``role: staff`` on any of their events).
    """
    ordered = sorted(pairs, key=lambda p: p[0].at)
    staff = staff_roles(e for e, _ in ordered)
    engine = Engine(config, drafter=drafter, dry_run=dry_run, staff=staff)
    for event, label in ordered:
        engine.feed(event, label)
    if ordered:
        engine.advance_to(max(e.at for e, _ in ordered))
    return engine.situations()
