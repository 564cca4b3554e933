"""criticism: a ``criticism``, awaiting acknowledgement by staff (1 hour).

fenwei drafts the feedback ticket itself (``playbooks``), whether or not
staff respond.
"""

from __future__ import annotations

from fenwei.engine.detectors._care import StaffCareDetector
from fenwei.model import Act
from fenwei.model.situations import Kind


class CriticismDetector(StaffCareDetector):
    kind = Kind.CRITICISM
    act = Act.CRITICISM
