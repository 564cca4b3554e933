"""A deterministic, seeded demo community for fenwei.

Six groups over the 60 days ending 2026-10-31, about 40,000 events: five
Chinese WeChat-style groups and one English Discord-style group, each with
its own character (``GroupInfo.character``):

- ``healthy``: newcomers welcomed within minutes by ordinary members,
  questions answered and shares thanked by members, core helpers emerging;
- ``ads``: ad accounts that join and post ads (some flooding), late staff;
- ``quarrelsome``: complaints, pile-ons and members insulting each other;
- ``silent``: lively at first, then fading, with 48 h+ silences at the end;
- ``poor_staff_tone``: staff answering impatiently and brushing off
  complaints.

``generate(seed)`` yields the events in time order; ``generate_labeled(seed)``
yields each with the label the generator intended (``None`` for joins and
leaves). The same seed gives the same community; only ``random.Random(seed)``
is used, never the clock.
"""

from __future__ import annotations

import heapq
import random
from collections.abc import Iterator

from fenwei.demo.groups import CHARACTERS, GROUPS, GROUPS_BY_ID, PARAMS, Character, GroupInfo
from fenwei.demo.sim import DAYS, END_DATE, GroupSim
from fenwei.model import Event, Label

__all__ = [
    "CHARACTERS",
    "DAYS",
    "END_DATE",
    "GROUPS",
    "GROUPS_BY_ID",
    "Character",
    "GroupInfo",
    "generate",
    "generate_labeled",
    "group_events",
]


def group_events(info: GroupInfo, seed: int = 1) -> list[tuple[Event, Label | None]]:
    """One group's labeled events, in time order, as :func:`generate_labeled` makes them."""
    for g, sub_seed in zip(GROUPS, _sub_seeds(seed), strict=True):
        if g.key == info.key:
            return GroupSim(g, PARAMS[g.key], random.Random(sub_seed)).run()
    raise KeyError(info.key)


def _sub_seeds(seed: int) -> list[int]:
    master = random.Random(seed)
    return [master.getrandbits(64) for _ in GROUPS]


def generate_labeled(seed: int = 1) -> Iterator[tuple[Event, Label | None]]:
    """Every event of the demo community with its intended label, in time order."""
    streams = [
        GroupSim(g, PARAMS[g.key], random.Random(sub)).run()
        for g, sub in zip(GROUPS, _sub_seeds(seed), strict=True)
    ]
    yield from heapq.merge(*streams, key=lambda pair: pair[0].at)


def generate(seed: int = 1) -> Iterator[Event]:
    """Every event of the demo community, in time order."""
    for event, _ in generate_labeled(seed):
        yield event
