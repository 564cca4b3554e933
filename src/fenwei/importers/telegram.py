"""Telegram Desktop "Export chat history" ``result.json`` (FORMATS.md §1).

Both shapes are read, streaming with ``ijson`` so memory stays flat: a
single-chat export (``{"name", "type", "id", "messages": [...]}``) and a
full-account export (chats under ``chats.list`` and ``left_chats.list``;
there, personal, bot and saved-messages chats are skipped: they are not
groups).

Mapping:

- group = ``"tg-<chat id>"``, group name = the chat's ``name``; message id =
  ``str(id)``; member = ``from_id`` (``user123``), name = ``from``.
- time = ``date_unixtime`` (epoch seconds, a string) shown in ``options.tz``;
  exports without it fall back to ``date``, the exporting PC's local time,
  read in ``options.tz``.
- text = the ``text_entities`` concatenated (``text`` only when an old export
  lacks them); media-only messages keep empty text. ``mention_name``
  entities give mentions ``"user<user_id>"``; ``@username`` mentions carry no
  id and stay in the text only. ``reply_to`` = ``reply_to_message_id`` unless
  it points into another chat (``reply_to_peer_id``).
- Service messages: ``join_group_by_link`` / ``join_group_by_request`` →
  join of ``actor_id``; ``invite_members`` → joins, ``remove_members`` →
  leaves (``by`` = ``actor_id`` unless the actor is the member). These two
  list display names only: a name equal to the actor is ``actor_id``, a name
  seen earlier in the chat as the sender of exactly one ``from_id`` is that
  id, and any other name gets the stable id ``"tg-name:<name>"``. Every
  other service action, and ``unsupported`` messages, are skipped.
- A chat whose ``id`` comes after its messages (tdesktop writes it before)
  is in group ``options.group``, else ``"tg-<file name>"``.
- The JSON is one document, so an issue's ``line`` is the message's position
  in the file (1 = the first message), with ``id`` in its params.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import datetime, tzinfo
from pathlib import Path
from typing import Any

import ijson
from ijson.common import ObjectBuilder

from fenwei.errors import ImportFormatError
from fenwei.importers.base import ImportOptions, from_epoch, from_local
from fenwei.model import Event, EventType, ImportIssue

_CHAT_ROOTS = ("", "chats.list.item", "left_chats.list.item")
_MESSAGES = {f"{root}.messages.item".lstrip("."): root for root in _CHAT_ROOTS}
_META = {
    f"{root}.{key}".lstrip("."): (root, key)
    for root in _CHAT_ROOTS
    for key in ("name", "type", "id")
}
_NOT_GROUPS = frozenset({"personal_chat", "bot_chat", "saved_messages"})
_CHAT_TYPES = re.compile(
    r'"type"\s*:\s*"(?:personal_chat|bot_chat|private_group|private_supergroup|'
    r'public_supergroup|private_channel|public_channel|saved_messages)"'
)
_TG_KEYS = ('"date_unixtime"', '"text_entities"', '"personal_information"', '"from_id"')
_SCALARS = frozenset({"string", "number", "boolean", "null"})


class TelegramReader:
    name = "telegram"

    def sniff(self, head: str, path: Path) -> bool:
        s = head.lstrip("\ufeff \t\r\n")
        if not s.startswith("{"):
            return False
        first = s.split("\n", 1)[0].strip()
        if first != "{" and '"messages"' not in first and '"chats"' not in first:
            return False  # one object per line: JSON Lines or WeCom
        return bool(_CHAT_TYPES.search(s)) or any(k in s for k in _TG_KEYS)

    def read(self, path: Path, options: ImportOptions) -> Iterator[Event | ImportIssue]:
        name = str(path)
        chats = _Chats(path, options)
        ordinal = 0
        with path.open("rb") as fh:
            start = 3 if fh.read(3) == b"\xef\xbb\xbf" else 0
            fh.seek(start)
            meta = _single_chat(fh)
            fh.seek(start)
            try:
                for root, chat, msg in _messages(fh, meta):
                    ordinal += 1
                    yield from chats.convert(name, ordinal, root, chat, msg)
            except ijson.JSONError as exc:
                from fenwei.i18n import t

                detail = str(exc).strip().split("\n", 1)[0]
                problem = t("error.import.telegram.not_json", None, detail=detail)
                raise ImportFormatError("error.import.format", path=name, problem=problem) from exc


def _single_chat(fh: Any) -> dict[str, Any] | None:
    """A single-chat export's name, type and id when they come before its messages.

    Reads only up to the start of ``messages``. Such a file (what tdesktop
    writes for one chat) then takes the fast path: ``ijson.items`` builds the
    messages in C, several times faster than following every parse event.
    """
    meta: dict[str, Any] = {}
    try:
        for prefix, event, value in ijson.parse(fh, use_float=True):
            if prefix == "":
                if event not in ("start_map", "map_key") or value in ("chats", "left_chats"):
                    return None  # not an object, or a full-account export
            elif prefix == "messages" and event == "start_array":
                return meta if "id" in meta else None
            elif prefix in ("name", "type", "id") and event in _SCALARS:
                meta[prefix] = value
    except ijson.JSONError:
        return None
    return None


def _messages(fh: Any, single: dict[str, Any] | None) -> Iterator[tuple[str, dict[str, Any], Any]]:
    """(chat root, chat metadata so far, message) for every message, in order."""
    if single is not None:
        for msg in ijson.items(fh, "messages.item", use_float=True):
            yield "", single, msg
        return
    chats: dict[str, dict[str, Any]] = {root: {} for root in _CHAT_ROOTS}
    builder: ObjectBuilder | None = None
    current = ""
    root = ""
    started = False
    for prefix, event, value in ijson.parse(fh, use_float=True):
        if builder is not None:
            builder.event(event, value)
            if prefix == current and event in ("end_map", "end_array"):
                yield root, chats[root], builder.value
                builder = None
            continue
        if not started:
            if event != "start_map":
                raise ijson.JSONError("the document is not a JSON object")
            started = True
            continue
        if prefix in _MESSAGES and event != "end_array":
            root = _MESSAGES[prefix]
            builder = ObjectBuilder()
            builder.event(event, value)
            current = prefix
            if event in _SCALARS:
                yield root, chats[root], builder.value
                builder = None
        elif prefix in _META and event in _SCALARS:
            chat_root, key = _META[prefix]
            chats[chat_root][key] = value
        elif event == "start_map" and prefix in _CHAT_ROOTS:
            chats[prefix] = {}


class _Chats:
    """Per-chat state while streaming: who sent under which name."""

    def __init__(self, path: Path, options: ImportOptions) -> None:
        self.tz: tzinfo = options.tz
        self.fallback = options.group or f"tg-{path.stem}"
        self.senders: dict[str, dict[str, str | None]] = {}

    def convert(
        self, path: str, ordinal: int, root: str, chat: dict[str, Any], msg: Any
    ) -> Iterator[Event | ImportIssue]:
        if root and chat.get("type") in _NOT_GROUPS:
            return
        if not isinstance(msg, dict):
            yield ImportIssue(path, ordinal, None, "import.issue.not_object", {})
            return
        kind = msg.get("type")
        if kind not in ("message", "service"):
            return
        raw_id = msg.get("id")
        params = {"id": raw_id}
        if raw_id is None:
            yield ImportIssue(path, ordinal, "id", "import.issue.missing_field", params)
            return
        at = _time(msg, self.tz)
        if isinstance(at, str):
            key = "import.issue.missing_field" if at == "date" else "import.issue.bad_time"
            yield ImportIssue(path, ordinal, at, key, params)
            return
        chat_id = chat.get("id")
        group = f"tg-{chat_id}" if chat_id is not None else self.fallback
        gname = chat.get("name") if isinstance(chat.get("name"), str) else None
        names = self.senders.setdefault(group, {})
        if kind == "message":
            sender = msg.get("from_id")
            if not sender:
                yield ImportIssue(path, ordinal, "from_id", "import.issue.missing_field", params)
                return
            who = msg.get("from") if isinstance(msg.get("from"), str) else None
            if who is not None:
                known = names.setdefault(who, str(sender))
                if known is not None and known != str(sender):
                    names[who] = None  # two senders share this name
            text, mentions = _text(msg)
            yield Event(
                EventType.MESSAGE,
                group,
                at,
                str(sender),
                str(raw_id),
                who,
                text=text,
                reply_to=_reply_to(msg, chat_id),
                mentions=mentions,
                group_name=gname,
            )
            return
        changes = _service(msg, names)
        if isinstance(changes, str):
            yield ImportIssue(path, ordinal, changes, "import.issue.missing_field", params)
            return
        for etype, member, name, by in changes:
            yield Event(etype, group, at, member, None, name, by=by, group_name=gname)


def _time(msg: dict[str, Any], tz: tzinfo) -> datetime | str:
    """The message's instant, or the name of the field at fault."""
    unix = msg.get("date_unixtime")
    if unix is not None:
        try:
            return from_epoch(int(unix), tz)
        except (TypeError, ValueError, OverflowError, OSError):
            return "date_unixtime"
    date = msg.get("date")
    if date is None:
        return "date"
    try:
        return from_local(str(date), tz)
    except ValueError:
        return "date"


