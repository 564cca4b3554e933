"""complaint: a ``complaint``, awaiting care from staff (15 minutes by default)."""

from __future__ import annotations

from fenwei.engine.detectors._care import StaffCareDetector
from fenwei.model import Act
from fenwei.model.situations import Kind


class ComplaintDetector(StaffCareDetector):
    kind = Kind.COMPLAINT
    act = Act.COMPLAINT
