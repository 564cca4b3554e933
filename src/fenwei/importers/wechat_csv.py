"""WeChat PC exports as CSV: WeChatMsg (留痕) by default, PyWxDump, or a mapping.

Presets (``options.csv_preset``, else detected from the header):

- ``wechatmsg`` (FORMATS.md §4): ``localId, TalkerId, Type, SubType,
  IsSender, CreateTime, Status, StrContent, StrTime, Remark, NickName,
  Sender``; also the old 9-column form (up to ``StrTime``, or 1:1 rows cut
  after it) and a leading pandas index column; BOM or not.
- ``pywxdump``: ``id, MsgSvrID, type_name, is_sender, talker, room_name, msg,
  src, CreateTime`` (older versions: one JSON ``content`` column instead of
  ``msg, src``). ``MsgSvrID`` is the message id (``id`` is a row number),
  ``talker`` the sender's wxid (``我`` = the exporting user), ``room_name``
  the chat, ``type_name`` a Chinese type name (文本, 引用回复, 系统通知…) and
  ``CreateTime`` a local ``%Y-%m-%d %H:%M:%S`` time read in ``options.tz``.

``options.columns`` maps fields (``id, time, member, name, text, type,
subtype, is_sender, group``) to column names over the preset, and
``time_format`` gives a ``strptime`` format for the time column (epoch
seconds or milliseconds, and ISO times, are read without one).

Mapping:

- group = ``options.group``, else the chat column when it is a room
  (``…@chatroom``), else the file name (without WeChatMsg's ``_utf8``).
- id = ``localId`` for WeChatMsg: the CSV has no server id, and localId is
  unique only within one database file; without an id column, the row's
  line number.
- time = ``CreateTime`` (epoch seconds); ``StrTime`` (local) only when it is
  empty.
- member = ``Sender``; a row of the exporting user (``IsSender`` 1) without
  one is ``"self"``; a row without a sender column in a 1:1 chat is the
  chat's other party (the group id).
- ``(1, 0)`` text; ``(49, 57)`` quote → the ``<title>`` as text, ``reply_to``
  = the quoted message's row when a recent row matches its sender and time,
  else the quoted ``svrid``; other types → a message with empty text;
  ``(10000, *)`` system lines → joins and leaves (``wechat_system``), recalls
  and unknown lines dropped, ``sysmsgtemplate`` XML included (``10000`` or
  ``10002``); ``(10000, 4)`` 拍一拍 skipped.
- Plain system lines name members, not ids: a name is mapped to the wxid of
  an earlier row with that nickname or remark (or of an earlier XML system
  line), else to ``"wx-name:<name>"`` (a join before the member's first
  message cannot know the wxid). XML system lines carry the wxids.
- ``@name`` in text becomes a mention when that name was seen earlier.
"""

from __future__ import annotations

import codecs
import csv
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime, tzinfo
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

from fenwei.errors import ImportFormatError
from fenwei.importers.base import SNIFF_BYTES, ImportOptions, from_epoch
from fenwei.importers.wechat_system import SELF, parse_sysmsg, parse_system_line
from fenwei.model import Event, EventType, ImportIssue


@dataclass(frozen=True, slots=True)
class Preset:
    """A known CSV layout: field -> column name(s), first present wins."""

    name: str
    columns: dict[str, tuple[str, ...]]
    signature: frozenset[str]


PRESETS: dict[str, Preset] = {
    "wechatmsg": Preset(
        "wechatmsg",
        {
            "id": ("localId",),
            "time": ("CreateTime",),
            "local_time": ("StrTime",),
            "member": ("Sender",),
            "name": ("NickName",),
            "remark": ("Remark",),
            "text": ("StrContent",),
            "type": ("Type",),
            "subtype": ("SubType",),
            "is_sender": ("IsSender",),
            "group": ("TalkerId",),
        },
        frozenset({"localId", "StrContent", "CreateTime"}),
    ),
    "pywxdump": Preset(
        "pywxdump",
        {
            "id": ("MsgSvrID", "id"),
            "time": ("CreateTime",),
            "member": ("talker",),
            "text": ("msg", "content"),
            "type": ("type_name",),
            "is_sender": ("is_sender",),
            "group": ("room_name",),
        },
        frozenset({"MsgSvrID", "type_name", "talker"}),
    ),
}
FIELDS = ("id", "time", "member", "name", "text", "type", "subtype", "is_sender", "group")


@dataclass(slots=True)
class Layout:
    """Where each field is in a row (-1: absent), and the names of the columns."""

    index: dict[str, int] = field(default_factory=dict)
    column: dict[str, str] = field(default_factory=dict)
    time_format: str | None = None
    json_text: bool = False

    def get(self, row: list[str], name: str) -> str:
        i = self.index.get(name, -1)
        return row[i] if 0 <= i < len(row) else ""


