"""What a person does through the web app, each change with its audit record.

Shared by the API and the pages: deciding suggestions, snoozing cards,
closing tickets (the follow-up draft to the group, as ``fenwei tickets
close`` makes it), switching autopilot and saving the community settings
(validated as ``fenwei.yaml`` is, then applied to the live engine).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

import orjson
import yaml

from fenwei.config.community import CommunityConfig, config_from_data
from fenwei.errors import InputError
from fenwei.model.situations import Suggestion
from fenwei.pipeline.inbox import record_decision
from fenwei.playbooks import ticket_closed_note
from fenwei.store import Store
from fenwei.store.inbox import Ticket
from fenwei.web.live import LiveEngine

CONFIG_KEY = "community_config"


def decide_suggestion(
    store: Store, suggestion_id: str, decision: str, actor: str, at: datetime, text: str | None
) -> bool:
    """Approve, edit (then approve) or dismiss one pending suggestion."""
    row = store.suggestion_row(suggestion_id)
    if row is None or row["status"] != "pending":
        return False
    if decision == "edit" and (text is None or not text.strip()):
        raise InputError("inbox.edit_needs_text")
    with store.begin() as conn:
        n = record_decision(
            store,
            conn,
            suggestion_id,
            row["group_id"],
            row["situation_id"],
            decision,
            actor,
            at,
            text.strip() if text else None,
        )
    return bool(n)


def snooze_key(card_id: str) -> str:
    return "snooze:" + hashlib.sha1(card_id.encode()).hexdigest()[:24]


def snoozed_until(store: Store, card_id: str) -> datetime | None:
    value = store.setting(snooze_key(card_id))
    return datetime.fromisoformat(value) if value else None


def snooze(
    store: Store, card_id: str, group_id: str, actor: str, at: datetime, minutes: int
) -> datetime:
    until = at + timedelta(minutes=minutes)
    with store.begin() as conn:
        store.put_setting(conn, snooze_key(card_id), until.isoformat(), at, actor)
        store.audit(conn, at, actor, "card.snooze", group_id, card_id, {"until": until.isoformat()})
    return until


def close_ticket(
    store: Store, config: CommunityConfig, ticket: Ticket, note: str, actor: str, at: datetime
) -> Suggestion:
    """Close a ticket with a note: the note to the group becomes a draft in the inbox."""
    note = note.strip()
    if not note:
        raise InputError("cli.tickets.need_note")
    if ticket.status != "open":
        raise InputError("cli.tickets.already_closed", id=ticket.id)
    situation = next(s for s in store.load_situations([ticket.group_id]) if s.id == ticket.id)
    name = store.member_names([ticket.group_id]).get(
        (ticket.group_id, ticket.member_id or ""), ticket.member_id or ""
    )
    draft = ticket_closed_note(
        situation, note, at, name=name, settings=config.for_group(ticket.group_id)
    )
    with store.begin() as conn:
        store.close_ticket(conn, ticket.id, actor, at, note)
        sid = store.add_follow_up(conn, situation.id, ticket.group_id, draft)
        store.audit(
            conn,
            at,
            actor,
            "ticket.close",
            ticket.group_id,
            ticket.id,
            {"note": note, "follow_up": sid},
        )
    return draft


# -- settings --------------------------------------------------------------


def stored_config_data(store: Store) -> dict[str, Any]:
    """The community settings as the store keeps them (the ``fenwei.yaml`` shape)."""
    raw = store.setting(CONFIG_KEY)
    data = orjson.loads(raw) if raw else {}
    return data if isinstance(data, dict) else {}


def load_stored_config(store: Store) -> CommunityConfig:
    data = stored_config_data(store)
    return config_from_data(data, "settings") if data else CommunityConfig.default()


@dataclass(frozen=True, slots=True)
class Saved:
    config: CommunityConfig
    data: dict[str, Any]


def save_config(
    store: Store,
    live: LiveEngine | None,
    data: dict[str, Any],
    actor: str,
    at: datetime,
    groups: list[str] | None = None,
    action: str = "settings.save",
) -> Saved:
    """Validate and store new settings, then rebuild the groups they touch."""
    config = config_from_data(data, "settings")
    with store.begin() as conn:
        store.put_setting(conn, CONFIG_KEY, orjson.dumps(data).decode(), at, actor)
        store.audit(
            conn,
            at,
            actor,
            action,
            groups[0] if groups and len(groups) == 1 else None,
            None,
            {"groups": groups} if groups else None,
        )
    if live is not None:
        live.reconfigure(config, groups)
    return Saved(config, data)


def group_data(data: dict[str, Any], group_id: str) -> dict[str, Any]:
    groups = data.setdefault("groups", {})
    g = groups.setdefault(group_id, {})
    assert isinstance(g, dict)
    return g


def set_autopilot(
    store: Store,
    live: LiveEngine | None,
    config: CommunityConfig,
    group_id: str,
    kind: str,
    on: bool,
    actor: str,
    at: datetime,
) -> Saved:
    """Switch autopilot for one kind in one group."""
    data = stored_config_data(store)
    current = set(config.for_group(group_id).autopilot)
    if on:
        current.add(kind)
    else:
        current.discard(kind)
    group_data(data, group_id)["autopilot"] = sorted(current)
    return save_config(
        store, live, data, actor, at, [group_id], "autopilot.on" if on else "autopilot.off"
    )


def config_yaml(data: dict[str, Any]) -> str:
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False) if data else ""
