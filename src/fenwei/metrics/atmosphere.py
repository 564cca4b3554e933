"""The atmosphere index of a group over a period, and its series by day or week."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Literal

from fenwei.metrics.history import GroupHistory, Period, Prepared
from fenwei.metrics.parts import NEUTRAL, Part, belonging, helpfulness, safety, vitality, warmth

PARTS: tuple[str, ...] = ("vitality", "warmth", "safety", "helpfulness", "belonging")
INDEX_WEIGHTS: dict[str, float] = {
    "vitality": 0.15,
    "warmth": 0.2,
    "safety": 0.25,
    "helpfulness": 0.2,
    "belonging": 0.2,
}
Freq = Literal["day", "week"]


@dataclass(frozen=True, slots=True)
class Atmosphere:
    """A group's atmosphere over one period: the index and its five parts, 0–100.

    ``details`` holds each part's components, raw figures and the ids behind
    them; ``start``/``end`` the period (None for an empty history);
    ``messages`` the messages in it (0: a day without evidence of most parts).
    """

    index: float
    vitality: float
    warmth: float
    safety: float
    helpfulness: float
    belonging: float
    start: datetime | None = None
    end: datetime | None = None
    messages: int = 0
    details: Mapping[str, Part] = field(default_factory=dict)

    def to_json(self) -> dict[str, float]:
        """The ``atmosphere`` object of ``analyze --json`` (CONTRACTS.md)."""
        return {
            "index": round(self.index, 1),
            **{p: round(float(getattr(self, p)), 1) for p in PARTS},
        }

    def to_detail(self) -> dict[str, object]:
        """Everything: scores, period, and each part's components, figures and refs."""
        return {
            **self.to_json(),
            "start": self.start.isoformat() if self.start else None,
            "end": self.end.isoformat() if self.end else None,
            "messages": self.messages,
            "parts": {k: v.to_json() for k, v in self.details.items()},
        }


def index_of(parts: Mapping[str, float]) -> float:
    """The weighted mean of the five parts."""
    return round(sum(INDEX_WEIGHTS[p] * parts[p] for p in PARTS), 2)


def prepare(history: GroupHistory | Prepared) -> Prepared:
    """Index a history once to measure many periods of it."""
    return history if isinstance(history, Prepared) else Prepared(history)


def atmosphere(history: GroupHistory | Prepared, period: Period | None = None) -> Atmosphere:
    """The atmosphere of ``history`` over ``period`` (default: its whole span).

    Situations count in the period they opened in, with the outcome they had
    by the end of the data. An empty history is neutral (50 everywhere).
    """
    h = prepare(history)
    p = period or h.whole()
    if p is None:
        neutral = dict.fromkeys(PARTS, NEUTRAL)
        return Atmosphere(
            index=index_of(neutral),
            vitality=NEUTRAL,
            warmth=NEUTRAL,
            safety=NEUTRAL,
            helpfulness=NEUTRAL,
            belonging=NEUTRAL,
        )
    msgs = h.messages_in(p)
    details = {
        "vitality": vitality(h, p, msgs),
        "warmth": warmth(h, p, msgs),
        "safety": safety(h, p, msgs),
        "helpfulness": helpfulness(h, p),
        "belonging": belonging(h, p, msgs),
    }
    scores = {k: v.score for k, v in details.items()}
    return Atmosphere(
        index=index_of(scores),
        start=p.start,
        end=p.end,
        messages=len(msgs),
        details=details,
        **scores,
    )


def series(
    history: GroupHistory | Prepared, freq: Freq = "day", span: Period | None = None
) -> list[Atmosphere]:
    """The atmosphere per calendar day or week (Monday first) in the group's time zone.

    Covers ``span`` (default: the whole history), empty days included.
    """
    h = prepare(history)
    return [atmosphere(h, p) for p in h.calendar(freq, span)]