def _text(msg: dict[str, Any]) -> tuple[str, tuple[str, ...]]:
    entities = msg.get("text_entities")
    if not isinstance(entities, list):
        text = msg.get("text")
        entities = text if isinstance(text, list) else [text]
    parts: list[str] = []
    mentions: list[str] = []
    for ent in entities:
        if isinstance(ent, str):
            parts.append(ent)
            continue
        if not isinstance(ent, dict):
            continue
        if isinstance(ent.get("text"), str):
            parts.append(ent["text"])
        if ent.get("type") == "mention_name" and ent.get("user_id") is not None:
            uid = f"user{ent['user_id']}"
            if uid not in mentions:
                mentions.append(uid)
    return "".join(parts), tuple(mentions)


def _reply_to(msg: dict[str, Any], chat_id: Any) -> str | None:
    reply = msg.get("reply_to_message_id")
    if reply is None:
        return None
    peer = msg.get("reply_to_peer_id")
    if peer is not None and re.sub(r"\D", "", str(peer)) != str(chat_id):
        return None  # a reply to a message of another chat
    return str(reply)


_Change = tuple[EventType, str, str | None, str | None]


def _service(msg: dict[str, Any], names: dict[str, str | None]) -> list[_Change] | str:
    """The joins and leaves of a service message, or the missing field."""
    action = msg.get("action")
    actor = msg.get("actor") if isinstance(msg.get("actor"), str) else None
    actor_id = str(msg["actor_id"]) if msg.get("actor_id") else None
    if action in ("join_group_by_link", "join_group_by_request"):
        if actor_id is None:
            return "actor_id"
        return [(EventType.JOIN, actor_id, actor, None)]
    if action not in ("invite_members", "remove_members"):
        return []
    etype = EventType.JOIN if action == "invite_members" else EventType.LEAVE
    members = msg.get("members")
    if not isinstance(members, list):
        return "members"
    out: list[_Change] = []
    for name in members:
        if not isinstance(name, str) or not name:
            continue
        if name == actor and actor_id is not None:
            out.append((etype, actor_id, name, None))
        else:
            member = names.get(name) or f"tg-name:{name}"
            out.append((etype, member, name, actor_id if member != actor_id else None))
    return out
