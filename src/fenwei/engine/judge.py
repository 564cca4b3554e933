"""Judging a scenario: ``must`` and ``must_not`` items against situations.

SCENARIOS.md: each ``must`` item must match at least one reported situation
(every key it gives equals that situation's field; keys it omits are free);
no reported situation may match a ``must_not`` item. A scenario passes when
all its items hold.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

KEYS = ("kind", "group", "member", "event", "resolution", "resolved_by")


@dataclass(frozen=True, slots=True)
class ItemResult:
    """One item's verdict: ``must`` or ``must_not``, the item, and the matches."""

    rule: str
    item: dict[str, Any]
    passed: bool
    matches: tuple[str, ...] = ()


def matches(item: Mapping[str, Any], situation: Mapping[str, Any]) -> bool:
    """Every key the item gives equals the situation's field."""
    return all(k in situation and situation[k] == v for k, v in item.items())


def judge(expect: Mapping[str, Any], situations: Sequence[Mapping[str, Any]]) -> list[ItemResult]:
    """The verdict on every item of an ``*.expect.json``, in file order."""
    out: list[ItemResult] = []
    for item in expect.get("must", []):
        hits = tuple(str(s.get("id")) for s in situations if matches(item, s))
        out.append(ItemResult("must", dict(item), bool(hits), hits))
    for item in expect.get("must_not", []):
        hits = tuple(str(s.get("id")) for s in situations if matches(item, s))
        out.append(ItemResult("must_not", dict(item), not hits, hits))
    return out


def passed(results: Sequence[ItemResult]) -> bool:
    return all(r.passed for r in results)
