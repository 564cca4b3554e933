"""A tiny chat builder for detector tests: events at minute offsets, gold-style labels."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from typing import Any

from fenwei.config.community import CommunityConfig
from fenwei.engine import replay
from fenwei.model import Act, Event, EventType, Label, Role

TZ = timezone(timedelta(hours=8))
T0 = datetime(2026, 3, 1, 10, 0, tzinfo=TZ)


class Chat:
    """Build one group's events; ``at`` is minutes after T0 (floats allowed)."""

    def __init__(self, group: str = "g-1", names: dict[str, str] | None = None) -> None:
        self.group = group
        self.names = names or {}
        self.staff: set[str] = set()
        self.pairs: list[tuple[Event, Label | None]] = []
        self._n = 0

    def time(self, at: float) -> datetime:
        return T0 + timedelta(minutes=at)

    def join(self, member: str, at: float, staff: bool = False) -> None:
        role = Role.STAFF if staff or member in self.staff else Role.MEMBER
        self.pairs.append(
            (
                Event(
                    EventType.JOIN,
                    self.group,
                    self.time(at),
                    member,
                    name=self.names.get(member),
                    role=role,
                ),
                None,
            )
        )

    def leave(self, member: str, at: float, by: str | None = None) -> None:
        self.pairs.append((Event(EventType.LEAVE, self.group, self.time(at), member, by=by), None))

    def say(
        self,
        member: str,
        act: Act | str,
        at: float,
        text: str = "",
        reply: str | None = None,
        mentions: tuple[str, ...] = (),
        sentiment: float = 0.0,
        toxicity: float = 0.0,
        probs: dict[str, float] | None = None,
        eid: str | None = None,
    ) -> str:
        self._n += 1
        eid = eid or f"m-{self._n}"
        role = Role.STAFF if member in self.staff else Role.MEMBER
        event = Event(
            EventType.MESSAGE,
            self.group,
            self.time(at),
            member,
            eid,
            self.names.get(member),
            role,
            text,
            reply,
            mentions,
        )
        self.pairs.append((event, Label(Act(act), sentiment, toxicity, probs or {}, "gold")))
        return eid

    def run(self, config: CommunityConfig | None = None) -> list[dict[str, Any]]:
        return [s.to_json() for s in replay(self.pairs, config)]


def only(situations: list[dict[str, Any]], kind: str, **keys: Any) -> list[dict[str, Any]]:
    return [s for s in situations if s["kind"] == kind and all(s[k] == v for k, v in keys.items())]


def one(situations: list[dict[str, Any]], kind: str, **keys: Any) -> dict[str, Any]:
    found = only(situations, kind, **keys)
    assert len(found) == 1, (kind, keys, situations)
    return found[0]
