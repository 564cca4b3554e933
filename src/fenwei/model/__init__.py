"""The domain model: events as fenwei reads them, and the words for them.

Everything here is plain data (frozen, slotted dataclasses and string enums);
it imports nothing else from fenwei.
"""

from fenwei.model.acts import ACTS, Act, Label
from fenwei.model.events import (
    Event,
    EventType,
    ImportIssue,
    Role,
    event_key,
    format_time,
)

__all__ = [
    "ACTS",
    "Act",
    "Event",
    "EventType",
    "ImportIssue",
    "Label",
    "Role",
    "event_key",
    "format_time",
]
