"""The eleven message acts and a message's label (LABELS.md)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum


class Act(StrEnum):
    WELCOME = "welcome"
    RULES = "rules"
    QUESTION = "question"
    ANSWER = "answer"
    SHARE = "share"
    PRAISE = "praise"
    COMPLAINT = "complaint"
    CRITICISM = "criticism"
    ATTACK = "attack"
    AD = "ad"
    CHITCHAT = "chitchat"


ACTS: tuple[Act, ...] = tuple(Act)


@dataclass(frozen=True, slots=True)
class Label:
    """What a message does: its act, with sentiment (-1…1) and toxicity (0…1).

    ``probs`` holds the classifier's probability for every act when a model
    produced the label (empty for gold labels given with ``--acts``);
    ``source`` says where the label came from: ``model``, ``gold`` (an
    ``--acts`` file) or ``correction`` (a KOE's).
    """

    act: Act
    sentiment: float = 0.0
    toxicity: float = 0.0
    probs: Mapping[str, float] = field(default_factory=dict)
    source: str = "model"

    def prob(self, act: Act | str) -> float:
        """The probability of ``act``; a gold label is certain."""
        if not self.probs:
            return 1.0 if self.act == act else 0.0
        return float(self.probs.get(str(act), 0.0))
