"""WeCom (企业微信) chat archive (会话内容存档): decrypted JSON, one message a line.

Mapping (FORMATS.md §3a):

- group = ``roomid``; 1:1 messages (empty ``roomid``) and ``action: switch``
  rows are skipped silently; id = ``msgid``; member = ``from``; time =
  ``msgtime`` (Unix ms), shown in ``options.tz``.
- ``send``: ``text`` → its ``content``; ``mixed`` → the text items joined
  with newlines; any other ``msgtype`` (image, voice, file, emotion, link…)
  is kept as a message with empty text, so activity still counts.
- ``recall`` → a ``recall`` event whose id is ``revoke.pre_msgid`` and whose
  member is who recalled it.
- Role: ``from`` ids starting with ``wo``/``wm`` are external contacts
  (customers) → ``member``; group robots (``wb…``) → ``member``; every other
  userid is one of the corp's own employees → ``staff``. External and robot
  ids are long (about 32 characters), so a short userid that happens to
  start with those letters (``wolf``) stays staff.
- The archive has no names, no reply field and no mention list: inline
  ``@昵称`` mentions stay in the text (names are resolved downstream).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import orjson

from fenwei.importers.base import ImportOptions, from_epoch
from fenwei.model import Event, EventType, ImportIssue, Role

_EXTERNAL = ("wo", "wm", "wb")
_EXTERNAL_MIN_LEN = 20  # external ids are ~32 characters; a userid such as "wolf" is staff
_BOM = b"\xef\xbb\xbf"


class WecomReader:
    name = "wecom"

    def sniff(self, head: str, path: Path) -> bool:
        for line in head.splitlines():
            s = line.strip().lstrip("\ufeff")
            if not s:
                continue
            if not s.startswith("{"):
                return False
            try:
                obj = orjson.loads(s)
            except orjson.JSONDecodeError:
                # A first line longer than the head: look at its keys only.
                return '"msgid"' in s and ('"msgtime"' in s or '"action"' in s)
            return (
                isinstance(obj, dict)
                and "msgid" in obj
                and ("msgtime" in obj or "action" in obj)
                and "group" not in obj
            )
        return False

    def read(self, path: Path, options: ImportOptions) -> Iterator[Event | ImportIssue]:
        name = str(path)
        tz = options.tz
        with path.open("rb") as fh:
            for lineno, raw in enumerate(fh, 1):
                if lineno == 1 and raw.startswith(_BOM):
                    raw = raw[len(_BOM) :]
                if raw.isspace() or not raw:
                    continue
                try:
                    obj = orjson.loads(raw)
                except orjson.JSONDecodeError as exc:
                    yield ImportIssue(
                        name, lineno, None, "import.issue.bad_json", {"detail": str(exc)}
                    )
                    continue
                if not isinstance(obj, dict):
                    yield ImportIssue(name, lineno, None, "import.issue.not_object", {})
                    continue
                out = _convert(obj, tz)
                if isinstance(out, tuple):
                    field, key, params = out
                    yield ImportIssue(name, lineno, field, key, params)
                elif out is not None:
                    yield out


_Problem = tuple[str | None, str, dict[str, Any]]


def _convert(obj: dict[str, Any], tz: Any) -> Event | _Problem | None:
    """One archive row as an event, ``None`` to skip it, or a problem."""
    action = obj.get("action") or "send"
    if action == "switch":
        return None
    room = obj.get("roomid")
    if not room:
        return None
    for field in ("msgid", "from", "msgtime"):
        if obj.get(field) in (None, ""):
            return (field, "import.issue.missing_field", {})
    member = str(obj["from"])
    try:
        at = from_epoch(int(obj["msgtime"]) / 1000, tz)
    except (TypeError, ValueError, OverflowError, OSError):
        return ("msgtime", "import.issue.bad_time", {})
    role = Role.MEMBER if _is_external(member) else Role.STAFF
    group = str(room)
    if action == "recall":
        revoke = obj.get("revoke")
        pre = revoke.get("pre_msgid") if isinstance(revoke, dict) else None
        if not pre:
            return ("revoke.pre_msgid", "import.issue.missing_field", {})
        return Event(EventType.RECALL, group, at, member, str(pre), role=role)
    if action != "send":
        return ("action", "import.issue.unknown_action", {"value": str(action)})
    msgtype = obj.get("msgtype")
    if not msgtype:
        return ("msgtype", "import.issue.missing_field", {})
    text = _text(obj, str(msgtype))
    if text is None:
        return (str(msgtype), "import.issue.missing_field", {})
    return Event(EventType.MESSAGE, group, at, member, str(obj["msgid"]), role=role, text=text)


def _is_external(member: str) -> bool:
    return member.startswith(_EXTERNAL) and len(member) >= _EXTERNAL_MIN_LEN


def _text(obj: dict[str, Any], msgtype: str) -> str | None:
    """The text of a ``send`` row; None when a text row has no content."""
    if msgtype == "text":
        body = obj.get("text")
        content = body.get("content") if isinstance(body, dict) else None
        return content if isinstance(content, str) else None
    if msgtype == "mixed":
        body = obj.get("mixed")
        items = body.get("item") if isinstance(body, dict) else None
        if not isinstance(items, list):
            return None
        return "\n".join(t for t in map(_mixed_text, items) if t)
    return ""


def _mixed_text(item: Any) -> str:
    if not isinstance(item, dict) or item.get("type") != "text":
        return ""
    content = item.get("content")
    if isinstance(content, str):
        try:
            content = orjson.loads(content)
        except orjson.JSONDecodeError:
            return content
    if isinstance(content, dict) and isinstance(content.get("content"), str):
        return content["content"]
    return ""
