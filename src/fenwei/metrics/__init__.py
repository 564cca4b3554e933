"""Atmosphere metrics: is each group becoming a place members feel at home?

Pure functions of a group's history (events, their labels, the situations the
engine found, the staff): no I/O, no clock. The atmosphere index, 0–100, is
a weighted mean of five parts, each 0–100 and explainable in one sentence:
vitality, warmth, safety, helpfulness and belonging (``docs/METRICS.md``).

    history = GroupHistory.from_pairs("g-1", pairs, situations, staff={"u-9"})
    atmosphere(history).to_json()      # the analyze --json "atmosphere" object
    series(history, "week")            # one Atmosphere per calendar week
"""

from fenwei.metrics.atmosphere import (
    INDEX_WEIGHTS,
    PARTS,
    Atmosphere,
    Freq,
    atmosphere,
    index_of,
    prepare,
    series,
)
from fenwei.metrics.history import BOTS, GroupHistory, Period, Prepared, histories
from fenwei.metrics.parts import NEUTRAL, WEIGHTS, Part
from fenwei.metrics.people import Contributor, contributors, core_members, open_situations

__all__ = [
    "BOTS",
    "INDEX_WEIGHTS",
    "NEUTRAL",
    "PARTS",
    "WEIGHTS",
    "Atmosphere",
    "Contributor",
    "Freq",
    "GroupHistory",
    "Part",
    "Period",
    "Prepared",
    "atmosphere",
    "contributors",
    "core_members",
    "histories",
    "index_of",
    "open_situations",
    "prepare",
    "series",
]
