"""unthanked_contribution: a member's ``share`` or ``answer`` awaiting thanks.

Staff posts are not contributions. A ``praise`` by someone else resolves
every waiting contribution of every member it addresses; praise addressed to
nobody thanks nobody (CONTRACTS.md).
"""

from __future__ import annotations

from fenwei.engine.detectors.base import Detector, Ops
from fenwei.engine.state import GroupState, Msg
from fenwei.model import Act
from fenwei.model.situations import Kind

_CONTRIBUTIONS = frozenset({Act.SHARE, Act.ANSWER})


class UnthankedContributionDetector(Detector):
    kind = Kind.UNTHANKED_CONTRIBUTION

    def on_message(self, ops: Ops, g: GroupState, m: Msg) -> None:
        if m.act is Act.PRAISE and m.targets:
            for target in sorted(m.targets):
                for s in g.waiting_of(Kind.UNTHANKED_CONTRIBUTION, target):
                    ops.resolve(g, s.id, m.author, m.at)
        if m.act in _CONTRIBUTIONS and not m.is_staff:
            ops.open(
                g,
                Kind.UNTHANKED_CONTRIBUTION,
                m.author,
                m.id,
                m.at,
                anchor=m.id,
                text=m.text,
                act=m.act.value,
            )
