"""conflict: members exchanging hostile messages; resolved when staff step in.

CONTRACTS.md: a hostile message is an ``attack``, or a message from an
ordinary member addressed to another ordinary member with toxicity ≥ 0.5 or
sentiment ≤ −0.5. A conflict opens when a second member's hostile message
comes within 10 minutes of the first member's; ``member`` and ``event`` are
the first hostile message's author and id; later hostile messages join it
while it is open. Staff resolve it by a message addressing a party or the
group (a message addressed to nobody).
"""

from __future__ import annotations

from dataclasses import replace

from fenwei.engine.detectors.base import Detector, Ops
from fenwei.engine.state import UNKNOWN, GroupState, Msg
from fenwei.model.situations import Kind


def is_hostile(g: GroupState, m: Msg) -> bool:
    if m.is_attack:
        return True
    if m.is_staff:
        return False
    rule = g.settings.conflict
    if m.label.toxicity < rule.toxicity and m.label.sentiment > rule.sentiment:
        return False
    return any(t != UNKNOWN and not g.is_staff(t) for t in m.targets)


class ConflictDetector(Detector):
    kind = Kind.CONFLICT

    def on_message(self, ops: Ops, g: GroupState, m: Msg) -> None:
        hostile = is_hostile(g, m)
        if m.is_staff and not hostile and g.waiting[Kind.CONFLICT]:
            for s in g.waiting_of(Kind.CONFLICT):
                if not m.targets or m.targets & set(s.parties):
                    ops.resolve(g, s.id, m.author, m.at)
        if not hostile:
            return
        current = g.situations.get(g.conflict_id) if g.conflict_id else None
        if current is not None and current.is_open and current.resolved_by is None:
            parties = (
                current.parties if m.author in current.parties else (*current.parties, m.author)
            )
            ops.update(g, replace(current, parties=parties, event_ids=(*current.event_ids, m.id)))
            return
        window = g.settings.conflict.window
        while g.hostile and m.at - g.hostile[0][0] > window:
            g.hostile.popleft()
        if any(author != m.author for _, author, _ in g.hostile):
            _first_at, first_author, first_id = g.hostile[0]
            authors: list[str] = []
            for _, author, _ in (*g.hostile, (m.at, m.author, m.id)):
                if author not in authors:
                    authors.append(author)
            ids = (*tuple(i for _, _, i in g.hostile), m.id)
            g.hostile.clear()
            s = ops.open(
                g, Kind.CONFLICT, first_author, first_id, m.at, anchor=m.id, parties=tuple(authors)
            )
            ops.update(g, replace(g.situations[s.id], event_ids=ids))
            g.conflict_id = s.id
        else:
            g.hostile.append((m.at, m.author, m.id))
