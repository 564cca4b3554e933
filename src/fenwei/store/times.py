"""How the store keeps time (integer microseconds, UTC, plus the offset), and its rows."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone
from typing import Any

import orjson

from fenwei.model import Event, EventType, Role

EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
_TZ_CACHE: dict[int, timezone] = {}


def instant_us(at: datetime) -> int:
    """Microseconds since the epoch of an aware datetime (exact, no float)."""
    delta = at - EPOCH
    return (delta.days * 86_400 + delta.seconds) * 1_000_000 + delta.microseconds


def offset_seconds(at: datetime) -> int:
    off = at.utcoffset()
    return off.seconds + off.days * 86_400 if off else 0


def _tz(offset: int) -> timezone:
    tz = _TZ_CACHE.get(offset)
    if tz is None:
        tz = UTC if offset == 0 else timezone(timedelta(seconds=offset))
        _TZ_CACHE[offset] = tz
    return tz


def instant(at_us: int, offset: int) -> datetime:
    """The aware datetime of a stored (microseconds, offset) pair."""
    return (EPOCH + timedelta(microseconds=at_us)).astimezone(_tz(offset))


def event_from_row(r: Any) -> Event:
    """The ``Event`` of a row of the ``events`` table."""
    return Event(
        EventType(r.type),
        r.group_id,
        instant(r.at_us, r.tz_offset),
        r.member_id,
        r.event_id,
        r.name,
        Role(r.role),
        r.text,
        r.reply_to,
        tuple(orjson.loads(r.mentions)) if r.mentions else (),
        r.by_member,
    )
