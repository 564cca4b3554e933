"""Per-group engine state: members, recent messages and the group's situations.

State is bounded where the input is not: recent message authors, texts and
reply counts are kept for the last ``RECENT`` messages of a group, so memory
stays flat as a history grows (a reply to an older message still counts as a
reply, just to nobody the engine can name).
"""

from __future__ import annotations

from collections import OrderedDict, deque
from dataclasses import dataclass, field
from datetime import datetime

from fenwei.config.community import GroupSettings
from fenwei.engine.addressing import NameIndex
from fenwei.model import Act, Event, Label
from fenwei.model.situations import Kind, Situation

RECENT = 20_000
UNKNOWN = "?"
"""A target placeholder: a reply to a message the engine does not know."""


@dataclass(slots=True)
class MemberState:
    member_id: str
    name: str | None = None
    is_staff: bool = False
    joined_at: datetime | None = None
    present: bool = True
    messages_since_join: int = 0
    helpful: deque[datetime] = field(default_factory=deque)
    helpful_total: int = 0
    core_at: datetime | None = None
    violations: int = 0
    recent: deque[datetime] = field(default_factory=deque)
    flood_from: int = 0


@dataclass(frozen=True, slots=True)
class Msg:
    """A message as the detectors see it: the event, its act and whom it addresses.

    ``targets`` are the members it addresses (never its author; ``"?"`` for a
    reply to an unknown message); ``is_ad``/``is_attack`` are the act after the
    trust rules (issue 5 §4).
    """

    event: Event
    label: Label
    author: str
    is_staff: bool
    targets: frozenset[str]
    reply_author: str | None
    is_ad: bool
    is_attack: bool

    @property
    def act(self) -> Act:
        return self.label.act

    @property
    def at(self) -> datetime:
        return self.event.at

    @property
    def id(self) -> str:
        return self.event.event_id or ""

    @property
    def text(self) -> str:
        return self.event.text or ""

    @property
    def is_addressed(self) -> bool:
        return bool(self.targets)


@dataclass(slots=True)
class Topic:
    """The on-topic message (a share or a question) with the most replies, for silence."""

    event_id: str
    member_id: str
    text: str
    replies: int


class GroupState:
    """Everything the engine knows about one group."""

    def __init__(self, group_id: str, settings: GroupSettings) -> None:
        self.group_id = group_id
        self.settings = settings
        self.group_name: str | None = settings.name
        self.members: dict[str, MemberState] = {}
        self.staff_ids: list[str] = []
        self.authors: OrderedDict[str, str] = OrderedDict()
        self.texts: OrderedDict[str, str] = OrderedDict()
        self.replies: OrderedDict[str, int] = OrderedDict()
        self.topic: Topic | None = None
        self.situations: dict[str, Situation] = {}
        self.waiting: dict[Kind, dict[str, None]] = {k: {} for k in Kind}
        self.waiting_by: dict[tuple[Kind, str | None], dict[str, None]] = {}
        self.hostile: deque[tuple[datetime, str, str]] = deque()
        self.conflict_id: str | None = None
        self.silence_id: str | None = None
        self.silence_check_at: datetime | None = None
        self.message_count = 0
        self.last_message_at: datetime | None = None
        self.cjk_chars = 0
        self.latin_chars = 0
        self.last_autopilot_at: datetime | None = None
        self.names = NameIndex()

    # members

    def member(self, member_id: str) -> MemberState:
        m = self.members.get(member_id)
        if m is None:
            m = MemberState(member_id, is_staff=member_id in self.settings.staff)
            self.members[member_id] = m
            if m.is_staff:
                self.staff_ids.append(member_id)
        return m

    def see(self, event: Event) -> MemberState | None:
        """Record who an event's member is (name, staff role)."""
        if event.member_id is None:
            return None
        m = self.member(event.member_id)
        if event.name and event.name != m.name:
            m.name = event.name
            self.names.add(m.member_id, event.name)
        if event.role == "staff" and not m.is_staff:
            m.is_staff = True
            self.staff_ids.append(m.member_id)
        if event.group_name and not self.group_name:
            self.group_name = event.group_name
        return m

    def is_staff(self, member_id: str | None) -> bool:
        if member_id is None:
            return False
        m = self.members.get(member_id)
        return m.is_staff if m else member_id in self.settings.staff

    def name(self, member_id: str | None) -> str:
        if member_id is None:
            return ""
        m = self.members.get(member_id)
        return (m.name if m and m.name else None) or member_id

    # recent messages

    def remember(self, event_id: str, member_id: str, text: str | None) -> None:
        """Record a message's author (and its text when it may become the topic)."""
        self.authors[event_id] = member_id
        if text:
            self.texts[event_id] = text
        if len(self.authors) > RECENT:
            old, _ = self.authors.popitem(last=False)
            self.texts.pop(old, None)
            self.replies.pop(old, None)

    def count_reply(self, event_id: str) -> None:
        """A reply to ``event_id``: the most replied-to message is the topic."""
        if event_id not in self.texts:
            return
        n = self.replies.get(event_id, 0) + 1
        self.replies[event_id] = n
        if self.topic is None or n > self.topic.replies:
            self.topic = Topic(event_id, self.authors[event_id], self.texts.get(event_id, ""), n)

    # situations

    def add_waiting(self, s: Situation) -> None:
        self.waiting[s.kind][s.id] = None
        self.waiting_by.setdefault((s.kind, s.member_id), {})[s.id] = None

    def drop_waiting(self, s: Situation) -> None:
        self.waiting[s.kind].pop(s.id, None)
        by = self.waiting_by.get((s.kind, s.member_id))
        if by is not None:
            by.pop(s.id, None)
            if not by:
                del self.waiting_by[(s.kind, s.member_id)]

    def waiting_of(self, kind: Kind, member_id: str | None = None) -> list[Situation]:
        """Situations of ``kind`` nobody acted on yet, oldest first (of one member)."""
        ids = (
            self.waiting[kind] if member_id is None else self.waiting_by.get((kind, member_id), {})
        )
        return [self.situations[i] for i in ids]

    def open_recent(self, kind: Kind) -> list[Situation]:
        """Situations of ``kind`` still open (not acted on, not expired), newest first.

        A kind has one deadline per group, so expiry follows opening order and
        the scan stops at the first expired one.
        """
        out: list[Situation] = []
        for sid in reversed(self.waiting[kind]):
            s = self.situations[sid]
            if s.resolution is not None:
                break
            out.append(s)
        return out

    def newcomer_burst(self, s: Situation) -> list[Situation]:
        """Open newcomers who joined within the burst window before ``s`` (oldest first).

        One welcome greets them all (a burst of joins or a raid).
        """
        out = [
            o
            for o in self.open_recent(Kind.NEWCOMER)
            if o.id != s.id
            and o.opened_at <= s.opened_at
            and s.opened_at - o.opened_at <= self.settings.burst_window
        ]
        return out[::-1]

    def violations_of(self, member_id: str | None) -> int:
        if member_id is None:
            return 0
        m = self.members.get(member_id)
        return m.violations if m else 0

    def locale_guess(self) -> str | None:
        """The group's dominant language from its messages' text, if any."""
        if self.cjk_chars == 0 and self.latin_chars == 0:
            return None
        # a Chinese character carries about as much as a short English word
        return "zh-CN" if self.cjk_chars * 3 >= self.latin_chars else "en"
