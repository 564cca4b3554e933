"""What the metrics read: one group's history, and periods of time.

``GroupHistory`` is plain data: the group's events in time order, the labels
of its messages by event id, the situations the engine found, and its staff.
``Prepared`` is the same history indexed once (who is staff, who is present
on which day, who wrote which message) so that a series of periods costs one
pass over the events, not one per period.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta, tzinfo

from fenwei.model import Act, Event, EventType, Label, Role
from fenwei.model.situations import Kind, Situation

BOTS: frozenset[str] = frozenset({"fenwei"})
"""Member ids of fenwei itself: its messages never count as anyone's acts."""


@dataclass(frozen=True, slots=True)
class Period:
    """A half-open span of time ``[start, end)`` (aware datetimes)."""

    start: datetime
    end: datetime

    def __contains__(self, at: object) -> bool:
        return isinstance(at, datetime) and self.start <= at < self.end


@dataclass(frozen=True, slots=True)
class GroupHistory:
    """One group as the metrics see it.

    ``events`` in time order (ties keep their order); ``labels`` by message
    id (a message without one counts as neutral ``chitchat``); ``situations``
    of this group from the engine; ``staff`` the staff member ids known from
    configuration (a member with ``role: staff`` on any event is staff too);
    ``tz`` the time zone of the group's days and weeks (default: the offset of
    its first event); ``bots`` the ids of fenwei's own messages.
    """

    group_id: str
    events: Sequence[Event]
    labels: Mapping[str, Label] = field(default_factory=dict)
    situations: Sequence[Situation] = ()
    staff: frozenset[str] = frozenset()
    name: str | None = None
    tz: tzinfo | None = None
    bots: frozenset[str] = BOTS

    @classmethod
    def from_pairs(
        cls,
        group_id: str,
        pairs: Iterable[tuple[Event, Label | None]],
        situations: Iterable[Situation] = (),
        *,
        staff: Iterable[str] = (),
        name: str | None = None,
        tz: tzinfo | None = None,
    ) -> GroupHistory:
        """A history from ``(event, label)`` pairs (other groups' events are skipped)."""
        events: list[Event] = []
        labels: dict[str, Label] = {}
        for event, label in pairs:
            if event.group_id != group_id:
                continue
            events.append(event)
            if label is not None and event.event_id is not None and event.is_message:
                labels[event.event_id] = label
        events.sort(key=lambda e: e.at)
        return cls(
            group_id,
            tuple(events),
            labels,
            tuple(s for s in situations if s.group_id == group_id),
            frozenset(staff),
            name or next((e.group_name for e in events if e.group_name), None),
            tz,
        )


def histories(
    pairs: Iterable[tuple[Event, Label | None]],
    situations: Iterable[Situation] = (),
    *,
    staff: Mapping[str, Iterable[str]] | None = None,
    names: Mapping[str, str] | None = None,
) -> list[GroupHistory]:
    """Split a community's pairs and situations into one history per group."""
    pairs = list(pairs)
    sits = list(situations)
    order: dict[str, None] = {}
    for event, _ in pairs:
        order.setdefault(event.group_id, None)
    staff = staff or {}
    names = names or {}
    return [
        GroupHistory.from_pairs(gid, pairs, sits, staff=staff.get(gid, ()), name=names.get(gid))
        for gid in order
    ]


@dataclass(frozen=True, slots=True)
class Message:
    """A human message as the metrics read it."""

    at: datetime
    author: str
    event_id: str
    label: Label
    is_staff: bool
    interactive: bool

    @property
    def act(self) -> Act:
        return self.label.act


_CHITCHAT = Label(Act.CHITCHAT)
TURN_WINDOW = timedelta(minutes=10)
"""A message within this time after someone else's answers the conversation."""


