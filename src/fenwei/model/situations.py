"""Situations and suggestions: the moments that need someone, and the drafted words.

A ``Situation`` is opened and closed by events (CONTRACTS.md, the situation
table); a ``Suggestion`` is what a playbook drafted for it. Both are frozen:
the engine replaces a situation with an updated copy when its state changes.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from typing import Any

from fenwei.model.events import format_time


class Kind(StrEnum):
    NEWCOMER = "newcomer"
    OPEN_QUESTION = "open_question"
    UNTHANKED_CONTRIBUTION = "unthanked_contribution"
    COMPLAINT = "complaint"
    CRITICISM = "criticism"
    CONFLICT = "conflict"
    RULE_VIOLATION = "rule_violation"
    SILENCE = "silence"
    STAFF_TONE = "staff_tone"
    CORE_MEMBER = "core_member"


KINDS: tuple[Kind, ...] = tuple(Kind)


class Resolution(StrEnum):
    COMMUNITY = "community"
    STAFF = "staff"
    EXPIRED = "expired"


class SuggestionStatus(StrEnum):
    PENDING = "pending"
    APPROVED = "approved"
    EDITED = "edited"
    DISMISSED = "dismissed"
    WITHDRAWN = "withdrawn"
    SENT = "sent"
    WOULD_SEND = "would_send"


class Action(StrEnum):
    POST = "post"
    PRIVATE_MESSAGE = "private_message"
    REMOVE_MESSAGE = "remove_message"
    WARN = "warn"
    REMOVE_MEMBER = "remove_member"
    TICKET = "ticket"
    COACH = "coach"


GROUP = "group"
"""The ``to`` of a suggestion addressed to the whole group."""


@dataclass(frozen=True, slots=True)
class Suggestion:
    """One drafted action for a situation.

    ``to`` is ``"group"``, a member id, or for a ``ticket`` the department;
    ``event_id`` is the message a ``remove_message`` removes; ``key`` is the
    catalog key the text was drafted from (for audits and overrides).
    """

    action: Action
    to: str
    text: str
    created_at: datetime
    status: SuggestionStatus = SuggestionStatus.PENDING
    key: str = ""
    event_id: str | None = None

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "action": self.action.value,
            "to": self.to,
            "text": self.text,
            "status": self.status.value,
            "created_at": format_time(self.created_at),
        }
        if self.event_id is not None:
            out["event"] = self.event_id
        return out


@dataclass(frozen=True, slots=True)
class Situation:
    """A moment in one group that needs (or needed) someone to act.

    ``member_id`` is whom it is about, ``event_id`` the message that opened it
    (the joiner's id for ``newcomer``, None for ``silence``). ``resolution``
    is None while open; ``expired`` stays even when ``resolved_by`` acts late.
    ``parties`` are the members involved (conflict), ``text`` the opening
    message's text (for drafting), ``event_ids`` the messages that belong to
    it (a conflict's hostile messages), ``act`` what opened it (the opening
    message's act, or ``flood``), ``notes`` what the engine flagged on it
    (``dismissive:<event id>:<member id>``). These extra fields are not in the JSON.
    """

    id: str
    kind: Kind
    group_id: str
    member_id: str | None
    event_id: str | None
    opened_at: datetime
    due_at: datetime | None = None
    resolved_at: datetime | None = None
    resolved_by: str | None = None
    resolution: Resolution | None = None
    suggestions: tuple[Suggestion, ...] = ()
    parties: tuple[str, ...] = ()
    event_ids: tuple[str, ...] = ()
    text: str | None = None
    act: str | None = None
    notes: tuple[str, ...] = ()

    @property
    def is_open(self) -> bool:
        """Nobody acted and the deadline has not passed."""
        return self.resolution is None

    @property
    def is_waiting(self) -> bool:
        """Nobody acted yet (a late action is still recorded after expiry)."""
        return self.resolved_by is None

    def to_json(self) -> dict[str, Any]:
        """The ``situations[]`` item of ``analyze --json`` (CONTRACTS.md)."""
        return {
            "id": self.id,
            "kind": self.kind.value,
            "group": self.group_id,
            "member": self.member_id,
            "event": self.event_id,
            "opened_at": format_time(self.opened_at),
            "due_at": format_time(self.due_at) if self.due_at else None,
            "resolved_at": format_time(self.resolved_at) if self.resolved_at else None,
            "resolved_by": self.resolved_by,
            "resolution": self.resolution.value if self.resolution else None,
            "suggestions": [s.to_json() for s in self.suggestions],
        }


@dataclass(frozen=True, slots=True)
class Change:
    """One state change the engine made: what the pipeline stores and audits.

    ``type`` is ``opened``, ``resolved``, ``resolved_late`` (someone acted
    after the deadline: the resolution stays ``expired``), ``expired``,
    ``suggested`` (new drafts), ``withdrawn`` (drafts superseded or no longer
    needed), ``flagged`` (a note on the situation, e.g. a dismissive answer)
    or ``autopilot`` (an autopilot send is due now: ``suggestions`` are the
    drafts to send). ``situation`` is the situation after the change;
    ``suggestions`` the drafts the change is about.
    """

    type: str
    at: datetime
    situation: Situation
    suggestions: tuple[Suggestion, ...] = field(default=())
