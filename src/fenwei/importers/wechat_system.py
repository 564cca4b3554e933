"""WeChat system lines (「"张三"邀请"李四"加入了群聊」) as joins, leaves and recalls.

WeChat exports carry membership only as sentences in the user's UI language,
with display names in quotes and no ids. ``parse_system_line`` turns one such
sentence into ``(kind, name, by_name)`` tuples; callers map the names to
member ids. ``SELF`` stands for the exporting user ("你" / "You").

Recognised (Chinese, and the English UI's wording):

- ``"X"邀请"A、B和C"加入了群聊`` / ``X invited A, B and C to the group chat``
  → one join per name, by X (``你邀请…``, ``…邀请你加入了群聊`` included);
- ``"A"通过扫描"X"分享的二维码加入群聊`` / ``A joined the group chat via the
  QR code shared by X`` → join of A by X; other ``"A"通过…加入群聊`` → join;
- ``"A"加入了群聊`` / ``A joined the group chat`` → join;
- ``"X"将"A"移出了群聊`` / ``X removed A from the group chat`` → leave of A,
  by X;
- ``"A"退出了群聊`` / ``A left the group chat`` → leave;
- ``"A"撤回了一条消息`` / ``A recalled a message`` → recall (no message id).

Newer clients store these lines as ``sysmsgtemplate`` XML instead (a template
such as ``"$username$"邀请"$names$"加入了群聊`` plus, per ``$variable$``, the
members' wxids and nicknames): ``parse_sysmsg`` reads that form and also
returns the nickname → wxid pairs it names.

A quoted list of names is split on ``、`` (and on the last ``和`` when there
is a ``、``), or on ``, `` / `` and `` in English, so a single name that
itself contains ``和`` stays whole. Anything else gives ``[]``.
"""

from __future__ import annotations

import re
from typing import Final, Literal
from xml.etree import ElementTree

SystemKind = Literal["join", "leave", "recall"]
SystemChange = tuple[SystemKind, str, str | None]

SELF: Final = "\x00self"
"""The exporting user, written 你 / You in system lines."""

_Q = '"“”'
_QUOTED = re.compile(f"[{_Q}]([^{_Q}]+)[{_Q}]")


def _zh(group: str) -> str:
    return f"(?:[{_Q}](?P<{group}>[^{_Q}]+)[{_Q}]|(?P<{group}_self>你))\\s*"


def _en(group: str) -> str:
    return f'(?:"(?P<{group}>[^"]+)"|(?P<{group}_self>you)|(?P<{group}_bare>.+?))'


_PATTERNS: Final[tuple[tuple[str, re.Pattern[str]], ...]] = tuple(
    (kind, re.compile(pattern, re.IGNORECASE))
    for kind, pattern in (
        ("invite", f"^{_zh('by')}邀请(?P<names>.+?)加入了?群聊"),
        ("qr", f"^{_zh('who')}通过扫描{_zh('by')}分享的二维码加入群聊"),
        ("qr", f"^{_zh('who')}通过{_zh('by')}的邀请二维码加入了?群聊"),
        ("join", f"^{_zh('who')}通过.*?加入了?群聊"),
        ("join", f"^{_zh('who')}加入了群聊"),
        ("remove", f"^{_zh('by')}将(?P<names>.+?)移出了?群聊"),
        ("leave", f"^{_zh('who')}退出了群聊"),
        ("recall", f"^{_zh('who')}撤回了一条消息"),
        ("invite", f"^{_en('by')} invited (?P<names>.+?) to (?:join )?the group chat"),
        ("qr", f"^{_en('who')} joined the group chat via (?:the )?QR code shared by {_en('by')}$"),
        ("join", f"^{_en('who')} (?:has )?joined the group chat"),
        ("remove", f"^{_en('by')} removed (?P<names>.+?) from the group chat"),
        ("leave", f"^{_en('who')} (?:has )?left the group chat"),
        ("recall", f"^{_en('who')}(?:'ve| have| has)? recalled a message"),
    )
)


