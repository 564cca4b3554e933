"""open_question: a ``question``; resolved when another person answers it.

CONTRACTS.md: a reply counts only if it is an ``answer``; an answer replying
to the question resolves it; an answer addressed to the asker resolves the
asker's most recent waiting question; an unaddressed answer resolves the most
recent open question asked by someone else. An answer by a member with a
dismissive phrase (这都不会?, configured) still answers, and is flagged.
"""

from __future__ import annotations

from fenwei.engine.detectors.base import Detector, Ops
from fenwei.engine.ids import situation_id
from fenwei.engine.state import GroupState, Msg
from fenwei.model import Act
from fenwei.model.situations import Kind


class OpenQuestionDetector(Detector):
    kind = Kind.OPEN_QUESTION

    def on_message(self, ops: Ops, g: GroupState, m: Msg) -> None:
        if m.act is Act.ANSWER and g.waiting[Kind.OPEN_QUESTION]:
            self._answer(ops, g, m)
        if m.act is Act.QUESTION:
            ops.open(
                g,
                Kind.OPEN_QUESTION,
                m.author,
                m.id,
                m.at,
                anchor=m.id,
                text=m.text,
                act=m.act.value,
            )

    def _answer(self, ops: Ops, g: GroupState, m: Msg) -> None:
        reply_to = m.event.reply_to
        if reply_to and situation_id(g.group_id, Kind.OPEN_QUESTION, reply_to) in g.situations:
            # a reply to a question answers that question, and only that one
            s = g.situations[situation_id(g.group_id, Kind.OPEN_QUESTION, reply_to)]
            if s.member_id != m.author:
                self._resolve(ops, g, s.id, m)
            return
        if m.is_addressed:
            for target in sorted(m.targets):
                mine = g.waiting_of(Kind.OPEN_QUESTION, target)
                if mine:
                    self._resolve(ops, g, mine[-1].id, m)
            return
        for s in g.open_recent(Kind.OPEN_QUESTION):
            if s.member_id != m.author:
                self._resolve(ops, g, s.id, m)
                return

    def _resolve(self, ops: Ops, g: GroupState, situation_id: str, m: Msg) -> None:
        """Resolve with this answer; a dismissive one (这都不会?) is flagged too."""
        ops.resolve(g, situation_id, m.author, m.at)
        if not m.is_staff and _is_dismissive(m.text, g.settings.open_question.dismissive):
            ops.note(g, situation_id, f"dismissive:{m.id}:{m.author}", m.at)


def _is_dismissive(text: str, cues: list[str]) -> bool:
    low = text.lower()
    return any(c and c.lower() in low for c in cues)
