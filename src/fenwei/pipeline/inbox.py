"""The inbox: suggestions grouped into cards, and the KOE's decisions on them.

One card per group, member and kind for situations opened within 10 minutes
of each other (a burst of 13 complaints is one card); deciding a card decides
every pending suggestion in it, each recorded in the audit log.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy.engine import Connection

from fenwei.errors import InputError
from fenwei.model import format_time
from fenwei.store import Store
from fenwei.store.inbox import InboxItem

CARD_WINDOW = timedelta(minutes=10)
DECISIONS = {"approve": "approved", "edit": "edited", "dismiss": "dismissed"}


@dataclass(slots=True)
class Card:
    """Situations of one group, member and kind, opened close together."""

    id: str
    group_id: str
    kind: str
    member_id: str | None
    opened_at: datetime
    due_at: datetime | None
    items: list[InboxItem] = field(default_factory=list)

    @property
    def situation_ids(self) -> list[str]:
        return list(dict.fromkeys(i.situation_id for i in self.items))

    @property
    def count(self) -> int:
        return len(self.situation_ids)

    def to_json(self) -> dict[str, Any]:
        """The card as ``fenwei inbox --json`` and the API show it."""
        return {
            "card": self.id,
            "group": self.group_id,
            "kind": self.kind,
            "member": self.member_id,
            "opened_at": format_time(self.opened_at),
            "due_at": format_time(self.due_at) if self.due_at else None,
            "situations": self.situation_ids,
            "suggestions": [
                {
                    "id": i.suggestion_id,
                    "action": i.action,
                    "to": i.to,
                    "text": i.text,
                    "status": i.status,
                }
                for i in self.items
            ],
        }


def cards(items: Iterable[InboxItem]) -> list[Card]:
    """Group suggestions into cards: those still due first (soonest first), then newest."""
    out: list[Card] = []
    last: dict[tuple[str, str, str | None], tuple[Card, datetime]] = {}
    for item in sorted(items, key=lambda i: (i.opened_at, i.situation_id)):
        key = (item.group_id, item.kind, item.member_id)
        prev = last.get(key)
        if prev is not None and item.opened_at - prev[1] <= CARD_WINDOW:
            card = prev[0]
            if item.due_at is not None and (card.due_at is None or item.due_at < card.due_at):
                card.due_at = item.due_at
        else:
            card = Card(
                item.situation_id,
                item.group_id,
                item.kind,
                item.member_id,
                item.opened_at,
                item.due_at,
            )
            out.append(card)
        card.items.append(item)
        last[key] = (card, item.opened_at)
    if not out:
        return out
    # The data's own clock: the newest situation. Cards still within their
    # deadline come first, soonest due first; then the rest, newest first.
    now = max(c.opened_at for c in out)

    def urgency(c: Card) -> tuple[int, float]:
        if c.due_at is not None and c.due_at >= now:
            return (0, c.due_at.timestamp())
        return (1, -c.opened_at.timestamp())

    out.sort(key=urgency)
    return out


def find_card(store: Store, card_id: str, group_ids: Iterable[str] | None = None) -> Card:
    for card in cards(store.inbox_items(group_ids)):
        if card.id == card_id or card_id in card.situation_ids:
            return card
    raise InputError("inbox.no_such_card", card=card_id)


def decide(
    store: Store,
    card: Card,
    decision: str,
    by: str,
    at: datetime,
    text: str | None = None,
    index: int = 0,
) -> int:
    """Approve, edit (then approve) or dismiss a card; returns suggestions changed."""
    pending = [i for i in card.items if i.status == "pending"]
    if decision == "edit":
        if text is None or not text.strip():
            raise InputError("inbox.edit_needs_text")
        if not 0 <= index < len(pending):
            raise InputError("inbox.no_such_suggestion", index=index, count=len(pending))
        targets: Sequence[InboxItem] = [pending[index]]
    else:
        targets = pending
    with store.begin() as conn:
        return sum(
            record_decision(
                store,
                conn,
                item.suggestion_id,
                item.group_id,
                item.situation_id,
                decision,
                by,
                at,
                text,
                item.kind,
            )
            for item in targets
        )


def record_decision(
    store: Store,
    conn: Connection,
    suggestion_id: str,
    group_id: str,
    situation_id: str,
    decision: str,
    by: str,
    at: datetime,
    text: str | None = None,
    kind: str | None = None,
) -> int:
    """Decide one still-pending suggestion and audit it; 1 if it changed, else 0."""
    status = DECISIONS[decision]
    n = store.set_suggestions(
        conn, [suggestion_id], status, by, text if decision == "edit" else None
    )
    if n:
        detail = {"situation": situation_id, "status": status}
        if kind is not None:
            detail["kind"] = kind
        store.audit(conn, at, by, f"suggestion.{decision}", group_id, suggestion_id, detail)
    return n
