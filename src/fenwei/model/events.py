"""Events: a message, a join, a leave, a recall or an edit (CONTRACTS.md)."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import Any

import msgspec


class EventType(StrEnum):
    MESSAGE = "message"
    JOIN = "join"
    LEAVE = "leave"
    RECALL = "recall"
    EDIT = "edit"


class Role(StrEnum):
    STAFF = "staff"
    MEMBER = "member"


class Event(msgspec.Struct, frozen=True, gc=False):
    """One event of one group, as every importer yields it.

    A frozen ``msgspec.Struct`` rather than a dataclass: events are built once
    per line on the import hot path, and a Struct is built about six times
    faster (``msgspec.structs.replace`` makes a changed copy).

    ``at`` is timezone-aware and keeps the offset it was written with, so an
    export writes back the same local time; compare events by ``at`` (aware
    datetimes compare as instants).
    ``event_id`` is the platform's message id: required for messages, the
    recalled or edited message for ``recall`` and ``edit``, absent for joins
    and leaves. ``group_name`` is an extension: the group's display name where
    a format carries it.
    """

    type: EventType
    group_id: str
    at: datetime
    member_id: str | None = None
    event_id: str | None = None
    name: str | None = None
    role: Role = Role.MEMBER
    text: str | None = None
    reply_to: str | None = None
    mentions: tuple[str, ...] = ()
    by: str | None = None
    group_name: str | None = None

    @property
    def key(self) -> str:
        return event_key(self.type, self.event_id, self.member_id, self.at)

    @property
    def is_message(self) -> bool:
        return self.type is EventType.MESSAGE

    def to_dict(self) -> dict[str, Any]:
        """The event in the fenwei JSON Lines shape (CONTRACTS.md)."""
        out: dict[str, Any] = {"type": self.type.value, "group": self.group_id}
        if self.event_id is not None:
            out["id"] = self.event_id
        out["time"] = format_time(self.at)
        if self.member_id is not None:
            out["member"] = self.member_id
        if self.name is not None:
            out["name"] = self.name
        if self.type in (EventType.MESSAGE, EventType.JOIN) or self.role is Role.STAFF:
            out["role"] = self.role.value
        if self.type in (EventType.MESSAGE, EventType.EDIT):
            out["text"] = self.text if self.text is not None else ""
        if self.type is EventType.MESSAGE:
            out["reply_to"] = self.reply_to
            out["mentions"] = list(self.mentions)
        if self.by is not None:
            out["by"] = self.by
        if self.group_name is not None:
            out["group_name"] = self.group_name
        return out


def event_key(type_: EventType, event_id: str | None, member_id: str | None, at: datetime) -> str:
    """The identity of an event within its group.

    Messages are keyed by their id; joins and leaves by (member, instant);
    recalls and edits by (message, instant), so a message edited twice keeps
    both edits.
    """
    if type_ is EventType.MESSAGE:
        return f"m:{event_id}"
    instant = int(at.timestamp() * 1_000_000)
    if type_ is EventType.JOIN or type_ is EventType.LEAVE:
        return f"{type_.value[0]}:{member_id}:{instant}"
    return f"{type_.value[0]}:{event_id}:{instant}"


def format_time(at: datetime) -> str:
    """ISO 8601 with its offset, seconds precision unless there is more."""
    if at.tzinfo is None:
        raise ValueError("naive datetime")
    return at.isoformat(timespec="seconds" if at.microsecond == 0 else "microseconds")


@dataclass(frozen=True, slots=True)
class ImportIssue:
    """A line an importer could not read: reported, skipped, never fatal.

    ``key`` is an i18n catalog key (``import.issue.*``) and ``params`` its
    placeholders; ``field`` is the JSON field or CSV column at fault, if any.
    """

    path: str
    line: int
    field: str | None
    key: str
    # dataclasses.field in full: the ``field`` attribute above shadows the bare name
    params: dict[str, Any] = dataclasses.field(default_factory=dict)
