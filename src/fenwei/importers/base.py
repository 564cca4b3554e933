"""What every importer shares: options, the reader protocol, time helpers."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta, timezone, tzinfo
from pathlib import Path
from typing import Protocol
from zoneinfo import ZoneInfo

from fenwei.model import Event, ImportIssue

DEFAULT_TZ = "Asia/Shanghai"
SNIFF_BYTES = 64 * 1024


@dataclass(frozen=True, slots=True)
class ImportOptions:
    """How to read a file.

    ``tz`` is the zone of formats that carry only local times (and of the
    offsets written back for epoch times). ``group`` names the group for
    formats that do not say which group a file is (a WeChat CSV is one chat);
    ``columns`` is a CSV column mapping (field -> column name) overriding the
    preset.
    """

    tz: tzinfo = field(default_factory=lambda: ZoneInfo(DEFAULT_TZ))
    group: str | None = None
    csv_preset: str | None = None
    columns: dict[str, str] = field(default_factory=dict)


class Reader(Protocol):
    """An importer: one module per format, registered in ``importers.detect``."""

    name: str

    def sniff(self, head: str, path: Path) -> bool:
        """True when ``head`` (the file's first characters) is this format."""
        ...

    def read(self, path: Path, options: ImportOptions) -> Iterator[Event | ImportIssue]:
        """Yield the file's events in file order, and an issue per bad line."""
        ...


def from_epoch(seconds: float, tz: tzinfo) -> datetime:
    """An epoch instant as an aware datetime shown in ``tz``."""
    return datetime.fromtimestamp(seconds, UTC).astimezone(tz)


def from_local(text: str, tz: tzinfo) -> datetime:
    """A local time without offset (``2024-03-02 21:05:10``) read in ``tz``.

    A time that already has an offset keeps it.
    """
    at = datetime.fromisoformat(text.strip())
    if at.tzinfo is None:
        at = at.replace(tzinfo=tz)
    return at


def fixed_offset(minutes: int) -> timezone:
    return timezone(timedelta(minutes=minutes))
