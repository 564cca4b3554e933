"""What a detector is, and what it may ask of the engine.

A detector handles one situation kind: it looks at each message (and join,
leave, recall, timer) of a group and opens or resolves situations of its
kind through ``Ops``. It keeps no state of its own beyond the group state, so
replaying the same events gives the same result.
"""

from __future__ import annotations

from datetime import datetime
from typing import Protocol

from fenwei.engine.state import GroupState, Msg
from fenwei.model import Event
from fenwei.model.situations import Kind, Situation


class Ops(Protocol):
    """The engine's operations a detector uses."""

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
    ) -> Situation: ...

    def resolve(self, g: GroupState, situation_id: str, by: str, at: datetime) -> None: ...

    def update(self, g: GroupState, situation: Situation) -> None: ...

    def note(self, g: GroupState, situation_id: str, note: str, at: datetime) -> None: ...

    def schedule(self, at: datetime, g: GroupState, what: str, ref: str) -> None: ...


class Detector:
    """One situation kind; every hook is optional."""

    kind: Kind

    def on_message(self, ops: Ops, g: GroupState, m: Msg) -> None:
        return None

    def on_join(self, ops: Ops, g: GroupState, event: Event) -> None:
        return None

    def on_leave(self, ops: Ops, g: GroupState, event: Event) -> None:
        return None

    def on_recall(self, ops: Ops, g: GroupState, event: Event) -> None:
        return None

    def on_timer(self, ops: Ops, g: GroupState, what: str, ref: str, at: datetime) -> None:
        return None
