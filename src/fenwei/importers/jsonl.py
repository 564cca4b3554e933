"""fenwei's own JSON Lines event format (CONTRACTS.md), decoded with msgspec.

Decoding is the hot path of every import: msgspec validates and builds typed
structs straight from the bytes, several times faster than ``json`` plus a
pydantic model (see ``bench/``).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import Annotated, Literal

import msgspec

from fenwei.importers.base import ImportOptions
from fenwei.model import Event, EventType, ImportIssue, Role

AwareTime = Annotated[datetime, msgspec.Meta(tz=True)]
RoleName = Literal["staff", "member"]


class _Message(msgspec.Struct, tag_field="type", tag="message"):
    group: str
    id: str
    time: AwareTime
    member: str
    text: str = ""
    name: str | None = None
    role: RoleName | None = None
    reply_to: str | None = None
    mentions: list[str] | None = None
    group_name: str | None = None


class _Join(msgspec.Struct, tag_field="type", tag="join"):
    group: str
    time: AwareTime
    member: str
    name: str | None = None
    role: RoleName | None = None
    by: str | None = None
    group_name: str | None = None


class _Leave(msgspec.Struct, tag_field="type", tag="leave"):
    group: str
    time: AwareTime
    member: str
    name: str | None = None
    role: RoleName | None = None
    by: str | None = None
    group_name: str | None = None


class _Recall(msgspec.Struct, tag_field="type", tag="recall"):
    group: str
    id: str
    time: AwareTime
    member: str | None = None
    name: str | None = None
    role: RoleName | None = None
    group_name: str | None = None


class _Edit(msgspec.Struct, tag_field="type", tag="edit"):
    group: str
    id: str
    time: AwareTime
    text: str
    member: str | None = None
    name: str | None = None
    role: RoleName | None = None
    group_name: str | None = None


_Line = _Message | _Join | _Leave | _Recall | _Edit
_decoder = msgspec.json.Decoder(_Line)
_STAFF = Role.STAFF
_MEMBER = Role.MEMBER
_PATH = re.compile(r"at `\$\.([A-Za-z_]+)")
_MISSING = re.compile(r"missing required field `([^`]+)`")


def to_event(obj: _Line) -> Event:
    role = _STAFF if obj.role == "staff" else _MEMBER
    if type(obj) is _Message:
        return Event(
            EventType.MESSAGE,
            obj.group,
            obj.time,
            obj.member,
            obj.id,
            obj.name,
            role,
            obj.text,
            obj.reply_to,
            tuple(obj.mentions) if obj.mentions else (),
            None,
            obj.group_name,
        )
    if type(obj) is _Join or type(obj) is _Leave:
        etype = EventType.JOIN if type(obj) is _Join else EventType.LEAVE
        return Event(
            etype,
            obj.group,
            obj.time,
            obj.member,
            None,
            obj.name,
            role,
            by=obj.by,
            group_name=obj.group_name,
        )
    if type(obj) is _Recall:
        return Event(
            EventType.RECALL,
            obj.group,
            obj.time,
            obj.member,
            obj.id,
            obj.name,
            role,
            group_name=obj.group_name,
        )
    assert type(obj) is _Edit
    return Event(
        EventType.EDIT,
        obj.group,
        obj.time,
        obj.member,
        obj.id,
        obj.name,
        role,
        obj.text,
        group_name=obj.group_name,
    )


def decode_line(raw: bytes | str) -> Event:
    """Decode one line; raises ``msgspec.DecodeError``/``ValidationError``."""
    return to_event(_decoder.decode(raw))


def issue_for(path: str, line: int, raw: bytes, exc: msgspec.MsgspecError) -> ImportIssue:
    """Turn a msgspec error into an issue naming the field and the problem."""
    msg = str(exc)
    if not isinstance(exc, msgspec.ValidationError):
        return ImportIssue(path, line, None, "import.issue.bad_json", {"detail": msg})
    missing = _MISSING.search(msg)
    if missing:
        return ImportIssue(path, line, missing.group(1), "import.issue.missing_field", {})
    m = _PATH.search(msg)
    field = m.group(1) if m else None
    if field == "type":
        value = _peek_type(raw)
        if value is None:
            return ImportIssue(path, line, "type", "import.issue.missing_field", {})
        return ImportIssue(path, line, "type", "import.issue.unknown_type", {"value": value})
    if field == "time" and "timezone" in msg:
        return ImportIssue(path, line, "time", "import.issue.no_offset", {})
    if field == "time":
        return ImportIssue(path, line, "time", "import.issue.bad_time", {})
    return ImportIssue(
        path, line, field, "import.issue.bad_value", {"detail": msg.split(" - at")[0]}
    )


def _peek_type(raw: bytes) -> str | None:
    try:
        obj = msgspec.json.decode(raw)
    except msgspec.DecodeError:
        return None
    if isinstance(obj, dict) and "type" in obj:
        return str(obj["type"])
    return None


class JsonlReader:
    name = "jsonl"

    def sniff(self, head: str, path: Path) -> bool:
        for line in head.splitlines():
            s = line.strip()
            if not s:
                continue
            return s.startswith("{") and '"type"' in s and '"group"' in s
        return False

    def read(self, path: Path, options: ImportOptions) -> Iterator[Event | ImportIssue]:
        name = str(path)
        decode = _decoder.decode
        with path.open("rb") as fh:
            for lineno, raw in enumerate(fh, 1):
                if raw.isspace():
                    continue
                try:
                    yield to_event(decode(raw))
                except msgspec.MsgspecError as exc:
                    yield issue_for(name, lineno, raw, exc)
