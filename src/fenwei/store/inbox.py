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

from fenwei.model import Event, format_time
from fenwei.model.situations import Suggestion
from fenwei.store import schema
from fenwei.store.times import event_from_row, instant, instant_us, offset_seconds

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
            return [event_from_row(r) for r in conn.execute(q)]

    def staff_ids(self, group_ids: Iterable[str] | None = None) -> dict[str, set[str]]:
        """Each group's members seen with ``role: staff`` on any of their events."""
        out: dict[str, set[str]] = {}
        with self.engine.connect() as conn:
            for gid, mid in conn.execute(
                _staff_query(list(group_ids) if group_ids is not None else None)
            ):
                out.setdefault(gid, set()).add(mid)
        return out

    def member_names(self, group_ids: Iterable[str] | None = None) -> dict[tuple[str, str], str]:
        m = schema.members.c
        q = sa.select(m.group_id, m.member_id, m.name).where(m.name.is_not(None))
        if group_ids is not None:
            q = q.where(m.group_id.in_(list(group_ids)))
        with self.engine.connect() as conn:
            return {(r.group_id, r.member_id): r.name for r in conn.execute(q)}


@dataclass(frozen=True, slots=True)
class Ticket:
    """Feedback routed to a department, opened for a member's criticism."""

    id: str
    group_id: str
    department: str
    member_id: str | None
    event_id: str | None
    text: str
    quote: str | None
    status: str
    opened_at: datetime
    closed_at: datetime | None
    closed_by: str | None
    note: str | None

    def to_json(self) -> dict[str, object]:
        """The ticket as the CLI's ``--json`` and the API show it."""
        return {
            "id": self.id,
            "group": self.group_id,
            "department": self.department,
            "member": self.member_id,
            "event": self.event_id,
            "text": self.text,
            "quote": self.quote,
            "status": self.status,
            "opened_at": format_time(self.opened_at),
            "closed_at": format_time(self.closed_at) if self.closed_at else None,
            "closed_by": self.closed_by,
            "note": self.note,
        }


class Tickets:
    engine: Engine

    def tickets(
        self,
        group_ids: Iterable[str] | None = None,
        status: str | None = None,
        department: str | None = None,
    ) -> list[Ticket]:
        t = schema.tickets
        q = sa.select(t).order_by(t.c.opened_at_us.desc(), t.c.id)
        if group_ids is not None:
            q = q.where(t.c.group_id.in_(list(group_ids)))
        if status:
            q = q.where(t.c.status == status)
        if department:
            q = q.where(t.c.department == department)
        with self.engine.connect() as conn:
            return [
                Ticket(
                    r.id,
                    r.group_id,
                    r.department,
                    r.member_id,
                    r.event_id,
                    r.text,
                    r.quote,
                    r.status,
                    instant(r.opened_at_us, r.tz_offset),
                    instant(r.closed_at_us, r.tz_offset) if r.closed_at_us else None,
                    r.closed_by,
                    r.note,
                )
                for r in conn.execute(q)
            ]

    def close_ticket(
        self, conn: Connection, ticket_id: str, by: str, at: datetime, note: str
    ) -> bool:
        t = schema.tickets
        result = conn.execute(
            sa.update(t)
            .where(t.c.id == ticket_id, t.c.status == "open")
            .values(status="closed", closed_at_us=instant_us(at), closed_by=by, note=note)
        )
        return result.rowcount > 0

    def add_follow_up(
        self, conn: Connection, situation_id: str, group_id: str, suggestion: Suggestion
    ) -> str:
        """Store a suggestion drafted outside the engine (kept across rebuilds)."""
        sid = f"{situation_id}-closed"
        sug = schema.suggestions
        conn.execute(sug.delete().where(sug.c.id == sid))
        conn.execute(
            sug.insert(),
            [
                {
                    "id": sid,
                    "situation_id": situation_id,
                    "group_id": group_id,
                    "position": 1000,
                    "action": str(suggestion.action),
                    "to_target": suggestion.to,
                    "text": suggestion.text,
                    "status": str(suggestion.status),
                    "created_at_us": instant_us(suggestion.created_at),
                    "tz_offset": offset_seconds(suggestion.created_at),
                    "catalog_key": suggestion.key,
                    "event_id": suggestion.event_id,
                    "updated_by": None,
                }
            ],
        )
        return sid


def _staff_query(group_ids: list[str] | None) -> sa.Select[str, str]:
    m = schema.members.c
    q = sa.select(m.group_id, m.member_id).where(m.role == "staff")
    return q.where(m.group_id.in_(group_ids)) if group_ids is not None else q