class Prepared:
    """A ``GroupHistory`` indexed once for any number of periods."""

    def __init__(self, history: GroupHistory) -> None:
        self.history = history
        events = sorted(history.events, key=lambda e: e.at)
        self.tz: tzinfo = history.tz or (events[0].at.tzinfo if events else None) or UTC
        bots = history.bots
        staff = set(history.staff)
        for e in events:
            if e.role is Role.STAFF and e.member_id:
                staff.add(e.member_id)
        self.staff = frozenset(staff - bots)
        self.bots = bots
        self.names: dict[str, str] = {}
        # presence of ordinary members: (from, until); None = open-ended
        first: dict[str, datetime | None] = {}
        last_leave: dict[str, datetime | None] = {}
        self.leaves: list[tuple[datetime, str, str | None]] = []
        author_of: dict[str, str] = {}
        messages: list[Message] = []
        prev: tuple[datetime, str] | None = None
        for e in events:
            mid = e.member_id
            if mid is None or mid in bots:
                continue
            if e.name:
                self.names[mid] = e.name
            ordinary = mid not in self.staff
            if ordinary:
                if mid not in first:
                    first[mid] = e.at if e.type is EventType.JOIN else None
                last_leave[mid] = e.at if e.type is EventType.LEAVE else None
            if e.type is EventType.LEAVE and ordinary:
                self.leaves.append((e.at, mid, e.by))
            if e.type is not EventType.MESSAGE or e.event_id is None:
                continue
            label = history.labels.get(e.event_id, _CHITCHAT)
            author_of[e.event_id] = mid
            if label.act is Act.AD:
                messages.append(Message(e.at, mid, e.event_id, label, not ordinary, False))
                continue
            replied = e.reply_to is not None and author_of.get(e.reply_to) != mid
            mentioned = any(m != mid for m in e.mentions)
            turn = prev is not None and prev[1] != mid and e.at - prev[0] <= TURN_WINDOW
            interactive = replied or mentioned or turn
            messages.append(Message(e.at, mid, e.event_id, label, not ordinary, interactive))
            prev = (e.at, mid)
        self.messages = messages
        self.message_times = [m.at for m in messages]
        self.leave_times = [x[0] for x in self.leaves]
        self.presence = [(first[m], last_leave[m], m) for m in first]
        self.first_at = events[0].at if events else None
        self.last_at = events[-1].at if events else None
        sits = sorted(history.situations, key=lambda s: s.opened_at)
        self.situations = sits
        self.situation_times = [s.opened_at for s in sits]
        self.violators = frozenset(
            s.member_id for s in sits if s.kind is Kind.RULE_VIOLATION and s.member_id
        )
        self.core_since: dict[str, datetime] = {}
        for s in sits:
            if s.kind is Kind.CORE_MEMBER and s.member_id:
                self.core_since.setdefault(s.member_id, s.opened_at)

    # lookups by period

    def messages_in(self, p: Period) -> list[Message]:
        lo = bisect.bisect_left(self.message_times, p.start)
        hi = bisect.bisect_left(self.message_times, p.end)
        return self.messages[lo:hi]

    def situations_in(self, p: Period, *kinds: Kind) -> list[Situation]:
        lo = bisect.bisect_left(self.situation_times, p.start)
        hi = bisect.bisect_left(self.situation_times, p.end)
        return [s for s in self.situations[lo:hi] if not kinds or s.kind in kinds]

    def leaves_in(self, p: Period) -> list[tuple[datetime, str, str | None]]:
        lo = bisect.bisect_left(self.leave_times, p.start)
        hi = bisect.bisect_left(self.leave_times, p.end)
        return self.leaves[lo:hi]

    def present(self, p: Period) -> set[str]:
        """Ordinary members in the group at some time during ``p``."""
        return {
            m
            for since, until, m in self.presence
            if (since is None or since < p.end) and (until is None or until >= p.start)
        }

    def is_staff(self, member_id: str | None) -> bool:
        return member_id is not None and member_id in self.staff

    def is_bot(self, member_id: str | None) -> bool:
        return member_id is not None and member_id in self.bots

    def name(self, member_id: str | None) -> str:
        if member_id is None:
            return ""
        return self.names.get(member_id, member_id)

    # calendar

    def whole(self) -> Period | None:
        """The calendar days from the first event to the last, in the group's zone."""
        if self.first_at is None or self.last_at is None:
            return None
        start = self.day_start(self.first_at.astimezone(self.tz).date())
        end = self.day_start(self.last_at.astimezone(self.tz).date() + timedelta(days=1))
        return Period(start, end)

    def day_start(self, d: date) -> datetime:
        return datetime.combine(d, time(0), self.tz)

    def days(self, p: Period) -> list[Period]:
        """The calendar days that meet ``p``, each cut to ``p``."""
        out: list[Period] = []
        d = p.start.astimezone(self.tz).date()
        while True:
            start = self.day_start(d)
            if start >= p.end:
                break
            end = self.day_start(d + timedelta(days=1))
            if end > p.start:
                out.append(Period(max(start, p.start), min(end, p.end)))
            d += timedelta(days=1)
        return out

    def calendar(self, freq: str, span: Period | None = None) -> list[Period]:
        """Whole days or weeks (Monday first) covering ``span`` (default: the history)."""
        span = span or self.whole()
        if span is None:
            return []
        d = span.start.astimezone(self.tz).date()
        if freq == "week":
            d -= timedelta(days=d.weekday())
            step = timedelta(days=7)
        elif freq == "day":
            step = timedelta(days=1)
        else:
            raise ValueError(f"freq must be 'day' or 'week', not {freq!r}")
        out: list[Period] = []
        while self.day_start(d) < span.end:
            out.append(Period(self.day_start(d), self.day_start(d + step)))
            d += step
        return out
