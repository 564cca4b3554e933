"""What complaint and criticism share: resolved by staff addressing the author.

CONTRACTS.md: the first staff message addressed to the author (any act)
resolves all that author's waiting ones of that kind; a staff post addressed
to nobody does not count. Staff's own messages open neither.
"""

from __future__ import annotations

from fenwei.engine.detectors.base import Detector, Ops
from fenwei.engine.state import GroupState, Msg
from fenwei.model import Act


class StaffCareDetector(Detector):
    act: Act

    def on_message(self, ops: Ops, g: GroupState, m: Msg) -> None:
        if m.is_staff and m.targets and g.waiting[self.kind]:
            for target in sorted(m.targets):
                for s in g.waiting_of(self.kind, target):
                    ops.resolve(g, s.id, m.author, m.at)
        if m.act is self.act and not m.is_staff:
            ops.open(g, self.kind, m.author, m.id, m.at, anchor=m.id, text=m.text, act=m.act.value)
