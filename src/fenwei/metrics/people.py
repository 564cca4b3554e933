"""Who carries a group: top contributors, emerging core members, what is still open."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from fenwei.metrics.atmosphere import prepare
from fenwei.metrics.history import GroupHistory, Period, Prepared
from fenwei.model import Act
from fenwei.model.situations import Kind, Situation

_CREDITED = {
    Kind.NEWCOMER: "welcomes",
    Kind.OPEN_QUESTION: "answers",
    Kind.UNTHANKED_CONTRIBUTION: "thanks",
}
_NOT_TRACKED = frozenset({Kind.STAFF_TONE, Kind.CORE_MEMBER})


@dataclass(frozen=True, slots=True)
class Contributor:
    """An ordinary member's help in a period.

    ``welcomes``, ``answers`` and ``thanks`` count the newcomers, questions
    and contributions this member was the first to greet, answer or thank
    (the situations they resolved); ``shares`` their ``share`` messages;
    ``core_since`` when fenwei first saw them as a core member, if ever.
    """

    member_id: str
    name: str
    welcomes: int
    answers: int
    thanks: int
    shares: int
    core_since: datetime | None
    refs: tuple[str, ...] = ()

    @property
    def helpful(self) -> int:
        return self.welcomes + self.answers + self.thanks

    def to_json(self) -> dict[str, object]:
        return {
            "member": self.member_id,
            "name": self.name,
            "welcomes": self.welcomes,
            "answers": self.answers,
            "thanks": self.thanks,
            "shares": self.shares,
            "helpful": self.helpful,
            "core_since": self.core_since.isoformat() if self.core_since else None,
            "refs": list(self.refs),
        }


def _span(h: Prepared, period: Period | None) -> Period | None:
    return period or h.whole()


def contributors(
    history: GroupHistory | Prepared, period: Period | None = None, limit: int = 10
) -> list[Contributor]:
    """The ordinary members who helped most (welcomes + answers + thanks, then shares)."""
    h = prepare(history)
    p = _span(h, period)
    if p is None:
        return []
    counts: dict[str, dict[str, int]] = {}
    refs: dict[str, list[str]] = {}
    for s in h.situations_in(p, *_CREDITED):
        who = s.resolved_by
        if who is None or h.is_staff(who) or h.is_bot(who):
            continue
        c = counts.setdefault(who, {})
        c[_CREDITED[s.kind]] = c.get(_CREDITED[s.kind], 0) + 1
        refs.setdefault(who, []).append(s.event_id or s.id)
    for m in h.messages_in(p):
        if m.act is Act.SHARE and not m.is_staff:
            c = counts.setdefault(m.author, {})
            c["shares"] = c.get("shares", 0) + 1
            refs.setdefault(m.author, []).append(m.event_id)
    out = [
        Contributor(
            member_id=mid,
            name=h.name(mid),
            welcomes=c.get("welcomes", 0),
            answers=c.get("answers", 0),
            thanks=c.get("thanks", 0),
            shares=c.get("shares", 0),
            core_since=h.core_since.get(mid) if h.core_since.get(mid, p.end) < p.end else None,
            refs=tuple(refs.get(mid, ())),
        )
        for mid, c in counts.items()
    ]
    out.sort(key=lambda x: (-x.helpful, -x.shares, x.name, x.member_id))
    return out[:limit]


def core_members(
    history: GroupHistory | Prepared, period: Period | None = None
) -> list[tuple[str, str, datetime]]:
    """Members who emerged as core helpers in the period: (member id, name, when)."""
    h = prepare(history)
    p = _span(h, period)
    if p is None:
        return []
    return [
        (s.member_id, h.name(s.member_id), s.opened_at)
        for s in h.situations_in(p, Kind.CORE_MEMBER)
        if s.member_id is not None
    ]


def open_situations(
    history: GroupHistory | Prepared, period: Period | None = None
) -> list[Situation]:
    """Situations nobody has handled yet whose deadline has not passed, oldest first.

    Silences still unbroken are included; ``staff_tone`` and ``core_member``
    (nothing to handle) are not.
    """
    h = prepare(history)
    end = period.end if period else None
    return _still_open(h.situations, end)


def _still_open(situations: Iterable[Situation], end: datetime | None) -> list[Situation]:
    return [
        s
        for s in situations
        if s.resolution is None
        and s.resolved_by is None
        and s.kind not in _NOT_TRACKED
        and (end is None or s.opened_at < end)
    ]
