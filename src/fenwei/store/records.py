"""What the analysis stores: labels, situations with their suggestions, audit.

A mixin of ``Store``. Situations are saved whole per group after a replay:
ids are stable (derived from group, kind and opening event), and a suggestion
a KOE already approved, edited, dismissed or sent keeps its decision and
text when the group is rebuilt (CONTRACTS.md, late events and rebuilds).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import datetime
from typing import TYPE_CHECKING, Any

import orjson
import sqlalchemy as sa
from sqlalchemy.engine import Connection

from fenwei.model import Act, Label
from fenwei.model.situations import (
    Action,
    Kind,
    Resolution,
    Situation,
    Suggestion,
    SuggestionStatus,
)
from fenwei.store import schema
from fenwei.store.times import instant, instant_us, offset_seconds

if TYPE_CHECKING:
    from sqlalchemy.engine import Engine

DECIDED = frozenset({"approved", "edited", "dismissed", "sent"})


class Records:
    """Labels, situations, suggestions and the audit log."""

    engine: Engine

    # -- labels ----------------------------------------------------------

    def write_labels(
        self, conn: Connection, group_id: str, labels: Iterable[tuple[str, Label]]
    ) -> None:
        rows = [
            {
                "group_id": group_id,
                "event_id": eid,
                "act": str(lb.act),
                "sentiment": float(lb.sentiment),
                "toxicity": float(lb.toxicity),
                "probs": orjson.dumps(dict(lb.probs)).decode() if lb.probs else None,
                "source": lb.source,
            }
            for eid, lb in labels
        ]
        if not rows:
            return
        t = schema.labels
        conn.execute(
            t.delete().where(
                t.c.group_id == group_id, t.c.event_id.in_([r["event_id"] for r in rows])
            )
        )
        conn.execute(t.insert(), rows)

    def read_labels(self, group_ids: Iterable[str] | None = None) -> dict[tuple[str, str], Label]:
        t = schema.labels
        q = sa.select(t)
        if group_ids is not None:
            q = q.where(t.c.group_id.in_(list(group_ids)))
        with self.engine.connect() as conn:
            return {
                (r.group_id, r.event_id): Label(
                    Act(r.act),
                    r.sentiment,
                    r.toxicity,
                    orjson.loads(r.probs) if r.probs else {},
                    r.source,
                )
                for r in conn.execute(q)
            }

    # -- corrections -----------------------------------------------------

    def read_corrections(
        self, group_ids: Iterable[str] | None = None
    ) -> dict[tuple[str, str], Act]:
        """A KOE's corrected acts, by (group, message id)."""
        t = schema.corrections
        q = sa.select(t.c.group_id, t.c.event_id, t.c.act)
        if group_ids is not None:
            q = q.where(t.c.group_id.in_(list(group_ids)))
        with self.engine.connect() as conn:
            return {(r.group_id, r.event_id): Act(r.act) for r in conn.execute(q)}

    def forget_labels_of_text(self, conn: Connection, text: str) -> set[str]:
        """Drop the stored labels of every message with exactly ``text``; their groups."""
        if not text.strip():
            return set()
        ev, lb = schema.events, schema.labels
        hits = conn.execute(
            sa.select(ev.c.group_id, ev.c.event_id).where(ev.c.type == "message", ev.c.text == text)
        ).all()
        for gid, eid in hits:
            conn.execute(lb.delete().where(lb.c.group_id == gid, lb.c.event_id == eid))
        return {gid for gid, _ in hits}

    def correction_texts(self) -> list[tuple[str, str]]:
        """Every corrected message's (text, act), oldest first: the retraining set."""
        t = schema.corrections
        q = sa.select(t.c.text, t.c.act).where(t.c.text.is_not(None)).order_by(t.c.at_us)
        with self.engine.connect() as conn:
            return [(r.text, r.act) for r in conn.execute(q)]

    def write_correction(
        self,
        conn: Connection,
        group_id: str,
        event_id: str,
        act: Act,
        text: str | None,
        by: str,
        at: datetime,
    ) -> None:
        t = schema.corrections
        conn.execute(t.delete().where(t.c.group_id == group_id, t.c.event_id == event_id))
        conn.execute(
            t.insert(),
            [
                {
                    "group_id": group_id,
                    "event_id": event_id,
                    "act": str(act),
                    "text": text,
                    "by_user": by,
                    "at_us": instant_us(at),
                }
            ],
        )

    # -- situations ------------------------------------------------------

    def save_situations(
        self,
        conn: Connection,
        group_ids: Iterable[str],
        situations: Iterable[Situation],
        actor: str = "fenwei",
    ) -> None:
        """Replace the situations of ``group_ids`` with ``situations``.

        Suggestions already decided by a person keep their status and text.
        """
        groups = list(group_ids)
        sit, sug = schema.situations, schema.suggestions
        # A decided suggestion keeps its decision; a follow-up (a closed ticket's
        # note to the group) is not the engine's to redraft, so it stays whole.
        follow_ups = [
            r._asdict()
            for r in conn.execute(
                sa.select(sug).where(sug.c.group_id.in_(groups), sug.c.id.like("%-closed"))
            )
        ]
        decided = {
            r.id: r
            for r in conn.execute(
                sa.select(sug).where(sug.c.group_id.in_(groups), sug.c.status.in_(DECIDED))
            )
        }
        conn.execute(sug.delete().where(sug.c.group_id.in_(groups)))
        conn.execute(sit.delete().where(sit.c.group_id.in_(groups)))
        srows, grows = situation_rows(situations, decided)
        if srows:
            conn.execute(sit.insert(), srows)
        known = {r["id"] for r in srows}
        grows += [r for r in follow_ups if r["situation_id"] in known]
        if grows:
            conn.execute(sug.insert(), grows)
        self._open_tickets(conn, situations)

    def _open_tickets(self, conn: Connection, situations: Iterable[Situation]) -> None:
        """A ticket for every ``ticket`` suggestion that has none yet."""
        t = schema.tickets
        rows = [
            {
                "id": s.id,
                "group_id": s.group_id,
                "department": g.to,
                "member_id": s.member_id,
                "event_id": s.event_id,
                "text": g.text,
                "quote": s.text,
                "status": "open",
                "opened_at_us": instant_us(g.created_at),
                "tz_offset": offset_seconds(g.created_at),
            }
            for s in situations
            for g in s.suggestions
            if g.action == Action.TICKET
        ]
        if not rows:
            return
        have = {
            r.id for r in conn.execute(sa.select(t.c.id).where(t.c.id.in_([r["id"] for r in rows])))
        }
        new = [r for r in rows if r["id"] not in have]
        if new:
            conn.execute(t.insert(), new)

    def load_situations(self, group_ids: Iterable[str] | None = None) -> list[Situation]:
        sit, sug = schema.situations, schema.suggestions
        qs = sa.select(sit).order_by(sit.c.opened_at_us, sit.c.id)
        qg = sa.select(sug).order_by(sug.c.situation_id, sug.c.position)
        if group_ids is not None:
            wanted = list(group_ids)
            qs = qs.where(sit.c.group_id.in_(wanted))
            qg = qg.where(sug.c.group_id.in_(wanted))
        with self.engine.connect() as conn:
            by_situation: dict[str, list[Suggestion]] = {}
            for r in conn.execute(qg):
                by_situation.setdefault(r.situation_id, []).append(
                    Suggestion(
                        action=Action(r.action),
                        to=r.to_target,
                        text=r.text,
                        created_at=instant(r.created_at_us, r.tz_offset),
                        status=SuggestionStatus(r.status),
                        key=r.catalog_key,
                        event_id=r.event_id,
                    )
                )
            out = []
            for r in conn.execute(qs):
                out.append(
                    Situation(
                        id=r.id,
                        kind=Kind(r.kind),
                        group_id=r.group_id,
                        member_id=r.member_id,
                        event_id=r.event_id,
                        opened_at=instant(r.opened_at_us, r.tz_offset),
                        due_at=_maybe(r.due_at_us, r.tz_offset),
                        resolved_at=_maybe(r.resolved_at_us, r.tz_offset),
                        resolved_by=r.resolved_by,
                        resolution=Resolution(r.resolution) if r.resolution else None,
                        suggestions=tuple(by_situation.get(r.id, ())),
                        parties=tuple(orjson.loads(r.parties)) if r.parties else (),
                        event_ids=tuple(orjson.loads(r.event_ids)) if r.event_ids else (),
                        text=r.text,
                    )
                )
        return out

    # -- audit -----------------------------------------------------------

    def audit(
        self,
        conn: Connection,
        at: datetime,
        actor: str,
        action: str,
        group_id: str | None = None,
        target: str | None = None,
        detail: Mapping[str, Any] | None = None,
    ) -> None:
        """Record who did what, when (every state change a person or fenwei makes)."""
        conn.execute(
            schema.audit_log.insert(),
            [
                {
                    "at_us": instant_us(at),
                    "actor": actor,
                    "action": action,
                    "group_id": group_id,
                    "target": target,
                    "detail": orjson.dumps(dict(detail)).decode() if detail else None,
                }
            ],
        )


