"""core_member: an ordinary member emerging as a helper; no deadline.

Helpful acts are ``answer``, ``welcome`` and ``praise`` addressed to someone
else; opened at the 5th within any 14-day window (``event`` = that message),
at most once per member per 30 days (CONTRACTS.md).
"""

from __future__ import annotations

from fenwei.engine.detectors.base import Detector, Ops
from fenwei.engine.state import UNKNOWN, GroupState, Msg
from fenwei.model import Act
from fenwei.model.situations import Kind


def is_helpful(m: Msg) -> bool:
    if m.act in (Act.ANSWER, Act.WELCOME):
        return True
    return m.act is Act.PRAISE and any(t != UNKNOWN for t in m.targets)


class CoreMemberDetector(Detector):
    kind = Kind.CORE_MEMBER

    def on_message(self, ops: Ops, g: GroupState, m: Msg) -> None:
        if m.is_staff or not is_helpful(m):
            return
        rule = g.settings.core_member
        member = g.member(m.author)
        member.helpful.append(m.at)
        member.helpful_total += 1
        while member.helpful and m.at - member.helpful[0] > rule.window:
            member.helpful.popleft()
        if len(member.helpful) < rule.acts:
            return
        if member.core_at is not None and m.at - member.core_at < rule.cooldown:
            return
        member.core_at = m.at
        ops.open(
            g, Kind.CORE_MEMBER, m.author, m.id, m.at, anchor=m.id, text=m.text, act=m.act.value
        )
