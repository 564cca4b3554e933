"""What the live engine writes as it goes: changed situations, sends, deliveries.

A mixin of ``Store``. ``save_situations`` replaces a group's situations whole
after a replay; live, only the situations an event or a tick changed are
written (``upsert_situations``), with the same rule: a suggestion a person
already decided (approved, edited, dismissed, sent) keeps its status and
text, and a ticket's follow-up (``…-closed``) is left alone.

The outbox is what connectors deliver: approved or edited suggestions and
autopilot sends (``sent``) that have no delivery record yet.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from fenwei.model import Event
from fenwei.model.situations import Situation
from fenwei.store import schema
from fenwei.store.records import DECIDED, situation_rows
from fenwei.store.times import instant, instant_us

if TYPE_CHECKING:
    from sqlalchemy.engine import Engine

OUTBOX_STATUSES = ("approved", "edited", "sent")


@dataclass(frozen=True, slots=True)
class OutboxItem:
    suggestion_id: str
    situation_id: str
    group_id: str
    kind: str
    action: str
    to: str
    text: str
    status: str
    event_id: str | None
    decided_by: str | None
    created_at: datetime
    delivered_at: datetime | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.suggestion_id,
            "situation": self.situation_id,
            "group": self.group_id,
            "kind": self.kind,
            "action": self.action,
            "to": self.to,
            "text": self.text,
            "status": self.status,
            "event": self.event_id,
            "decided_by": self.decided_by,
            "created_at": self.created_at.isoformat(),
            "delivered_at": self.delivered_at.isoformat() if self.delivered_at else None,
        }


class Live:
    """Incremental writes of the live engine, and the outbox."""

    engine: Engine

    if TYPE_CHECKING:

        def _open_tickets(self, conn: Connection, situations: Iterable[Situation]) -> None: ...

    def upsert_situations(self, conn: Connection, situations: Sequence[Situation]) -> None:
        """Write these situations (and their suggestions) over their stored versions."""
        if not situations:
            return
        sit, sug = schema.situations, schema.suggestions
        ids = [s.id for s in situations]
        decided = {
            r.id: r
            for r in conn.execute(
                sa.select(sug).where(sug.c.situation_id.in_(ids), sug.c.status.in_(DECIDED))
            )
        }
        conn.execute(sug.delete().where(sug.c.situation_id.in_(ids), ~sug.c.id.like("%-closed")))
        conn.execute(sit.delete().where(sit.c.id.in_(ids)))
        srows, grows = situation_rows(situations, decided)
        conn.execute(sit.insert(), srows)
        if grows:
            conn.execute(sug.insert(), grows)
        self._open_tickets(conn, situations)

    def existing_keys(self, events: Sequence[Event]) -> set[tuple[str, str]]:
        """The (group, key) pairs of these events that are already stored."""
        ev = schema.events.c
        by_group: dict[str, list[str]] = {}
        for e in events:
            by_group.setdefault(e.group_id, []).append(e.key)
        out: set[tuple[str, str]] = set()
        with self.engine.connect() as conn:
            for gid, keys in by_group.items():
                for i in range(0, len(keys), 500):
                    q = sa.select(ev.key).where(ev.group_id == gid, ev.key.in_(keys[i : i + 500]))
                    out.update((gid, r.key) for r in conn.execute(q))
        return out

    def decided_suggestions(
        self, situation_ids: Sequence[str], conn: Connection | None = None
    ) -> set[str]:
        """Ids of these situations' suggestions a person (or autopilot) already decided."""
        sug = schema.suggestions
        q = sa.select(sug.c.id).where(
            sug.c.situation_id.in_(list(situation_ids)), sug.c.status.in_(DECIDED)
        )
        if conn is not None:
            return {r.id for r in conn.execute(q)}
        with self.engine.connect() as own:
            return {r.id for r in own.execute(q)}

    def suggestions_since(
        self, group_ids: Sequence[str], since: datetime, status: str | None = "pending"
    ) -> list[dict[str, Any]]:
        """Suggestions of these groups drafted at or after ``since`` (one indexed query);
        ``status`` None: whatever their status."""
        sug, sit = schema.suggestions, schema.situations
        q = (
            sa.select(sug, sit.c.kind, sit.c.member_id)
            .join(sit, sit.c.id == sug.c.situation_id)
            .where(
                sug.c.group_id.in_(list(group_ids)),
                sug.c.created_at_us >= instant_us(since),
            )
            .order_by(sug.c.created_at_us, sug.c.id)
        )
        if status is not None:
            q = q.where(sug.c.status == status)
        with self.engine.connect() as conn:
            return [
                {
                    "id": r.id,
                    "situation": r.situation_id,
                    "group": r.group_id,
                    "kind": r.kind,
                    "member": r.member_id,
                    "action": r.action,
                    "to": r.to_target,
                    "text": r.text,
                    "status": r.status,
                    "created_at": instant(r.created_at_us, r.tz_offset).isoformat(),
                }
                for r in conn.execute(q)
            ]

    def mark_sent(self, conn: Connection, suggestion_ids: Sequence[str], by: str) -> int:
        sug = schema.suggestions
        result = conn.execute(
            sa.update(sug)
            .where(sug.c.id.in_(list(suggestion_ids)), sug.c.status == "pending")
            .values(status="sent", updated_by=by)
        )
        return max(result.rowcount, 0)

    # -- outbox ----------------------------------------------------------

    def outbox(
        self, group_ids: Iterable[str] | None = None, *, delivered: bool = False, limit: int = 500
    ) -> list[OutboxItem]:
        """Decided suggestions to deliver (or, with ``delivered``, those delivered)."""
        sug, sit, dl = schema.suggestions, schema.situations, schema.deliveries
        q = (
            sa.select(sug, sit.c.kind, dl.c.delivered_at_us)
            .join(sit, sit.c.id == sug.c.situation_id)
            .outerjoin(dl, dl.c.suggestion_id == sug.c.id)
            .where(sug.c.status.in_(OUTBOX_STATUSES))
            .order_by(sug.c.created_at_us, sug.c.id)
            .limit(limit)
        )
        q = q.where(dl.c.suggestion_id.is_not(None) if delivered else dl.c.suggestion_id.is_(None))
        if group_ids is not None:
            q = q.where(sug.c.group_id.in_(list(group_ids)))
        with self.engine.connect() as conn:
            return [
                OutboxItem(
                    r.id,
                    r.situation_id,
                    r.group_id,
                    r.kind,
                    r.action,
                    r.to_target,
                    r.text,
                    r.status,
                    r.event_id,
                    r.updated_by,
                    instant(r.created_at_us, r.tz_offset),
                    instant(r.delivered_at_us, 0) if r.delivered_at_us is not None else None,
                )
                for r in conn.execute(q)
            ]

    def suggestion_row(self, suggestion_id: str) -> dict[str, Any] | None:
        sug = schema.suggestions
        with self.engine.connect() as conn:
            r = conn.execute(sa.select(sug).where(sug.c.id == suggestion_id)).first()
        return r._asdict() if r is not None else None

    def mark_delivered(
        self, conn: Connection, suggestion_id: str, group_id: str, by: str, at: datetime
    ) -> bool:
        """Record a delivery; False when it was already recorded (idempotent)."""
        dl = schema.deliveries
        if conn.execute(
            sa.select(dl.c.suggestion_id).where(dl.c.suggestion_id == suggestion_id)
        ).first():
            return False
        conn.execute(
            dl.insert(),
            [
                {
                    "suggestion_id": suggestion_id,
                    "group_id": group_id,
                    "delivered_at_us": instant_us(at),
                    "delivered_by": by,
                }
            ],
        )
        return True
