"""staff_tone: a staff message that sets the wrong tone; no deadline.

Judged from the text (impatient, dismissive or condescending phrases from
the configuration, in a message that is not positive) and, as a floor, a
staff message classified ``attack`` or with toxicity ≥ 0.3 or sentiment ≤
−0.3. A firm moderation notice is not a tone problem: a ``rules`` message, or
one addressed to a member with a waiting rule violation or in an open
conflict.
"""

from __future__ import annotations

from fenwei.engine.detectors.base import Detector, Ops
from fenwei.engine.state import GroupState, Msg
from fenwei.model import Act
from fenwei.model.situations import Kind


class StaffToneDetector(Detector):
    kind = Kind.STAFF_TONE

    def on_message(self, ops: Ops, g: GroupState, m: Msg) -> None:
        if not m.is_staff or m.act is Act.RULES:
            return
        rule = g.settings.staff_tone
        floor = (
            m.act is Act.ATTACK
            or m.label.toxicity >= rule.toxicity
            or m.label.sentiment <= rule.sentiment
        )
        if not floor:
            low = m.text.lower()
            if m.label.sentiment > 0.1 or not any(c.lower() in low for c in rule.cues):
                return
        if self._is_moderation(g, m):
            return
        targets = tuple(sorted(t for t in m.targets if t in g.members))
        ops.open(
            g,
            Kind.STAFF_TONE,
            m.author,
            m.id,
            m.at,
            anchor=m.id,
            text=m.text,
            parties=targets,
            act=m.act.value,
        )

    def _is_moderation(self, g: GroupState, m: Msg) -> bool:
        for t in m.targets:
            if g.waiting_of(Kind.RULE_VIOLATION, t):
                return True
        return any(s.is_open and m.targets & set(s.parties) for s in g.waiting_of(Kind.CONFLICT))