def _maybe(us: int | None, offset: int) -> datetime | None:
    return instant(us, offset) if us is not None else None


def situation_rows(
    situations: Iterable[Situation], decided: Mapping[str, Any]
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Rows of ``situations`` and ``suggestions`` for these situations.

    ``decided`` maps suggestion ids to the stored rows of suggestions a person
    already decided: those keep their status, text and who decided.
    """
    srows: list[dict[str, Any]] = []
    grows: list[dict[str, Any]] = []
    for s in situations:
        srows.append(
            {
                "id": s.id,
                "group_id": s.group_id,
                "kind": str(s.kind),
                "member_id": s.member_id,
                "event_id": s.event_id,
                "opened_at_us": instant_us(s.opened_at),
                "due_at_us": instant_us(s.due_at) if s.due_at else None,
                "resolved_at_us": instant_us(s.resolved_at) if s.resolved_at else None,
                "resolved_by": s.resolved_by,
                "resolution": str(s.resolution) if s.resolution else None,
                "tz_offset": offset_seconds(s.opened_at),
                "parties": orjson.dumps(s.parties).decode() if s.parties else None,
                "event_ids": orjson.dumps(s.event_ids).decode() if s.event_ids else None,
                "text": s.text,
            }
        )
        for pos, g in enumerate(s.suggestions):
            sid = f"{s.id}-{pos}"
            kept = decided.get(sid)
            grows.append(
                {
                    "id": sid,
                    "situation_id": s.id,
                    "group_id": s.group_id,
                    "position": pos,
                    "action": str(g.action),
                    "to_target": g.to,
                    "text": kept.text if kept is not None else g.text,
                    "status": kept.status if kept is not None else str(g.status),
                    "created_at_us": instant_us(g.created_at),
                    "tz_offset": offset_seconds(g.created_at),
                    "catalog_key": g.key,
                    "event_id": g.event_id,
                    "updated_by": kept.updated_by if kept is not None else None,
                }
            )
    return srows, grows
