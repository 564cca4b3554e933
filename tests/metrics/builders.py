"""Small hand-built histories: events at minute offsets, situations as the engine would record them."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta, timezone

from fenwei.metrics import GroupHistory
from fenwei.model import Act, Event, EventType, Label, Role
from fenwei.model.situations import Kind, Resolution, Situation

TZ = timezone(timedelta(hours=8))
T0 = datetime(2026, 3, 2, 9, 0, tzinfo=TZ)  # a Monday morning

DEADLINES = {
    Kind.NEWCOMER: 10,
    Kind.OPEN_QUESTION: 30,
    Kind.UNTHANKED_CONTRIBUTION: 120,
    Kind.COMPLAINT: 15,
    Kind.CRITICISM: 60,
    Kind.CONFLICT: 10,
    Kind.RULE_VIOLATION: 10,
}


def at(minutes: float) -> datetime:
    return T0 + timedelta(minutes=minutes)


class History:
    """Build one group's history; times are minutes after ``T0``."""

    def __init__(self, group: str = "g-1", staff: tuple[str, ...] = ("staff",)) -> None:
        self.group = group
        self.staff = set(staff)
        self.events: list[Event] = []
        self.labels: dict[str, Label] = {}
        self.situations: list[Situation] = []
        self._n = 0

    def join(self, member: str, t: float) -> None:
        self.events.append(Event(EventType.JOIN, self.group, at(t), member, name=member))

    def leave(self, member: str, t: float, by: str | None = None) -> None:
        self.events.append(Event(EventType.LEAVE, self.group, at(t), member, by=by))

    def say(
        self,
        member: str,
        t: float,
        act: Act = Act.CHITCHAT,
        *,
        reply_to: str | None = None,
        sentiment: float = 0.0,
        toxicity: float = 0.0,
        text: str = "…",
    ) -> str:
        self._n += 1
        mid = f"m{self._n}"
        role = Role.STAFF if member in self.staff else Role.MEMBER
        self.events.append(
            Event(
                EventType.MESSAGE,
                self.group,
                at(t),
                member,
                event_id=mid,
                name=member,
                role=role,
                text=text,
                reply_to=reply_to,
            )
        )
        self.labels[mid] = Label(act, sentiment, toxicity, source="gold")
        return mid

    def chat(self, members: list[str], start: float, rounds: int, gap: float = 1.0) -> None:
        """Members taking turns: a real conversation."""
        for i in range(rounds):
            for j, m in enumerate(members):
                self.say(m, start + (i * len(members) + j) * gap)

    def situation(
        self,
        kind: Kind,
        member: str | None,
        t: float,
        *,
        event: str | None = None,
        by: str | None = None,
        after: float | None = None,
        event_ids: tuple[str, ...] = (),
    ) -> Situation:
        """A situation opened at ``t``; handled by ``by`` ``after`` minutes, or expired.

        Handled after its deadline, it is ``expired`` with the late action
        recorded (CONTRACTS.md); not handled at all, it is ``expired``.
        """
        deadline = DEADLINES.get(kind)
        self._n += 1
        s = Situation(
            id=f"s{self._n}",
            kind=kind,
            group_id=self.group,
            member_id=member,
            event_id=event if event is not None else member,
            opened_at=at(t),
            due_at=at(t + deadline) if deadline is not None else None,
            event_ids=event_ids,
        )
        if by is not None and after is not None:
            s = replace(s, resolved_at=at(t + after), resolved_by=by)
            if deadline is not None and after > deadline:
                s = replace(s, resolution=Resolution.EXPIRED)
            else:
                s = replace(
                    s,
                    resolution=Resolution.STAFF if by in self.staff else Resolution.COMMUNITY,
                )
        elif deadline is not None:
            s = replace(s, resolution=Resolution.EXPIRED)
        self.situations.append(s)
        return s

    def build(self) -> GroupHistory:
        return GroupHistory(
            self.group,
            sorted(self.events, key=lambda e: e.at),
            dict(self.labels),
            tuple(self.situations),
            frozenset(self.staff),
            name="Test group",
        )


def base(members: int = 6) -> History:
    """A small living group: members chatting in turns, a staff member present."""
    h = History()
    names = [f"u{i}" for i in range(members)]
    h.say("staff", 0, Act.RULES)
    h.chat(names, 1, rounds=3)
    return h