class CsvReader:
    name = "csv"

    def sniff(self, head: str, path: Path) -> bool:
        first = head.lstrip("\ufeff").split("\n", 1)[0].strip()
        if "," not in first or first.startswith(("{", "[")):
            return False
        return detect_preset(_header_names(first)) is not None

    def read(self, path: Path, options: ImportOptions) -> Iterator[Event | ImportIssue]:
        name = str(path)
        encoding = _encoding(path)
        with path.open(encoding=encoding, newline="") as fh:
            reader = csv.reader(fh)
            header = _next(reader, name, 1)
            if header is None:
                raise _format_error(name, "empty")
            layout = make_layout(header, options, name)
            state = RowState(
                layout, options.tz, options.group or _stem_group(path), bool(options.group)
            )
            state.self_id = _self_id(path, encoding, layout)
            last = reader.line_num
            while (row := _next(reader, name, last + 1)) is not None:
                lineno, last = last + 1, reader.line_num
                if not any(cell.strip() for cell in row):
                    continue
                out = state.convert(row, lineno)
                if isinstance(out, tuple):
                    column, key, params = out
                    yield ImportIssue(name, lineno, column, key, params)
                else:
                    yield from out


def _next(reader: Any, path: str, line: int) -> list[str] | None:
    try:
        return next(reader)
    except StopIteration:
        return None
    except (csv.Error, UnicodeDecodeError) as exc:
        raise _format_error(path, "bad_row", line=line, detail=str(exc)) from exc


def _encoding(path: Path) -> str:
    """utf-8 (with or without BOM), else GB18030 (a CSV saved again by Excel)."""
    with path.open("rb") as fh:
        head = fh.read(SNIFF_BYTES)
    try:
        codecs.getincrementaldecoder("utf-8")().decode(head, final=False)
    except UnicodeDecodeError:
        return "gb18030"
    return "utf-8-sig"


def _self_id(path: Path, encoding: str, layout: Layout) -> str:
    """The exporting user's wxid: the sender of their first row that names one.

    Found before streaming (a second pass that stops at that row) so the
    user has one id in the whole file; ``"self"`` when no row names it.
    """
    if "is_sender" not in layout.index or "member" not in layout.index:
        return "self"
    with path.open(encoding=encoding, newline="") as fh:
        reader = csv.reader(fh)
        try:
            next(reader, None)
            for row in reader:
                if layout.get(row, "is_sender").strip().lower() in ("1", "true"):
                    member = layout.get(row, "member").strip()
                    if member:
                        return "self" if member in _SELF_NAMES else member
        except (csv.Error, UnicodeDecodeError):
            pass
    return "self"


def detect_preset(columns: list[str]) -> Preset | None:
    names = set(columns)
    for preset in PRESETS.values():
        if preset.signature <= names:
            return preset
    return None


def make_layout(header: list[str], options: ImportOptions, path: str) -> Layout:
    """Resolve the preset and ``options.columns`` against the header."""
    columns = [c.strip() for c in header]
    if options.csv_preset:
        preset = PRESETS.get(options.csv_preset.lower())
        if preset is None:
            raise _format_error(
                path, "unknown_preset", value=options.csv_preset, presets=", ".join(PRESETS)
            )
    else:
        preset = detect_preset(columns)
    if preset is None and not options.columns:
        raise _format_error(path, "no_preset", presets=", ".join(PRESETS))
    wanted: dict[str, tuple[str, ...]] = dict(preset.columns) if preset else {}
    layout = Layout(time_format=options.columns.get("time_format"))
    for key, col in options.columns.items():
        if key in FIELDS:
            wanted[key] = (col,)
            if key == "time":
                wanted.pop("local_time", None)
    where = {c: i for i, c in reversed(list(enumerate(columns)))}
    for key, candidates in wanted.items():
        for col in candidates:
            if col in where:
                layout.index[key] = where[col]
                layout.column[key] = col
                break
    for key in ("text", "time"):
        if key not in layout.index and not (key == "time" and "local_time" in layout.index):
            raise _format_error(path, "no_column", column=wanted.get(key, (key,))[0])
    layout.json_text = layout.column.get("text") == "content" and preset is PRESETS["pywxdump"]
    return layout


def _format_error(path: str, what: str, **params: Any) -> ImportFormatError:
    from fenwei.i18n import t

    problem = t(f"error.import.csv.{what}", None, **params)
    return ImportFormatError("error.import.format", path=path, problem=problem)


def _header_names(line: str) -> list[str]:
    return [c.strip().strip('"') for c in next(csv.reader([line]), [])]


