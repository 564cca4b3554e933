"""The situations engine: events in time order in, situations and changes out.

The engine is a function of (configuration, events in time order, engine
time). It never reads the wall clock: deadlines, delayed drafts, autopilot
and silence are timers in engine time, fired by ``advance_to(t)`` — called
with each event's time in replay and by a ticker live — so replaying history
gives exactly what live operation would have given (replay equals live).

Timer boundaries: a deadline passes only when the clock is strictly after
``due_at`` (an action at ``due_at`` is in time); every other timer fires when
the clock reaches its time. At equal times, non-deadline timers fire first,
then timers in the order they were set.
"""

from __future__ import annotations

import heapq
import logging
import re
from collections.abc import Iterable, Mapping
from dataclasses import replace
from datetime import datetime, timedelta
from typing import Protocol

from fenwei.config.community import CommunityConfig, GroupSettings
from fenwei.engine.detectors import DETECTORS
from fenwei.engine.detectors.base import Detector
from fenwei.engine.ids import situation_id
from fenwei.engine.state import UNKNOWN, GroupState, Msg
from fenwei.engine.trust import is_flagged
from fenwei.model import Act, Event, EventType, Label
from fenwei.model.situations import (
    Action,
    Change,
    Kind,
    Resolution,
    Situation,
    Suggestion,
    SuggestionStatus,
)

logger = logging.getLogger(__name__)
_NO_DEADLINE = frozenset({Kind.SILENCE, Kind.STAFF_TONE, Kind.CORE_MEMBER})
_UNTRACKED = frozenset({Kind.STAFF_TONE, Kind.CORE_MEMBER})
_AUTOPILOT_ACTIONS = frozenset({Action.POST, Action.PRIVATE_MESSAGE, Action.WARN})
_TOPICAL = frozenset({Act.SHARE, Act.QUESTION})
_CJK = re.compile(r"[\u3400-\u9fff]")
_LATIN = re.compile(r"[A-Za-z]+")
_CHITCHAT = Label(Act.CHITCHAT)
_LANGUAGE_SAMPLE = 20_000
"""Characters of a group's first messages that decide its dominant language."""
FENWEI = "fenwei"
"""``resolved_by`` of a situation resolved by fenwei's own message."""


class Drafter(Protocol):
    """Turns a situation into suggestions (``fenwei.playbooks.Playbooks``)."""

    def draft(
        self, situation: Situation, group: GroupState, at: datetime, note: str | None = None
    ) -> list[Suggestion]:
        """Suggestions for a situation that opened (or, with ``note``, was flagged)."""
        ...


