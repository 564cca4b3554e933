"""silence: no message for 48 hours in a group that had at least 5 before.

``opened_at`` is the last message + 48 h; no deadline, never expired;
resolved by the next message (``community`` or ``staff`` by its author).
One timer per group: when it fires and messages came since, it is set again
for the latest message.
"""

from __future__ import annotations

from datetime import datetime

from fenwei.engine.detectors.base import Detector, Ops
from fenwei.engine.state import GroupState, Msg
from fenwei.model.situations import Kind


class SilenceDetector(Detector):
    kind = Kind.SILENCE

    def on_message(self, ops: Ops, g: GroupState, m: Msg) -> None:
        if g.silence_id is not None:
            ops.resolve(g, g.silence_id, m.author, m.at)
            g.silence_id = None
        rule = g.settings.silence
        if g.silence_check_at is None and g.message_count >= rule.min_messages:
            g.silence_check_at = m.at + rule.gap
            ops.schedule(g.silence_check_at, g, "silence", "")

    def on_timer(self, ops: Ops, g: GroupState, what: str, ref: str, at: datetime) -> None:
        if what != "silence" or g.last_message_at is None:
            return
        due = g.last_message_at + g.settings.silence.gap
        if due > at:
            # messages came since: check again when this latest one is 48 h old
            g.silence_check_at = due
            ops.schedule(due, g, "silence", "")
            return
        g.silence_check_at = None
        if g.silence_id is None:
            s = ops.open(g, Kind.SILENCE, None, None, due, anchor=f"silence:{int(due.timestamp())}")
            g.silence_id = s.id
