"""One detector per situation kind, run in this order for every message.

Order matters only where one message touches several kinds: tone is judged
before a staff message resolves the violations that make it a moderation
notice.
"""

from fenwei.engine.detectors.base import Detector, Ops
from fenwei.engine.detectors.complaint import ComplaintDetector
from fenwei.engine.detectors.conflict import ConflictDetector
from fenwei.engine.detectors.core_member import CoreMemberDetector
from fenwei.engine.detectors.criticism import CriticismDetector
from fenwei.engine.detectors.newcomer import NewcomerDetector
from fenwei.engine.detectors.open_question import OpenQuestionDetector
from fenwei.engine.detectors.rule_violation import RuleViolationDetector
from fenwei.engine.detectors.silence import SilenceDetector
from fenwei.engine.detectors.staff_tone import StaffToneDetector
from fenwei.engine.detectors.unthanked_contribution import UnthankedContributionDetector

DETECTORS: tuple[type[Detector], ...] = (
    SilenceDetector,
    NewcomerDetector,
    OpenQuestionDetector,
    UnthankedContributionDetector,
    ComplaintDetector,
    CriticismDetector,
    StaffToneDetector,
    ConflictDetector,
    RuleViolationDetector,
    CoreMemberDetector,
)

__all__ = [
    "DETECTORS",
    "ComplaintDetector",
    "ConflictDetector",
    "CoreMemberDetector",
    "CriticismDetector",
    "Detector",
    "NewcomerDetector",
    "OpenQuestionDetector",
    "Ops",
    "RuleViolationDetector",
    "SilenceDetector",
    "StaffToneDetector",
    "UnthankedContributionDetector",
]
