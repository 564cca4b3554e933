"""The store's tables (SQLAlchemy Core), the same on SQLite and PostgreSQL.

Times are integer microseconds since the epoch (UTC), with the offset the
event was written in kept beside them (``tz_offset``, seconds), so exports
give back the local times they were given. Later features add their tables
(situations, suggestions, tickets, actions, audit) through new migrations.
"""

from __future__ import annotations

from sqlalchemy import (
    BigInteger,
    Column,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
)

metadata = MetaData()

groups = Table(
    "groups",
    metadata,
    Column("group_id", String(255), primary_key=True),
    Column("name", Text, nullable=True),
)

members = Table(
    "members",
    metadata,
    Column("group_id", String(255), primary_key=True),
    Column("member_id", String(255), primary_key=True),
    Column("name", Text, nullable=True),
    Column("role", String(16), nullable=False, server_default="member"),
)

events = Table(
    "events",
    metadata,
    Column(
        "seq", BigInteger().with_variant(Integer, "sqlite"), primary_key=True, autoincrement=True
    ),
    Column("group_id", String(255), nullable=False),
    Column("key", String(512), nullable=False),
    Column("type", String(8), nullable=False),
    Column("event_id", String(255), nullable=True),
    Column("member_id", String(255), nullable=True),
    Column("at_us", BigInteger, nullable=False),
    Column("tz_offset", Integer, nullable=False),
    Column("name", Text, nullable=True),
    Column("role", String(16), nullable=False),
    Column("text", Text, nullable=True),
    Column("reply_to", String(255), nullable=True),
    Column("mentions", Text, nullable=True),
    Column("by_member", String(255), nullable=True),
    UniqueConstraint("group_id", "key", name="uq_events_group_key"),
)
Index("ix_events_group_at", events.c.group_id, events.c.at_us)