class Engine:
    """Situations of one community, group by group.

    ``drafter`` drafts suggestions when a situation opens (none without one);
    ``dry_run`` marks what autopilot would have sent as ``would_send``;
    ``staff`` names each group's staff known from the whole input (a member
    with ``role: staff`` on any of their events: ``staff_roles(events)``),
    on top of the configuration's.
    """

    def __init__(
        self,
        config: CommunityConfig | None = None,
        *,
        drafter: Drafter | None = None,
        dry_run: bool = False,
        detectors: Iterable[Detector] | None = None,
        staff: Mapping[str, Iterable[str]] | None = None,
    ) -> None:
        self.config = config or CommunityConfig.default()
        self._known_staff = {gid: frozenset(ids) for gid, ids in (staff or {}).items()}
        self.drafter = drafter
        self.dry_run = dry_run
        self.detectors: tuple[Detector, ...] = tuple(detectors or (d() for d in DETECTORS))
        self.now: datetime | None = None
        self._groups: dict[str, GroupState] = {}
        self._timers: list[tuple[datetime, int, int, str, str, str]] = []
        self._seq = 0
        self._order: dict[str, int] = {}
        self._changes: list[Change] = []

    # public API

    def group(self, group_id: str) -> GroupState:
        g = self._groups.get(group_id)
        if g is None:
            settings = self.settings(group_id)
            extra = self._known_staff.get(group_id)
            if extra:
                settings = replace(settings, staff=settings.staff | extra)
            g = GroupState(group_id, settings)
            self._groups[group_id] = g
        return g

    def settings(self, group_id: str) -> GroupSettings:
        return self.config.for_group(group_id)

    def feed(self, event: Event, label: Label | None = None) -> list[Change]:
        """Apply one event (``label`` for messages) at its time; return the changes.

        Timers up to the event's time fire first. An event older than the
        engine clock is applied at its own time without rewinding timers.
        """
        before = self.advance_to(event.at)
        g = self.group(event.group_id)
        member = g.see(event)
        if event.type == EventType.MESSAGE and member is not None:
            if event.event_id is not None and event.event_id in g.authors:
                return before  # the same message again: importing twice changes nothing
            self._on_message(g, event, label or _CHITCHAT)
        elif event.type == EventType.JOIN and member is not None:
            member.joined_at = event.at
            member.messages_since_join = 0
            member.present = True
            for d in self.detectors:
                try:
                    d.on_join(self, g, event)
                except Exception:
                    self._failed(d, g, event)
        elif event.type == EventType.LEAVE:
            if member is not None:
                member.present = False
            for d in self.detectors:
                try:
                    d.on_leave(self, g, event)
                except Exception:
                    self._failed(d, g, event)
        elif event.type == EventType.RECALL:
            for d in self.detectors:
                try:
                    d.on_recall(self, g, event)
                except Exception:
                    self._failed(d, g, event)
        return before + self._take()

    def _failed(self, d: Detector, g: GroupState, event: Event) -> None:
        """A detector failed on one event: log it; the other detectors go on."""
        logger.exception(
            "engine.detector_failed",
            extra={"detector": type(d).__name__, "group": g.group_id, "event": event.event_id},
        )

    def advance_to(self, at: datetime) -> list[Change]:
        """Move engine time to ``at``: fire deadlines, drafts, autopilot, silence."""
        if self.now is not None and at <= self.now:
            at = self.now
        self.now = at
        timers = self._timers
        while timers and (timers[0][0] < at or (timers[0][0] == at and timers[0][1] == 0)):
            when, _strict, _seq, what, group_id, ref = heapq.heappop(timers)
            self._fire(self._groups[group_id], what, ref, when)
        return self._take()

    def record_sent(self, group_id: str, situation_id: str, at: datetime) -> list[Change]:
        """fenwei itself sent a situation's pending drafts (autopilot, live).

        The drafts become ``sent`` and the situation is resolved by ``fenwei``
        (``resolution: staff``) if it was still waiting.
        """
        self.advance_to(at)
        g = self.group(group_id)
        s = g.situations[situation_id]
        sent = tuple(
            replace(x, status=SuggestionStatus.SENT)
            if x.status in (SuggestionStatus.PENDING, SuggestionStatus.WOULD_SEND)
            and x.action in _AUTOPILOT_ACTIONS
            else x
            for x in s.suggestions
        )
        g.situations[situation_id] = replace(s, suggestions=sent)
        self.resolve(g, situation_id, FENWEI, at)
        return self._take()

    def prune(self, before: datetime) -> int:
        """Forget situations opened before ``before`` that nobody can change any more.

        For long live runs (the store has them): a situation is done when
        someone acted on it, or when its kind has no deadline and no
        resolution (``staff_tone``, ``core_member``). Waiting and expired-but-
        unanswered ones stay, since a late action is still recorded. Returns
        how many were dropped.
        """
        dropped = 0
        for g in self._groups.values():
            done = [
                sid
                for sid, s in g.situations.items()
                if s.opened_at < before
                and (s.resolved_by is not None or s.kind in _UNTRACKED)
                and sid != g.conflict_id
                and sid != g.silence_id
            ]
            for sid in done:
                del g.situations[sid]
                self._order.pop(sid, None)
            dropped += len(done)
        return dropped

    def situations(self) -> list[Situation]:
        """Every situation so far, in order of opening."""
        out = [s for g in self._groups.values() for s in g.situations.values()]
        out.sort(key=lambda s: (s.opened_at, self._order[s.id]))
        return out

    def groups(self) -> list[GroupState]:
        return list(self._groups.values())

    # messages

    def _on_message(self, g: GroupState, event: Event, label: Label) -> None:
        author = event.member_id or ""
        ms = g.member(author)
        targets: set[str] = set()
        reply_author = None
        if event.reply_to:
            reply_author = g.authors.get(event.reply_to)
            targets.add(reply_author or UNKNOWN)
            g.count_reply(event.reply_to)
        targets.update(event.mentions)
        text = event.text or ""
        if text:
            targets.update(g.names.find(text))
            if g.cjk_chars + g.latin_chars < _LANGUAGE_SAMPLE:
                g.cjk_chars += len(_CJK.findall(text))
                g.latin_chars += len(_LATIN.findall(text))
        targets.discard(author)
        trust = g.settings.trust
        is_new = (
            ms.joined_at is not None
            and event.at - ms.joined_at <= trust.new_member_window
            and ms.messages_since_join < trust.new_member_messages
        )
        trusted = ms.core_at is not None or ms.helpful_total >= trust.helpful_acts
        m = Msg(
            event=event,
            label=label,
            author=author,
            is_staff=ms.is_staff,
            targets=frozenset(targets),
            reply_author=reply_author,
            is_ad=is_flagged(
                label, Act.AD, trust.ad_threshold, trust.threshold_offset, is_new, trusted
            ),
            is_attack=is_flagged(
                label, Act.ATTACK, trust.attack_threshold, trust.threshold_offset, is_new, trusted
            ),
        )
        g.message_count += 1
        g.last_message_at = event.at
        for d in self.detectors:
            try:
                d.on_message(self, g, m)
            except Exception:
                self._failed(d, g, event)
        ms.messages_since_join += 1
        if event.event_id is not None:
            g.remember(event.event_id, author, text if label.act in _TOPICAL else None)

    # operations for detectors (detectors.base.Ops)

    def open(
        self,
        g: GroupState,
        kind: Kind,
        member_id: str | None,
        event_id: str | None,
        at: datetime,
        *,
        anchor: str,
        text: str | None = None,
        parties: tuple[str, ...] = (),
        act: str | None = None,
    ) -> Situation:
        sid = situation_id(g.group_id, kind, anchor)
        n = 2
        base = sid
        while sid in g.situations:
            sid = f"{base}-{n}"
            n += 1
        deadline = None if kind in _NO_DEADLINE else g.settings.deadline(kind)
        s = Situation(
            id=sid,
            kind=kind,
            group_id=g.group_id,
            member_id=member_id,
            event_id=event_id,
            opened_at=at,
            due_at=at + deadline if deadline is not None else None,
            parties=parties,
            event_ids=(event_id,) if event_id else (),
            text=text,
            act=act,
        )
        g.situations[sid] = s
        self._order[sid] = len(self._order)
        if kind not in _UNTRACKED:
            g.add_waiting(s)
        self._changes.append(Change("opened", at, s))
        if s.due_at is not None:
            self._schedule(s.due_at, 1, g, "expire", sid)
        if self.drafter is not None:
            if kind is Kind.UNTHANKED_CONTRIBUTION and deadline is not None:
                self._schedule(at + deadline / 2, 0, g, "draft", sid)
            else:
                self._draft(g, s, at)
        if kind.value in g.settings.autopilot:
            delay = g.settings.autopilot_delay
            if delay is None:
                delay = deadline / 2 if deadline is not None else timedelta(0)
            self._schedule(at + delay, 0, g, "autopilot", sid)
        return g.situations[sid]

    def resolve(self, g: GroupState, situation_id: str, by: str, at: datetime) -> None:
        s = g.situations[situation_id]
        if s.resolved_by is not None:
            return
        g.drop_waiting(s)
        suggestions = tuple(
            replace(x, status=SuggestionStatus.WITHDRAWN)
            if x.status is SuggestionStatus.PENDING
            else x
            for x in s.suggestions
        )
        if s.resolution is Resolution.EXPIRED:
            new = replace(s, resolved_at=at, resolved_by=by, suggestions=suggestions)
            change = "resolved_late"
        else:
            staff = by == FENWEI or g.is_staff(by)
            resolution = Resolution.STAFF if staff else Resolution.COMMUNITY
            new = replace(
                s, resolved_at=at, resolved_by=by, resolution=resolution, suggestions=suggestions
            )
            change = "resolved"
        g.situations[situation_id] = new
        withdrawn = tuple(x for x, y in zip(s.suggestions, suggestions, strict=True) if x is not y)
        self._changes.append(Change(change, at, new, withdrawn))

    def update(self, g: GroupState, situation: Situation) -> None:
        g.situations[situation.id] = situation

    def note(self, g: GroupState, situation_id: str, note: str, at: datetime) -> None:
        """Flag something on a situation (a dismissive answer); drafts for it at once."""
        s = replace(g.situations[situation_id], notes=(*g.situations[situation_id].notes, note))
        g.situations[situation_id] = s
        drafted: tuple[Suggestion, ...] = ()
        if self.drafter is not None:
            drafted = tuple(self.drafter.draft(s, g, at, note))
            if drafted:
                s = replace(s, suggestions=(*s.suggestions, *drafted))
                g.situations[situation_id] = s
        self._changes.append(Change("flagged", at, s, drafted))

    def schedule(self, at: datetime, g: GroupState, what: str, ref: str) -> None:
        self._schedule(at, 0, g, what, ref)

    # timers

    def _schedule(self, at: datetime, strict: int, g: GroupState, what: str, ref: str) -> None:
        self._seq += 1
        heapq.heappush(self._timers, (at, strict, self._seq, what, g.group_id, ref))

    def _fire(self, g: GroupState, what: str, ref: str, at: datetime) -> None:
        if what == "expire":
            s = g.situations.get(ref)
            if s is not None and s.resolution is None and s.resolved_by is None:
                new = replace(s, resolution=Resolution.EXPIRED)
                g.situations[ref] = new
                self._changes.append(Change("expired", at, new))
        elif what == "draft":
            s = g.situations.get(ref)
            if s is not None and s.resolution is None and s.resolved_by is None:
                self._draft(g, s, at)
        elif what == "autopilot":
            self._autopilot(g, ref, at)
        else:
            for d in self.detectors:
                try:
                    d.on_timer(self, g, what, ref, at)
                except Exception:
                    logger.exception(
                        "engine.detector_failed",
                        extra={"detector": type(d).__name__, "group": g.group_id, "timer": what},
                    )

    def _draft(self, g: GroupState, s: Situation, at: datetime) -> None:
        assert self.drafter is not None
        drafted = tuple(self.drafter.draft(s, g, at))
        if not drafted:
            return
        if s.kind is Kind.NEWCOMER:
            # one welcome greets the whole burst: earlier drafts are superseded
            for other in g.newcomer_burst(s):
                self._withdraw_pending(g, other, at)
        new = replace(g.situations[s.id], suggestions=(*g.situations[s.id].suggestions, *drafted))
        g.situations[s.id] = new
        self._changes.append(Change("suggested", at, new, drafted))

    def _withdraw_pending(self, g: GroupState, s: Situation, at: datetime) -> None:
        pending = [x for x in s.suggestions if x.status is SuggestionStatus.PENDING]
        if not pending:
            return
        new = replace(
            s,
            suggestions=tuple(
                replace(x, status=SuggestionStatus.WITHDRAWN)
                if x.status is SuggestionStatus.PENDING
                else x
                for x in s.suggestions
            ),
        )
        g.situations[s.id] = new
        self._changes.append(Change("withdrawn", at, new, tuple(pending)))

    def _autopilot(self, g: GroupState, sid: str, at: datetime) -> None:
        s = g.situations.get(sid)
        if s is None or s.resolution is not None or s.resolved_by is not None:
            return
        if s.kind is Kind.NEWCOMER and s.member_id is not None:
            # never greet someone who left, or who came to spam
            joiner = g.member(s.member_id)
            if not joiner.present or g.waiting_of(Kind.RULE_VIOLATION, s.member_id):
                return
        due = [
            x
            for x in s.suggestions
            if x.status is SuggestionStatus.PENDING and x.action in _AUTOPILOT_ACTIONS
        ]
        if not due:
            return
        interval = g.settings.autopilot_interval
        if g.last_autopilot_at is not None and at < g.last_autopilot_at + interval:
            self._schedule(g.last_autopilot_at + interval, 0, g, "autopilot", sid)
            return
        g.last_autopilot_at = at
        if self.dry_run:
            ids = {id(x) for x in due}
            new = replace(
                s,
                suggestions=tuple(
                    replace(x, status=SuggestionStatus.WOULD_SEND) if id(x) in ids else x
                    for x in s.suggestions
                ),
            )
            g.situations[sid] = new
            s = new
        self._changes.append(Change("autopilot", at, s, tuple(due)))

    def _take(self) -> list[Change]:
        out, self._changes = self._changes, []
        return out