def _stem_group(path: Path) -> str:
    stem = path.stem
    return stem[: -len("_utf8")] if stem.endswith("_utf8") and len(stem) > 5 else stem


# --- rows -------------------------------------------------------------------

_Problem = tuple[str | None, str, dict[str, Any]]
_TYPE_NAMES = {
    "文本": "text",
    "text": "text",
    "引用回复": "quote",
    "带有引用的文本消息": "quote",
    "quote": "quote",
    "reply": "quote",
    "系统通知": "system",
    "邀请加群": "system",
    "system": "system",
    "拍一拍": "skip",
    "pat": "skip",
    "revoke": "skip",
}
_SELF_NAMES = frozenset({"我", "self"})
_SENDER_PREFIX = re.compile(r"^([A-Za-z][\w-]{4,}(?:@chatroom)?):\n")
_XML_PREFIX = re.compile(r"^[\w@.-]+:\s*(?=<)")
_MENTION = re.compile(r"@([^\s@\u2005]+)")
_PYWX_QUOTE = re.compile(r"\n\n\[引用\]\((?P<time>[^)]*)\)(?P<name>[^:\n]*):")
_RECENT = 20_000


def classify(type_raw: str, subtype_raw: str) -> str | None:
    """text, quote, system, skip or other; None when the type is unreadable."""
    t = type_raw.strip()
    if not t:
        return "text"
    code = _int(t)
    if code is None:
        if t.startswith("消息撤回"):
            return "skip"
        return _TYPE_NAMES.get(t, _TYPE_NAMES.get(t.lower(), "other"))
    subcode = _int(subtype_raw.strip() or "0")
    if subcode is None:
        return None
    if code == 1:
        return "text"
    if (code, subcode) == (49, 57):
        return "quote"
    if code in (10000, 10002):
        return "skip" if (code, subcode) == (10000, 4) else "system"
    return "other"


def _int(text: str) -> int | None:
    try:
        return int(text)
    except ValueError:
        return None


def parse_time(raw: str, tz: tzinfo, fmt: str | None = None) -> datetime:
    """Epoch seconds or ms, a ``fmt`` time, or an ISO time (local in ``tz``)."""
    s = raw.strip()
    if s.replace(".", "", 1).isdigit():
        n = float(s)
        return from_epoch(n / 1000 if n > 1e11 else n, tz)
    at = datetime.strptime(s, fmt) if fmt else datetime.fromisoformat(s)
    return at if at.tzinfo is not None else at.replace(tzinfo=tz)


class _Recent:
    """The last rows' (sender, name, id) by epoch second, to find quoted rows."""

    def __init__(self) -> None:
        self.rows: dict[int, list[tuple[str, str | None, str]]] = {}

    def add(self, at: datetime, member: str, name: str | None, event_id: str) -> None:
        key = int(at.timestamp())
        bucket = self.rows.get(key)
        if bucket is None:
            if len(self.rows) >= _RECENT:
                del self.rows[next(iter(self.rows))]
            bucket = self.rows[key] = []
        bucket.append((member, name, event_id))

    def find(self, epoch: int, who: set[str]) -> str | None:
        bucket = self.rows.get(epoch, [])
        for member, name, event_id in reversed(bucket):
            if member in who or (name is not None and name in who):
                return event_id
        return bucket[0][2] if len(bucket) == 1 else None


