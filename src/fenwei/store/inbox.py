"""The KOE's inbox in the store: pending suggestions, decisions, corrections.

A mixin of ``Store``. Every change here is made inside the caller's
transaction together with its audit record.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from fenwei.model import Event, EventType, Role
from fenwei.store import schema
from fenwei.store.times import instant

if TYPE_CHECKING:
    from sqlalchemy.engine import Engine


@dataclass(frozen=True, slots=True)
class InboxItem:
    """One suggestion with the situation it belongs to."""

    suggestion_id: str
    situation_id: str
    group_id: str
    kind: str
    member_id: str | None
    event_id: str | None
    opened_at: datetime
    due_at: datetime | None
    action: str
    to: str
    text: str
    status: str
    created_at: datetime
    situation_text: str | None


class Inbox:
    engine: Engine

    def inbox_items(
        self,
        group_ids: Iterable[str] | None = None,
        statuses: Sequence[str] = ("pending",),
        situation_ids: Iterable[str] | None = None,
    ) -> list[InboxItem]:
        sug, sit = schema.suggestions, schema.situations
        q = (
            sa.select(
                sug,
                sit.c.kind,
                sit.c.member_id,
                sit.c.event_id.label("sit_event"),
                sit.c.opened_at_us,
                sit.c.due_at_us,
                sit.c.tz_offset.label("sit_offset"),
                sit.c.text.label("sit_text"),
            )
            .join(sit, sit.c.id == sug.c.situation_id)
            .where(sug.c.status.in_(list(statuses)))
            .order_by(sit.c.opened_at_us, sug.c.situation_id, sug.c.position)
        )
        if group_ids is not None:
            q = q.where(sug.c.group_id.in_(list(group_ids)))
        if situation_ids is not None:
            q = q.where(sug.c.situation_id.in_(list(situation_ids)))
        with self.engine.connect() as conn:
            return [
                InboxItem(
                    r.id,
                    r.situation_id,
                    r.group_id,
                    r.kind,
                    r.member_id,
                    r.sit_event,
                    instant(r.opened_at_us, r.sit_offset),
                    instant(r.due_at_us, r.sit_offset) if r.due_at_us is not None else None,
                    r.action,
                    r.to_target,
                    r.text,
                    r.status,
                    instant(r.created_at_us, r.tz_offset),
                    r.sit_text,
                )
                for r in conn.execute(q)
            ]

    def set_suggestions(
        self,
        conn: Connection,
        suggestion_ids: Sequence[str],
        status: str,
        by: str,
        text: str | None = None,
    ) -> int:
        """Decide suggestions still pending; returns how many changed."""
        sug = schema.suggestions
        values: dict[str, object] = {"status": status, "updated_by": by}
        if text is not None:
            values["text"] = text
        result = conn.execute(
            sa.update(sug)
            .where(sug.c.id.in_(list(suggestion_ids)), sug.c.status == "pending")
            .values(**values)
        )
        return max(result.rowcount, 0)

    def find_messages(self, event_id: str, group_id: str | None = None) -> list[Event]:
        ev = schema.events.c
        q = sa.select(schema.events).where(ev.type == "message", ev.event_id == event_id)
        if group_id is not None:
            q = q.where(ev.group_id == group_id)
        with self.engine.connect() as conn:
            return [
                Event(
                    EventType.MESSAGE,
                    r.group_id,
                    instant(r.at_us, r.tz_offset),
                    r.member_id,
                    r.event_id,
                    r.name,
                    Role(r.role),
                    r.text,
                    r.reply_to,
                )
                for r in conn.execute(q)
            ]

    def member_names(self, group_ids: Iterable[str] | None = None) -> dict[tuple[str, str], str]:
        m = schema.members.c
        q = sa.select(m.group_id, m.member_id, m.name).where(m.name.is_not(None))
        if group_ids is not None:
            q = q.where(m.group_id.in_(list(group_ids)))
        with self.engine.connect() as conn:
            return {(r.group_id, r.member_id): r.name for r in conn.execute(q)}
