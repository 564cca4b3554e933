"""Whom a message addresses: replies, @-mentions and names in the text.

CONTRACTS.md: a message is addressed to X when it replies to a message of
X's, @-mentions X, or has X's display name or a distinctive part of it in the
text (阿宽 for 电车阿宽); a part that two members' names share does not count.
Parts are the words of a name (split on spaces, punctuation and between
Chinese and Latin script) and, for a longer Chinese word, its trailing
nickname (阿珍 in 跑步的阿珍, 小满 in 店长小满, 王老师 in 育婴师王老师).
An affiliation is not a part: words in brackets (``Priya (Stackwise)``),
after a bar (``Ben | Stackwise staff``) or before a dash (``驰远-小林``); nor
are job titles. Latin parts match whole words, case-insensitively.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache
from types import ModuleType
from typing import Any

_ac: ModuleType | None
try:
    import ahocorasick_rs as _ac
except ImportError:  # pragma: no cover - the dependency is declared
    _ac = None

_BRACKETS = re.compile(r"[(（\[【<《][^)）\]】>》]*[)）\]】>》]")
_SEPARATORS = re.compile(r"[\s\-_|·•.,，:：!！~～/\\@#'\"“”‘’()（）\[\]【】<>《》+*&^%$、;；?？=]+")
_SCRIPT_RUNS = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]+|[0-9A-Za-z\u00c0-\u024f]+")
_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
_DASHES = re.compile(r"\s*[-－—–]\s*")
_NICK = "阿小老大"
_TITLES = ("老师", "姐姐", "哥哥")
_WORDCHAR = re.compile(r"[0-9a-z\u00c0-\u024f]")
_GENERIC = frozenset(
    {
        "客服",
        "运营",
        "官方",
        "管理员",
        "管理",
        "群主",
        "店长",
        "助手",
        "小助手",
        "助理",
        "客服小",
        "品牌",
        "员工",
        "会员",
        "车主",
        "新人",
        "新手",
        "妈妈",
        "宝妈",
        "老师",
        "教练",
        "staff",
        "team",
        "official",
        "admin",
        "mod",
        "moderator",
        "support",
        "bot",
        "the",
        "and",
        "dev",
        "user",
        "member",
        "new",
    }
)


@lru_cache(maxsize=65536)
def name_parts(name: str) -> frozenset[str]:
    """The full name and its parts, lowercased, that can address its owner."""
    full = name.strip().lower()
    parts: set[str] = set()
    if len(full) >= 2:
        parts.add(full)
    bare = _BRACKETS.sub(" ", full)
    # "Ben | Stackwise staff", "驰远-小林": the brand side is not a name
    bare = bare.split("|")[0]
    bare = _DASHES.split(bare)[-1] if _DASHES.search(bare.strip(" -")) else bare
    for chunk in _SEPARATORS.split(bare):
        # "跑步的阿珍": what comes before 的 describes, the rest names
        chunk = chunk.rsplit("的", 1)[-1] or chunk
        for run in _SCRIPT_RUNS.findall(chunk):
            if _CJK.match(run):
                if len(run) >= 2:
                    parts.add(run)
                if len(run) >= 3 and run[-2] in _NICK:
                    parts.add(run[-2:])
                if len(run) >= 4 and run.endswith(_TITLES):
                    parts.add(run[-3:])
            elif len(run) >= 2 and not run.isdigit():
                parts.add(run)
    return frozenset(p for p in parts if p == full or p not in _GENERIC)


class NameIndex:
    """The distinctive name parts of a group's members, for fast matching.

    A part is distinctive when no other member has it and no other member's
    display name contains it; a display name always counts unless another
    member has the same one. In the text, a match inside a longer match of
    someone else's name (小鹿 inside 小鹿斑比) does not count.

    Members are added one at a time (a join is cheap): patterns added since
    the last automaton build are matched directly until there are enough of
    them to rebuild it; distinctiveness is checked at match time.
    """

    REBUILD_AFTER = 8

    def __init__(self, names: Iterable[tuple[str, str]] = ()) -> None:
        self._fulls: dict[str, str] = {}
        self._owners: dict[str, set[str]] = {}
        self._shared: set[str] = set()
        self._built: list[str] = []
        self._recent: list[str] = []
        self._matcher: Any = None
        for member_id, name in names:
            self.add(member_id, name)

    def add(self, member_id: str, name: str) -> None:
        """A member's (new) display name."""
        if member_id in self._fulls:
            self._rebuild({**self._fulls, member_id: name})
            return
        self._insert(member_id, name)

    def _insert(self, member_id: str, name: str) -> None:
        full = name.strip().lower()
        # existing parts inside the newcomer's full name are no longer distinctive
        for idx, _start, _end in _find_all(self._matcher, self._built, full):
            self._shared.add(self._built[idx])
        for part in self._recent:
            if part in full:
                self._shared.add(part)
        parts = name_parts(name)
        for part in parts:
            if part != full and any(part in f for f in self._fulls.values()):
                self._shared.add(part)
            owners = self._owners.get(part)
            if owners is None:
                self._owners[part] = {member_id}
                self._recent.append(part)
            else:
                owners.add(member_id)
        self._fulls[member_id] = full
        if len(self._recent) >= self.REBUILD_AFTER:
            self._built = sorted(self._owners)
            self._recent = []
            self._matcher = _matcher(self._built)

    def _rebuild(self, names: dict[str, str]) -> None:
        self._fulls, self._owners, self._shared = {}, {}, set()
        self._built, self._recent, self._matcher = [], [], None
        for member_id, name in names.items():
            self._insert(member_id, name)

    def _counts(self, part: str) -> str | None:
        """The owner of ``part`` if it is distinctive, else None."""
        owners = self._owners.get(part)
        if owners is None or len(owners) != 1:
            return None
        (owner,) = owners
        if part in self._shared and part != self._fulls.get(owner):
            return None
        return owner

    def find(self, text: str) -> set[str]:
        """The members whose name or a distinctive part of it is in ``text``."""
        if not self._owners or not text:
            return set()
        low = text.lower()
        hits = [
            (self._built[idx], start, end)
            for idx, start, end in _find_all(self._matcher, self._built, low)
        ]
        for part in self._recent:
            start = low.find(part)
            while start >= 0:
                hits.append((part, start, start + len(part)))
                start = low.find(part, start + 1)
        spans = []
        for part, start, end in hits:
            owner = self._counts(part)
            if owner is not None and _bounded(low, part, start, end):
                spans.append((start, end, owner))
        return {
            owner
            for start, end, owner in spans
            if not any(
                o != owner and s <= start and end <= e and (e - s) > (end - start)
                for s, e, o in spans
            )
        }


def _matcher(patterns: list[str]) -> Any:
    return _ac.AhoCorasick(patterns) if _ac is not None and patterns else None


def _find_all(matcher: Any, patterns: list[str], text: str) -> list[tuple[int, int, int]]:
    if not patterns:
        return []
    if matcher is not None:
        return list(matcher.find_matches_as_indexes(text, overlapping=True))
    out = []  # pragma: no cover - fallback without ahocorasick_rs
    for idx, part in enumerate(patterns):  # pragma: no cover
        start = text.find(part)
        while start >= 0:
            out.append((idx, start, start + len(part)))
            start = text.find(part, start + 1)
    return out  # pragma: no cover


def _bounded(text: str, part: str, start: int, end: int) -> bool:
    """Latin edges of a part must not touch other Latin letters or digits."""
    if _WORDCHAR.match(part[0]) and start > 0 and _WORDCHAR.match(text[start - 1]):
        return False
    return not (_WORDCHAR.match(part[-1]) and end < len(text) and _WORDCHAR.match(text[end]))