class RowState:
    """What streaming a CSV remembers: names seen, the user's id, recent rows."""

    def __init__(self, layout: Layout, tz: tzinfo, default_group: str, fixed: bool) -> None:
        self.layout = layout
        self.tz = tz
        self.default_group = default_group
        self.fixed = fixed
        self.self_id = "self"
        self.names: dict[str, str] = {}
        self.recent = _Recent()

    def convert(self, row: list[str], lineno: int) -> list[Event] | _Problem:
        lay = self.layout
        kind = classify(lay.get(row, "type"), lay.get(row, "subtype"))
        if kind is None:
            detail = lay.get(row, "subtype").strip()
            return (lay.column.get("subtype"), "import.issue.bad_value", {"detail": detail})
        if kind == "skip":
            return []
        at = self._time(row)
        if not isinstance(at, datetime):
            return at
        group = self._group(row)
        text = lay.get(row, "text")
        if lay.json_text:
            text = _unwrap_json(text)
        if kind == "system":
            return self._system(group, at, text)
        sender = self._sender(row, group, text)
        if sender is None:
            return (lay.column.get("member", "Sender"), "import.issue.no_sender", {})
        member, text = sender
        event_id = lay.get(row, "id").strip() or f"line-{lineno}"
        name = lay.get(row, "name").strip() or lay.get(row, "remark").strip() or None
        for alias in (name, lay.get(row, "remark").strip()):
            if alias and member != self.self_id:
                self.names[alias] = member
        reply_to = None
        if kind == "quote":
            text, reply_to = self._quote(text)
        elif kind == "other":
            text = ""
        self.recent.add(at, member, name, event_id)
        return [
            Event(
                EventType.MESSAGE,
                group,
                at,
                member,
                event_id,
                name,
                text=text,
                reply_to=reply_to,
                mentions=self._mentions(text),
            )
        ]

    def _time(self, row: list[str]) -> datetime | _Problem:
        lay = self.layout
        for key in ("time", "local_time"):
            raw = lay.get(row, key)
            if not raw.strip():
                continue
            try:
                return parse_time(raw, self.tz, lay.time_format)
            except (ValueError, OverflowError, OSError):
                return (lay.column[key], "import.issue.bad_time", {})
        column = lay.column.get("time") or lay.column.get("local_time")
        return (column, "import.issue.missing_field", {})

    def _group(self, row: list[str]) -> str:
        if not self.fixed:
            chat = self.layout.get(row, "group").strip()
            if chat.endswith("@chatroom"):
                return chat
        return self.default_group

    def _sender(self, row: list[str], group: str, text: str) -> tuple[str, str] | None:
        lay = self.layout
        member = lay.get(row, "member").strip()
        is_sender = lay.get(row, "is_sender").strip().lower() in ("1", "true")
        if member in _SELF_NAMES or (not member and is_sender):
            return self.self_id, text
        if member:
            return member, text
        m = _SENDER_PREFIX.match(text)
        if m:
            return m.group(1), text[m.end() :]
        has_column = 0 <= lay.index.get("member", -1) < len(row)
        if not has_column and not group.endswith("@chatroom"):
            return group, text  # a 1:1 chat without a sender column: the other party
        return None

    def _system(self, group: str, at: datetime, text: str) -> list[Event]:
        if "<sysmsg" in text:
            changes, ids = parse_sysmsg(text)
            self.names.update(ids)
        else:
            changes = parse_system_line(text)
        out: list[Event] = []
        for kind, name, by in changes:
            if kind == "recall":
                continue  # no message id in the line
            etype = EventType.JOIN if kind == "join" else EventType.LEAVE
            member = self._resolve(name)
            shown = None if name == SELF else name
            by_id = self._resolve(by) if by else None
            out.append(Event(etype, group, at, member, None, shown, by=by_id))
        return out

    def _resolve(self, name: str) -> str:
        if name == SELF:
            return self.self_id
        return self.names.get(name) or f"wx-name:{name}"

    def _quote(self, content: str) -> tuple[str, str | None]:
        s = _XML_PREFIX.sub("", content.strip(), count=1)
        if s.startswith("<"):
            return self._quote_xml(s)
        m = _PYWX_QUOTE.search(content)
        if m is None:
            return content, None
        reply_to = None
        try:
            epoch = int(parse_time(m.group("time"), self.tz).timestamp())
        except (ValueError, OverflowError, OSError):
            epoch = None
        if epoch is not None:
            reply_to = self.recent.find(epoch, {m.group("name").strip()})
        return content[: m.start()], reply_to

    def _quote_xml(self, content: str) -> tuple[str, str | None]:
        try:
            root = ElementTree.fromstring(content)
        except ElementTree.ParseError:
            return "", None
        appmsg = root if root.tag == "appmsg" else root.find("appmsg")
        if appmsg is None:
            return "", None
        text = (appmsg.findtext("title") or "").strip()
        ref = appmsg.find("refermsg")
        if ref is None:
            return text, None
        svrid = (ref.findtext("svrid") or "").strip() or None
        created = (ref.findtext("createtime") or "").strip()
        who = {(ref.findtext(k) or "").strip() for k in ("chatusr", "fromusr", "displayname")}
        who.discard("")
        epoch = _int(created)
        local = self.recent.find(epoch, who) if epoch is not None else None
        return text, local or svrid

    def _mentions(self, text: str) -> tuple[str, ...]:
        if "@" not in text or not self.names:
            return ()
        out: list[str] = []
        for m in _MENTION.finditer(text):
            member = self.names.get(m.group(1))
            if member and member not in out:
                out.append(member)
        return tuple(out)


def _unwrap_json(text: str) -> str:
    """PyWxDump's old ``content`` column: ``{"src": ..., "msg": ...}`` as JSON."""
    if not text.startswith("{"):
        return text
    try:
        obj = json.loads(text)
    except ValueError:
        return text
    return str(obj.get("msg", "")) if isinstance(obj, dict) else text
