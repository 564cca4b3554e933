"""The graded ladder for rule violations: remind → warn → remove message → remove member.

The step is the member's number of earlier violations in the group.
"""

from __future__ import annotations

from enum import StrEnum


class Step(StrEnum):
    REMIND = "remind"
    WARN = "warn"
    REMOVE_MESSAGE = "remove_message"
    REMOVE_MEMBER = "remove_member"


LADDER: tuple[Step, ...] = (Step.REMIND, Step.WARN, Step.REMOVE_MESSAGE, Step.REMOVE_MEMBER)


def ladder_step(earlier_violations: int) -> Step:
    """The step for a member with ``earlier_violations`` before this one."""
    return LADDER[min(max(earlier_violations, 0), len(LADDER) - 1)]
