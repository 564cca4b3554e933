"""newcomer: a member joins; resolved by a welcome (CONTRACTS.md).

A ``welcome`` addressed to waiting newcomers (mention, reply, name) resolves
theirs; a welcome addressed to no waiting newcomer (to nobody, or only to
others, such as the staff it points to) greets every newcomer of the group
still open. Staff joining open nothing.
"""

from __future__ import annotations

from fenwei.engine.detectors.base import Detector, Ops
from fenwei.engine.state import GroupState, Msg
from fenwei.model import Act, Event
from fenwei.model.situations import Kind


class NewcomerDetector(Detector):
    kind = Kind.NEWCOMER

    def on_join(self, ops: Ops, g: GroupState, event: Event) -> None:
        member = event.member_id
        if member is None or g.is_staff(member):
            return
        ops.open(
            g,
            Kind.NEWCOMER,
            member,
            member,
            event.at,
            anchor=event.key,
        )

    def on_message(self, ops: Ops, g: GroupState, m: Msg) -> None:
        if m.act is not Act.WELCOME:
            return
        waiting = g.waiting[Kind.NEWCOMER]
        if not waiting:
            return
        addressed = [s for t in sorted(m.targets) for s in g.waiting_of(Kind.NEWCOMER, t)]
        if addressed:
            chosen = sorted(addressed, key=lambda s: s.opened_at)
        else:
            chosen = [s for s in g.open_recent(Kind.NEWCOMER) if s.member_id != m.author][::-1]
        for s in chosen:
            ops.resolve(g, s.id, m.author, m.at)
