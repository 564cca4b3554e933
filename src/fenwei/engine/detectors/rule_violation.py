"""rule_violation: an ``ad``, an ``attack`` or a flood by an ordinary member.

CONTRACTS.md: every ad or attack opens one (after the trust rules); a flood
opens one when a member's 11th message falls within 60 s of the first of
those 11 (``event`` = that 11th message), after which the count starts over.
Resolved by a staff message addressed to the violator, a staff ``rules``
message after it (every waiting violation in the group), or a staff removal
(the violator's ``leave`` with ``by`` a staff member, or the message recalled
by staff). Staff messages never open one.
"""

from __future__ import annotations

from collections import deque

from fenwei.engine.detectors.base import Detector, Ops
from fenwei.engine.state import GroupState, Msg
from fenwei.model import Act, Event
from fenwei.model.situations import Kind


class RuleViolationDetector(Detector):
    kind = Kind.RULE_VIOLATION

    def on_message(self, ops: Ops, g: GroupState, m: Msg) -> None:
        if m.is_staff:
            if g.waiting[Kind.RULE_VIOLATION]:
                for s in g.waiting_of(Kind.RULE_VIOLATION):
                    if m.act is Act.RULES or s.member_id in m.targets:
                        ops.resolve(g, s.id, m.author, m.at)
            return
        member = g.member(m.author)
        if m.is_ad or m.is_attack:
            self._open(ops, g, m, m.id, "ad" if m.is_ad else "attack")
        flood = g.settings.flood
        recent = member.recent
        if recent.maxlen != flood.messages + 1:
            recent = member.recent = deque(recent, maxlen=flood.messages + 1)
        recent.append(m.at)
        if len(recent) == recent.maxlen and m.at - recent[0] <= flood.window:
            recent.clear()
            self._open(ops, g, m, f"flood:{m.id}", "flood")

    def _open(self, ops: Ops, g: GroupState, m: Msg, anchor: str, act: str) -> None:
        ops.open(g, Kind.RULE_VIOLATION, m.author, m.id, m.at, anchor=anchor, text=m.text, act=act)
        g.member(m.author).violations += 1

    def on_leave(self, ops: Ops, g: GroupState, event: Event) -> None:
        if event.by and event.member_id and g.is_staff(event.by):
            for s in g.waiting_of(Kind.RULE_VIOLATION, event.member_id):
                ops.resolve(g, s.id, event.by, event.at)

    def on_recall(self, ops: Ops, g: GroupState, event: Event) -> None:
        if event.member_id and g.is_staff(event.member_id) and event.event_id:
            for s in g.waiting_of(Kind.RULE_VIOLATION):
                if s.event_id == event.event_id:
                    ops.resolve(g, s.id, event.member_id, event.at)