def parse_system_line(text: str) -> list[SystemChange]:
    """The joins, leaves and recalls one system sentence reports, in order."""
    line = text.strip().rstrip("。.!！ ")
    for kind, pattern in _PATTERNS:
        m = pattern.match(line)
        if m is None:
            continue
        groups = m.groupdict()
        if kind == "invite":
            by = _who(groups, "by")
            return [("join", name, by) for name in _names(m.group("names"))]
        if kind == "remove":
            by = _who(groups, "by")
            return [("leave", name, by) for name in _names(m.group("names"))]
        if kind == "qr":
            return [("join", _who(groups, "who"), _who(groups, "by"))]
        who = _who(groups, "who")
        if kind == "join":
            return [("join", who, None)]
        if kind == "leave":
            return [("leave", who, None)]
        return [("recall", who, None)]
    return []


def _who(groups: dict[str, str | None], name: str) -> str:
    if groups.get(f"{name}_self"):
        return SELF
    value = groups.get(name) or groups.get(f"{name}_bare") or ""
    return value.strip()


def _names(region: str) -> list[str]:
    """The names of an invite or removal: quoted, or a bare English list."""
    region = region.strip()
    quoted = _QUOTED.findall(region)
    if not quoted:
        return [_self_or(name) for name in _split(region) if name]
    out: list[str] = []
    if re.search(r"你|\byou\b", _QUOTED.sub("", region), re.IGNORECASE):
        out.append(SELF)
    if len(quoted) > 1:
        out.extend(q.strip() for q in quoted)
    else:
        out.extend(_split(quoted[0]))
    return [name for name in out if name]


def _self_or(name: str) -> str:
    return SELF if name.lower() in ("你", "you") else name


def _split(names: str) -> list[str]:
    if "、" in names:
        parts = names.split("、")
        last = parts.pop()
        parts.extend(last.rsplit("和", 1))
        return [p.strip() for p in parts]
    if re.search(r",|\band\b", names) and not re.search("[\u4e00-\u9fff]", names):
        return [p.strip() for p in re.split(r",\s*(?:and\s+)?|\s+and\s+", names)]
    return [names.strip()]


_TOKEN = "\x01"
_VARIABLE = re.compile(r'["“]?\$(\w+)\$["”]?')
_PREFIX = re.compile(r"^[\w@.-]+:\s*(?=<)")


def parse_sysmsg(xml: str) -> tuple[list[SystemChange], dict[str, str]]:
    """The changes of a ``sysmsgtemplate`` XML line, and the nickname → wxid it names."""
    try:
        root = ElementTree.fromstring(_PREFIX.sub("", xml.strip(), count=1))
    except ElementTree.ParseError:
        return [], {}
    content = root.find(".//content_template")
    if content is None:
        return [], {}
    links: dict[str, list[str]] = {}
    ids: dict[str, str] = {}
    for link in content.iter("link"):
        names: list[str] = []
        for member in link.iter("member"):
            wxid = (member.findtext("username") or "").strip()
            name = (member.findtext("nickname") or "").strip() or wxid
            if name:
                names.append(name)
                if wxid:
                    ids[name] = wxid
        links[link.get("name") or ""] = names
    template = content.findtext("template") or ""
    line = _VARIABLE.sub(lambda m: f'"{_TOKEN}{m.group(1)}{_TOKEN}"', template)
    changes: list[SystemChange] = []
    for kind, name, by in parse_system_line(line):
        by_names = _expand(by, links) if by else [None]
        for member_name in _expand(name, links):
            changes.append((kind, member_name, by_names[0] if by_names else None))
    return changes, ids


def _expand(name: str, links: dict[str, list[str]]) -> list[str]:
    if name.startswith(_TOKEN) and name.endswith(_TOKEN):
        return links.get(name.strip(_TOKEN), [])
    return [name]
